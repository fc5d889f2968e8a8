import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * SPD reporting beats as SVG paths, for a server-rendered choropleth (no map tiles, no client JavaScript). The
 * source GeoJSON is in Washington State Plane feet, already planar, so it only needs scaling and a y-flip.
 */
export interface BeatShape {
  beat: string;
  sector: string | null;
  precinct: string | null;
  path: string;
  /** Label position (centroid of the outer ring's vertices). */
  cx: number;
  cy: number;
}
export interface BeatGeometry {
  source: string;
  sha256: string;
  width: number;
  height: number;
  beats: BeatShape[];
}

export const BEATS_FILE = "seattle-spd-reporting-beats.geojson";
const WIDTH = 480;
const MIN_STEP = 1.2;

type Ring = [number, number][];
interface Feature {
  properties: { beat: string; sector?: string | null; first_precinct?: string | null };
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

export function beatGeometry(dataDir: string | null): BeatGeometry | null {
  const file = dataDir ? path.join(dataDir, BEATS_FILE) : null;
  if (!file || !fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  const features = (JSON.parse(bytes.toString("utf8")) as { features: Feature[] }).features.filter((f) =>
    /^[A-Z]\d$/.test(f.properties.beat),
  );
  const polygons = (f: Feature): Ring[][] =>
    f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const poly of polygons(f))
      for (const [x, y] of poly[0] ?? []) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const scale = WIDTH / (maxX - minX);
  const height = Math.round((maxY - minY) * scale);
  const px = (x: number) => Math.round((x - minX) * scale * 10) / 10;
  const py = (y: number) => Math.round((maxY - y) * scale * 10) / 10;
  const beats = features.map((f) => {
    let d = "";
    let sx = 0,
      sy = 0,
      n = 0;
    for (const poly of polygons(f)) {
      for (const ring of poly) {
        // Drop vertices closer than MIN_STEP to the last kept one: invisible at this size, and it shrinks the page.
        const pts: string[] = [];
        let [lx, ly] = [Infinity, Infinity];
        ring.forEach(([x, y], i) => {
          const [X, Y] = [px(x), py(y)];
          if (Math.hypot(X - lx, Y - ly) >= MIN_STEP || i === ring.length - 1) {
            pts.push(`${X},${Y}`);
            [lx, ly] = [X, Y];
          }
        });
        d += `M${pts.join("L")}Z`;
      }
      for (const [x, y] of poly[0] ?? []) {
        sx += px(x);
        sy += py(y);
        n++;
      }
    }
    return {
      beat: f.properties.beat,
      sector: f.properties.sector ?? null,
      precinct: f.properties.first_precinct ?? null,
      path: d,
      cx: Math.round(sx / n),
      cy: Math.round(sy / n),
    };
  });
  return {
    source: BEATS_FILE,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    width: WIDTH,
    height,
    beats: beats.sort((a, b) => a.beat.localeCompare(b.beat)),
  };
}
