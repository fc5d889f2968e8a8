import { expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { latestRelease, listReleases, recordRelease } from "@/lib/pipeline/releases";

/**
 * Two recorders at once (two loads finishing together, or a load and a published note), each on its own
 * connection as two processes would be: release numbers must stay unique, neither recorder may fail, and the latest
 * release must describe what the public sees. Run on SQLite and PostgreSQL by the release test files, after
 * releaseCases (a release exists).
 *
 * The race is made deterministic with a gate: a recorder is held right after it has read the numbers already taken
 * (the point where both would pick the same next number) until the test lets it go.
 */
function gated(db: Db) {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const opened = new Promise<void>((r) => (open = r));
  let held = false;
  const bind = (target: object, prop: PropertyKey) => {
    const v = Reflect.get(target, prop) as unknown;
    return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
  };
  const release = (model: Db["release"]) =>
    new Proxy(model, {
      get: (m, p) =>
        p === "findMany"
          ? async (args: never) => {
              const out = await m.findMany(args);
              if (!held) {
                held = true;
                reach();
                await opened;
              }
              return out;
            }
          : bind(m, p),
    });
  const wrap = (client: Db): Db =>
    new Proxy(client, {
      get: (target, prop) =>
        prop === "release"
          ? release(target.release)
          : prop === "$transaction"
            ? (fn: (tx: Db) => Promise<unknown>, opts?: object) =>
                target.$transaction((tx) => fn(wrap(tx as unknown as Db)), opts as never)
            : bind(target, prop),
    });
  return { db: wrap(db), reached, open };
}

const extraResult = (key: string) => ({
  key,
  datasetVersionIds: "",
  methodologyVersion: "test",
  computedAt: new Date(),
  payload: JSON.stringify({ key }),
});

/** A stored result whose payload carries run metadata (the CIT fit's timings), as crisis.cit does. */
const timed = (x: number, load: number) =>
  JSON.stringify({ x, timingsMs: { load, fit: 10 * load }, nested: { timingsMs: { load, fit: load } } });

export function concurrentReleaseCases(ctx: () => { db: Db; url: string; provider: "sqlite" | "postgresql" }) {
  it("two recorders at once get distinct numbers and lose no release", async () => {
    const { db, url, provider } = ctx();
    // Start from a latest release that is what the public sees (earlier cases may leave a change unreleased, e.g.
    // notes published without a recorder run).
    await recordRelease(db, "load");
    expect(await recordRelease(db, "load")).toBeNull();
    const before = await listReleases(db);
    const a = gated(createDb(url));
    const b = gated(createDb(url));
    try {
      // Recorder A reads the public state S1 and the taken numbers, and is held.
      await db.result.create({ data: extraResult("test.concurrent-a") });
      const pA = recordRelease(a.db, "load");
      await a.reached;
      // The state moves on (S2) and recorder B reads it and the same taken numbers: both would pick one number.
      await db.result.create({ data: extraResult("test.concurrent-b") });
      const pB = recordRelease(b.db, "note");
      await b.reached;
      a.open();
      const rA = await pA;
      b.open();
      const rB = await pB;

      const made = [rA, rB].filter((r) => r !== null);
      expect(made.length).toBeGreaterThan(0);
      expect(new Set(made.map((r) => r.number)).size).toBe(made.length);
      const after = await listReleases(db);
      expect(after).toHaveLength(before.length + made.length);
      expect(new Set(after.map((r) => r.number)).size).toBe(after.length);
      // Nothing lost: the latest release holds both changes, and recording again finds nothing new.
      const keys = (await latestRelease(db))!.snapshot.results.map((r) => r.key);
      expect(keys).toEqual(expect.arrayContaining(["test.concurrent-a", "test.concurrent-b"]));
      expect(await recordRelease(db, "load")).toBeNull();
      if (provider === "postgresql") {
        // Read committed: A's release is S1 under the next number; B, refused that number, reads again and records
        // S2 under the one after.
        expect(rA && rB).toBeTruthy();
        expect(rA!.snapshot.results.map((r) => r.key)).not.toContain("test.concurrent-b");
        const [prefix, n] = [rA!.number.slice(0, 8), Number(rA!.number.slice(8))];
        expect(rB!.number).toBe(`${prefix}${n + 1}`);
      } else {
        // SQLite serialises: A's snapshot went stale when S2 was written, so A (retrying) records S2, and B, whose
        // snapshot A's commit made stale, finds S2 already released.
        expect(made).toHaveLength(1);
      }
    } finally {
      a.open();
      b.open();
      await (a.db as unknown as { $disconnect(): Promise<void> }).$disconnect();
      await (b.db as unknown as { $disconnect(): Promise<void> }).$disconnect();
      await db.result.deleteMany({ where: { key: { startsWith: "test.concurrent-" } } });
    }
  });

  it("a recompute that changes only run times (the CIT fit's timingsMs) makes no release; a changed value does", async () => {
    const { db } = ctx();
    const key = "test.timed";
    try {
      await db.result.create({ data: { ...extraResult(key), payload: timed(1, 1972) } });
      const made = await recordRelease(db, "recompute");
      expect(made?.changelog.results.added).toEqual([key]);
      await db.result.update({ where: { key }, data: { payload: timed(1, 1237) } });
      expect(await recordRelease(db, "recompute")).toBeNull();
      await db.result.update({ where: { key }, data: { payload: timed(2, 1237) } });
      expect((await recordRelease(db, "recompute"))?.changelog.results.changed).toEqual([key]);
    } finally {
      await db.result.deleteMany({ where: { key } });
    }
  });
}
