import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { listReleases } from "@/lib/pipeline/releases";

/**
 * The public API pinned with ?release= (issue 18): aggregates (CSV, JSON, manifest, ZIP), dictionaries, the OpenAPI
 * document and row extracts. Run by releaseCases on SQLite and PostgreSQL: `capture` while the first release is the
 * latest, `compare` after the newer load, `fuzz` for malformed ids on every endpoint.
 */
type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ORIGIN = "http://portal.test";
const AGG = "aggregate-uof-incidents-by-level";

async function call(path: string): Promise<{ status: number; type: string; release: string | null; body: string }> {
  const url = new URL(path, ORIGIN);
  const [, , , kind, id, sub] = url.pathname.split("/");
  const load = async (): Promise<[Route, Record<string, string>]> => {
    if (kind === "charts") return [(await import("@/app/api/v1/charts/[id]/route")).GET as Route, { id: id! }];
    if (kind === "dictionary")
      return [(await import("@/app/api/v1/dictionary/[dataset]/route")).GET as Route, { dataset: id! }];
    if (kind === "openapi.json") return [(await import("@/app/api/v1/openapi.json/route")).GET as Route, {}];
    if (sub === "manifest")
      return [(await import("@/app/api/v1/extracts/[dataset]/manifest/route")).GET as Route, { dataset: id! }];
    if (sub === "zip")
      return [(await import("@/app/api/v1/extracts/[dataset]/zip/route")).GET as Route, { dataset: id! }];
    return [(await import("@/app/api/v1/extracts/[dataset]/route")).GET as Route, { dataset: id! }];
  };
  const [route, params] = await load();
  const res = await route(new Request(url), { params: Promise.resolve(params) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    release: res.headers.get("x-release"),
    // ZIPs carry their entries' modification times: compare their bytes as hex, everything else as text.
    body: sub === "zip" && res.ok ? bytes.toString("hex") : bytes.toString("utf8"),
  };
}

/** Every pinnable answer, for one release id. */
const pinnedPaths = (id: string) => [
  `/api/v1/extracts/${AGG}?format=json&release=${id}`,
  `/api/v1/extracts/${AGG}?release=${id}`,
  `/api/v1/extracts/${AGG}/manifest?release=${id}`,
  `/api/v1/extracts/${AGG}/manifest?precinct=West&release=${id}`,
  `/api/v1/dictionary/${AGG}?release=${id}`,
  `/api/v1/openapi.json?release=${id}`,
];
let captured: Map<string, Awaited<ReturnType<typeof call>>> | null = null;

export const apiCases = {
  /** While the first release is the latest: the pinned answers, and row extracts pinned to it are served. */
  async capture(db: Db) {
    const [first] = await listReleases(db);
    captured = new Map();
    for (const p of pinnedPaths(first!.number)) {
      const got = await call(p);
      expect(got.status, p).toBe(200);
      expect(got.release, p).toBe(first!.number);
      captured.set(p, got);
    }
    const json = JSON.parse(captured.get(pinnedPaths(first!.number)[0]!)!.body);
    expect(json.release).toEqual({ id: first!.number, pinned: true, url: `${ORIGIN}/releases/${first!.number}` });
    expect(json.links.csv).toContain(`release=${first!.number}`);
    const manifest = JSON.parse(captured.get(pinnedPaths(first!.number)[2]!)!.body);
    expect(manifest.release.id).toBe(first!.number);
    // A pinned manifest is dated by its release (so it repeats byte for byte), and names the release's versions.
    expect(manifest.generatedAt).toBe(first!.createdAt.toISOString());
    expect(manifest.version).toBe(first!.snapshot.datasets[0]!.label);
    expect(manifest.links.dictionary).toBe(`${ORIGIN}/api/v1/dictionary/${AGG}?release=${first!.number}`);
    // Its version is still the active one: the rows can be served pinned, and say so.
    const rows = await call(`/api/v1/extracts/use-of-force/manifest?release=${first!.number}`);
    expect(rows.status).toBe(200);
    expect(rows.release).toBe(first!.number);
    expect(JSON.parse(rows.body).release.pinned).toBe(true);
    expect((await call(`/api/v1/extracts/use-of-force?limit=5&release=${first!.number}`)).status).toBe(200);
  },

  /** After the newer load: the pinned answers are the same bytes; latest ones moved; pinned rows are refused. */
  async compare(db: Db) {
    const [latest, older] = await listReleases(db);
    for (const p of pinnedPaths(older!.number)) {
      const again = await call(p);
      expect(again.status, p).toBe(200);
      expect(again.release, p).toBe(older!.number);
      expect(again.body, p).toBe(captured!.get(p)!.body);
    }
    const now = await call(`/api/v1/extracts/${AGG}?format=json`);
    expect(now.release).toBe(latest!.number);
    const body = JSON.parse(now.body);
    expect(body.release).toEqual({ id: latest!.number, pinned: false, url: `${ORIGIN}/releases/${latest!.number}` });
    expect(body.version).toBe(latest!.snapshot.datasets[0]!.label);
    expect(JSON.parse(captured!.get(pinnedPaths(older!.number)[0]!)!.body).rows).not.toEqual(body.rows);
    const pinnedManifest = JSON.parse(captured!.get(pinnedPaths(older!.number)[2]!)!.body);
    expect(pinnedManifest.sources[0].versionId).toBe(older!.snapshot.datasets[0]!.id);
    // The older release's version of the rows is superseded: a clear 400, not other rows.
    for (const sub of ["", "/manifest", "/zip"]) {
      const rows = await call(`/api/v1/extracts/use-of-force${sub}?release=${older!.number}`);
      expect(rows.status).toBe(400);
      expect(JSON.parse(rows.body).error.code).toBe("release_rows_unavailable");
      expect(JSON.parse(rows.body).error.message).toContain("superseded");
    }
    expect((await call(`/api/v1/extracts/use-of-force?limit=1&release=${latest!.number}`)).release).toBe(
      latest!.number,
    );
    // The release pages say the same (app/(public)/releases/[id]): the older one's version is superseded.
    const { getRelease } = await import("@/lib/dal/releases");
    const label = (r: typeof latest) => r!.snapshot.datasets[0]!.label;
    expect((await getRelease(older!.number))!.datasets[0]).toMatchObject({
      label: label(older),
      current: false,
      currentLabel: label(latest),
    });
    expect((await getRelease(latest!.number))!.datasets[0]).toMatchObject({
      current: true,
      currentLabel: label(latest),
    });
  },

  /** Malformed ids answer 400 invalid_release in the JSON error shape on every endpoint; unknown ids 404. */
  async fuzz() {
    let seed = 18;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "0123456789.-_aZ /%\\'\"<>;:é\u0000";
    const random = Array.from({ length: 12 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 14) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(
        "",
      ),
    ).filter((s) => !/^\d{4}\.(0[1-9]|1[0-2])\.[1-9]\d{0,5}$/.test(s) && s !== "");
    const bad = [
      "latest",
      "2026.13.1",
      "2026.00.1",
      "2026.12.0",
      "2026.12.01",
      "2026.12",
      "26.12.1",
      "2026.12.1 ",
      "2026.12.1.1",
      "2026.12.1234567",
      "x".repeat(300),
      ...random,
    ];
    const endpoints = [
      "/api/v1/charts/uof-incidents-by-level",
      `/api/v1/extracts/${AGG}`,
      `/api/v1/extracts/${AGG}/manifest`,
      `/api/v1/extracts/${AGG}/zip`,
      "/api/v1/extracts/use-of-force",
      "/api/v1/extracts/crisis-contacts/manifest",
      `/api/v1/dictionary/${AGG}`,
      "/api/v1/dictionary/use-of-force",
      "/api/v1/openapi.json",
    ];
    for (const e of endpoints) {
      for (const v of bad) {
        const got = await call(`${e}?release=${encodeURIComponent(v)}`);
        expect(got.status, `${e} release=${JSON.stringify(v)}`).toBe(400);
        expect(got.type).toContain("application/json");
        expect(JSON.parse(got.body).error.code).toBe("invalid_release");
      }
      const twice = await call(`${e}?release=2026.12.1&release=2026.12.2`);
      expect(twice.status, `${e} twice`).toBe(400);
      const unknown = await call(`${e}?release=1999.01.1`);
      expect(unknown.status, e).toBe(404);
      expect(JSON.parse(unknown.body).error.code).toBe("unknown_release");
    }
  },
};
