import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { storeCompleteRun } from "@/lib/eis/store";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { EIS_OFFICERS as O, eisFixtureRows, handRun, UOF_HEADER } from "../helpers/eis-fixtures";
import { auditActions, createTestUser } from "../helpers/staff-fixtures";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * Issue 25 item 3 (and 11): viewing and reviewing an EIS officer follow one scope rule, the officer's current unit
 * (lib/dal/internal/eis-scope.ts). Officer N1 was flagged in South on 2025-02-24 and is North since 2025-03-03: the
 * South supervisor can neither open the officer nor review that old South flag by posting its scoreId (refused,
 * audited, nothing saved); the North supervisor can do both. Out of scope answers exactly like an unknown ID.
 */
const session = vi.hoisted(() => ({ current: null as null | { claims: { uid: number; signedInAt: number } } }));
vi.mock("@/lib/auth/next-auth", () => ({
  auth: async () => session.current,
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
vi.mock("@/lib/auth/request-context", async (original) => ({
  ...(await original<typeof import("@/lib/auth/request-context")>()),
  currentRequestContext: async () => ({ ip: "203.0.113.25", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { AppError } = await import("@/lib/errors/app-error");
const { getEisOfficer } = await import("@/lib/dal/staff-eis-officer");
const { submitEisReview } = await import("@/lib/dal/staff-eis-review");
const { submitReviewAction } = await import("@/app/(staff)/staff/eis/officers/[officerId]/actions");

const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: "ok", message: "" }),
    (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.message } : { code: String(e), message: "" }),
  );
const reason = { code: "incident_score", text: "incident_score reason text" };

describe("one scope rule for viewing and reviewing an EIS officer", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  const ids: Record<string, number> = {};
  let southFlag = 0;
  const signInAs = (who: string | null) => {
    session.current = who ? { claims: { uid: ids[who]!, signedInAt: Date.now() } } : null;
  };
  const review = (scoreId: number) => ({
    scoreId,
    flagDecision: "agree",
    reasonDecisions: { incident_score: "agree" },
    interventionRecommended: "no",
  });

  beforeAll(async () => {
    t = await tempSqliteDb();
    db = t.db;
    process.env.DATABASE_URL = t.url;
    const report = await ingestFile(db, {
      source: "seattle-uof",
      filePath: writeCsv(t.dir, "uof.csv", UOF_HEADER, eisFixtureRows()),
      origin: "file",
    });
    const officerDbIds = new Map(
      (await db.officer.findMany({ where: { idSpace: "seattle-uof" } })).map((o) => [o.sourceId, o.id]),
    );
    const store = (asOf: string, officers: Parameters<typeof handRun>[1]) =>
      storeCompleteRun(db, {
        result: handRun(asOf, officers),
        datasetVersionId: report.versionId,
        methodologyVersion: "test",
        trigger: "cli",
        durationMs: 5,
        officerDbIds,
      });
    await store("2025-02-24", [
      { officerId: O.N1, precinct: "South", reasons: [reason] },
      { officerId: O.W1, precinct: "West" },
    ]);
    await store("2025-03-03", [
      { officerId: O.N1, precinct: "North" },
      { officerId: O.W1, precinct: "West", reasons: [reason] },
    ]);
    southFlag = (await db.eisOfficerScore.findFirstOrThrow({ where: { officerSourceId: O.N1, precinct: "South" } })).id;
    ids.south = (
      await createTestUser(db, {
        email: "south@spd.test",
        role: "supervisor",
        units: [{ kind: "precinct", name: "South" }],
      })
    ).id;
    ids.north = (
      await createTestUser(db, {
        email: "north@spd.test",
        role: "supervisor",
        units: [{ kind: "precinct", name: "North" }],
      })
    ).id;
  });
  afterAll(() => t.cleanup());
  beforeEach(() => signInAs(null));

  it("the South supervisor can neither view the officer nor review their old South flag; both refusals answer like an unknown ID", async () => {
    signInAs("south");
    const unknown = await failure(getEisOfficer("99999"));
    expect(unknown.code).toBe("not_found");
    expect(await failure(getEisOfficer(O.N1))).toEqual(unknown);
    // The forged POST: the scoreId of the 2025-02-24 South flag.
    expect(await failure(submitEisReview(review(southFlag)))).toEqual(unknown);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      scoreId: String(southFlag),
      flagDecision: "agree",
      intervention: "no",
      "reason:incident_score": "agree",
    }))
      form.append(k, v);
    expect(await submitReviewAction({ status: "idle" }, form)).toMatchObject({ status: "error" });
    expect(await db.eisReview.count()).toBe(0);
    const denied = (await auditActions(db)).filter((a) => a.action === "flag.review_denied");
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({
      actorEmail: "south@spd.test",
      target: `officer:seattle-uof:${O.N1}`,
      ip: "203.0.113.25",
      detail: { outcome: "outside_units", scoreId: southFlag, what: "review" },
    });
    const viewDenied = (await auditActions(db)).filter((a) => a.action === "eis.officer_view_denied");
    expect(viewDenied.map((a) => [a.actorEmail, a.target])).toEqual([
      ["south@spd.test", `officer:seattle-uof:${O.N1}`],
    ]);
  });

  it("the North supervisor, who sees the officer, can review the flag raised while they were in South", async () => {
    signInAs("north");
    const page = await getEisOfficer(O.N1, { score: String(southFlag) });
    expect(page.score).toMatchObject({ scoreId: southFlag, precinct: "South", flagged: true });
    expect(page.canReview).toBe(true);
    const saved = await submitEisReview(review(southFlag));
    expect(saved).toMatchObject({ officerId: O.N1, scoreId: southFlag });
    expect(await db.eisReview.count()).toBe(1);
    expect((await auditActions(db)).filter((a) => a.action === "flag.review").map((a) => a.actorEmail)).toEqual([
      "north@spd.test",
    ]);
  });
});
