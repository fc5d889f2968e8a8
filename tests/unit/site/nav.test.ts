import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAV_GROUPS } from "@/lib/site/nav";

const PUBLIC_DIR = path.join(process.cwd(), "app", "(public)");

/** Top-level public routes: "/" plus every folder of app/(public) with a page (sub-pages link from their parent). */
function publicRoutes(): string[] {
  const dirs = fs
    .readdirSync(PUBLIC_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(PUBLIC_DIR, d.name, "page.tsx")))
    .map((d) => `/${d.name}`);
  return ["/", ...dirs].sort();
}

describe("public navigation", () => {
  const hrefs = NAV_GROUPS.flatMap((g) => g.links.map((l) => l.href));

  it("lists every public page once, in one of the groups", () => {
    expect(publicRoutes().length).toBeGreaterThan(10);
    expect([...hrefs].sort()).toEqual(publicRoutes());
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });

  it("has short groups with distinct labels, so the desktop header stays one row", () => {
    expect(NAV_GROUPS.map((g) => g.label)).toEqual(["Findings", "Methods", "Data"]);
    for (const g of NAV_GROUPS) expect(g.links.length).toBeGreaterThan(0);
    const labels = NAV_GROUPS.flatMap((g) => g.links.map((l) => l.label));
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("favicon", () => {
  it("is a real ICO holding a 32x32 PNG", () => {
    const ico = fs.readFileSync(path.join(process.cwd(), "app", "favicon.ico"));
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    expect(ico.readUInt16LE(4)).toBe(1); // one image
    expect([ico[6], ico[7]]).toEqual([32, 32]);
    const size = ico.readUInt32LE(14);
    const offset = ico.readUInt32LE(18);
    expect(offset + size).toBe(ico.length);
    const png = ico.subarray(offset);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]);
  });
});
