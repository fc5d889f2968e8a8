import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { storeCompleteRun } from "@/lib/eis/store";
import { issueMessages } from "@/lib/errors/app-error";
import { ingestFile } from "@/lib/pipeline/ingest-source";
import { EIS_OFFICERS as O, eisFixtureRows, handRun, UOF_HEADER } from "../helpers/eis-fixtures";
import { auditActions, createTestUser } from "../helpers/staff-fixtures";
import { tempSqliteDb, writeCsv } from "../helpers/temp-db";

/**
 * The EIS data access layer guards itself (fake session, as in auth-dal.test.ts): no session → refused; supervisors
 * see and review only officers whose unit (EisOfficerScore.precinct) is theirs, whatever ID they pass; views,
 * refusals and reviews are audited; review input is validated field by field. Runs are written by hand with
 * storeCompleteRun, so every expected figure below is known by construction (no scoring model involved).
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
  currentRequestContext: async () => ({ ip: "203.0.113.9", userAgent: "vitest-browser" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { AppError } = await import("@/lib/errors/app-error");
const { getEisFlags } = await import("@/lib/dal/staff-eis");
const { getEisOfficer, getEisIncident } = await import("@/lib/dal/staff-eis-officer");
const { submitEisReview } = await import("@/lib/dal/staff-eis-review");
const { getEisAccuracy } = await import("@/lib/dal/staff-eis-accuracy");
const { submitReviewAction } = await import("@/app/(staff)/staff/eis/officers/[officerId]/actions");
const { GET: flagsRoute } = await import("@/app/(staff)/staff/api/eis/flags/route");

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : e instanceof Error ? e.name : String(e)),
  );
const inc = (code: string) => ({ code, text: `${code} reason text` });

describe("EIS data access layer", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  let db: Db;
  const ids: Record<string, number> = {};
  const signInAs = (who: string | null) => {
    session.current = who ? { claims: { uid: ids[who]!, signedInAt: Date.now() } } : null;
  };
  const scoreId = async (asOf: string, officer: string) =>
    (
      await db.eisOfficerScore.findFirstOrThrow({
        where: { officerSourceId: officer, run: { asOf: new Date(`${asOf}T00:00:00Z`) } },
      })
    ).id;

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
    const base = [
      { officerId: O.W2, precinct: "West", incidentScore: -2, incidentN: 4 },
      { officerId: O.N2, precinct: "North" },
      { officerId: O.N3, precinct: "North" },
      { officerId: O.W3, precinct: null },
    ];
    // A run old enough for a 6-month follow-up inside the data (which ends 2025-02-27): W1 and W2 flagged.
    await store("2024-08-26", [
      ...base.slice(1),
      { officerId: O.W1, precinct: "West", reasons: [inc("volume")] },
      { officerId: O.W2, precinct: "West", reasons: [inc("volume")] },
      { officerId: O.N1, precinct: "North" },
      { officerId: O.W4, precinct: "West" },
    ]);
    await store("2025-02-10", [
      ...base,
      { officerId: O.W1, precinct: "West", incidentScore: 1.1, incidentN: 2 },
      { officerId: O.N1, precinct: "North" },
      { officerId: O.W4, precinct: "West" },
    ]);
    await store("2025-02-17", [
      ...base,
      { officerId: O.W1, precinct: "West", incidentScore: 2, incidentN: 3, reasons: [inc("incident_score")] },
      { officerId: O.N1, precinct: "North" },
      { officerId: O.W4, precinct: "West" },
    ]);
    await store("2025-02-24", [
      ...base,
      { officerId: O.W1, precinct: "West", incidentScore: 1.7, incidentN: 4, reasons: [inc("incident_score")] },
      { officerId: O.N1, precinct: "North" },
      { officerId: O.W4, precinct: "West" },
    ]);
    await store("2025-03-03", [
      ...base,
      {
        officerId: O.W1,
        precinct: "West",
        incidentScore: 2,
        incidentN: 4,
        reasons: [inc("incident_score"), inc("subject_score")],
      },
      {
        officerId: O.N1,
        precinct: "North",
        incidentScore: 1,
        incidentN: 3,
        reasons: [inc("incident_score"), inc("escalation")],
        escalation: {
          lambda: 1.2,
          ciLow: 0.3,
          ciHigh: 2.1,
          lambdaVsPeers: 1.1,
          pTop5: 0.85,
          peerGroupSize: 30,
          nIncidents: 3,
          levelCounts: [0, 0, 3, 0, 0],
        },
      },
      { officerId: O.W4, precinct: "West", reasons: [inc("escalation")] },
    ]);
    ids.admin = (await createTestUser(db, { email: "admin@spd.test", role: "admin" })).id;
    ids.analyst = (await createTestUser(db, { email: "analyst@spd.test", role: "analyst" })).id;
    ids.west = (
      await createTestUser(db, {
        email: "west@spd.test",
        role: "supervisor",
        units: [{ kind: "precinct", name: "West" }],
      })
    ).id;
    ids.nobody = (await createTestUser(db, { email: "nounits@spd.test", role: "supervisor", units: [] })).id;
  });
  afterAll(() => t.cleanup());
  beforeEach(() => signInAs(null));

  it("refuses every EIS function without a session", async () => {
    const calls = [
      getEisFlags({}),
      getEisOfficer(O.W1),
      getEisIncident("5001+5002"),
      getEisAccuracy(),
      submitEisReview({}),
    ];
    for (const c of calls) expect(await code(c)).toBe("unauthenticated");
    const res = await flagsRoute(new Request("http://x/staff/api/eis/flags"), {} as never);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to use the staff area." } });
  });

  it("shows the latest run's flags in the user's scope, with trends", async () => {
    signInAs("admin");
    const all = await getEisFlags({});
    expect(all.run).toMatchObject({
      asOf: "2025-03-03",
      officersScored: 7,
      officersFlagged: 3,
      methodologyVersion: "test",
    });
    expect(all.rows.map((r) => r.officerId).sort()).toEqual([O.N1, O.W1, O.W4].sort());
    // Officers without any score ("n/a" rows) are hidden by default, with their count; na=show lists all 7.
    const scoredOnly = await getEisFlags({ show: "all" });
    expect(scoredOnly.rows.length + scoredOnly.paging.naHidden).toBe(7);
    expect(
      scoredOnly.rows.every(
        (r) => r.flagged || r.incidentScore !== null || r.subjectScore !== null || r.pTop5 !== null,
      ),
    ).toBe(true);
    expect((await getEisFlags({ show: "all", na: "show" })).rows).toHaveLength(7);
    const w1 = all.rows.find((r) => r.officerId === O.W1)!;
    // Flagged 02-17, 02-24, 03-03 and not 02-10: 3 of the last 4 runs; 2 - 1.7 = 0.3 since the previous run.
    expect(w1).toMatchObject({
      flaggedRecent: 3,
      recentRuns: 4,
      newFlag: false,
      reviewStatus: "not_reviewed",
      precinct: "West",
    });
    expect(w1.incidentScoreChange).toBeCloseTo(0.3, 12);
    expect(all.rows.find((r) => r.officerId === O.W4)).toMatchObject({ flaggedRecent: 1, newFlag: true, pTop5: null });
    expect(all.rows.find((r) => r.officerId === O.N1)).toMatchObject({ pTop5: 0.85, lambda: 1.2 });
    expect(all.options).toEqual({
      precincts: ["North", "West"],
      reasons: [
        { code: "escalation", label: "Escalation" },
        { code: "incident_score", label: "Incident score" },
        { code: "subject_score", label: "Subject score" },
      ],
    });

    signInAs("west");
    const west = await getEisFlags({});
    expect(west.scoped).toBe(true);
    expect(west.rows.map((r) => r.officerId).sort()).toEqual([O.W1, O.W4].sort());
    expect(west.inScope).toEqual({ officers: 3, flagged: 2 }); // W1, W2, W4; W3 has no known unit
    expect((await getEisFlags({ show: "all", na: "show" })).rows.map((r) => r.officerId).sort()).toEqual(
      [O.W1, O.W2, O.W4].sort(),
    );
    expect((await getEisFlags({ precinct: "North" })).rows).toEqual([]); // a filter never widens the scope
    signInAs("nobody");
    expect((await getEisFlags({ show: "all" })).rows).toEqual([]);
  });

  it("filters by precinct, reason and review status, and reports filters it did not understand", async () => {
    signInAs("analyst");
    expect((await getEisFlags({ precinct: "north" })).rows.map((r) => r.officerId)).toEqual([O.N1]);
    expect((await getEisFlags({ reason: "escalation" })).rows.map((r) => r.officerId).sort()).toEqual(
      [O.N1, O.W4].sort(),
    );
    expect((await getEisFlags({ review: "confirmed" })).rows).toEqual([]);
    const bad = await getEisFlags({ review: "maybe", reason: "escalation", show: ["all", "flagged"] });
    expect(issueMessages(bad.filterIssues)).toEqual(["review: must be one of not_reviewed, confirmed, dismissed"]);
    expect(bad.filter).toMatchObject({ show: "all", reason: "escalation", sort: "flag", page: 1, na: "hide" });
    expect(bad.filter.review).toBeUndefined();
    const res = await flagsRoute(new Request("http://x/staff/api/eis/flags?review=maybe"), {} as never);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain("review: must be one of");
  });

  it("a supervisor opens only officers of their units; views and refusals are audited", async () => {
    signInAs("west");
    const error = await getEisOfficer(O.N1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    // Outside the units answers like an unknown ID (issue 25 item 11): 404, the same message.
    expect((error as InstanceType<typeof AppError>).code).toBe("not_found");
    expect((error as Error).message).toBe(((await getEisOfficer("99999").catch((e: unknown) => e)) as Error).message);
    expect(await code(getEisOfficer(O.W3))).toBe("not_found"); // no known unit: analysts and admins only
    for (const bad of ["../1", "", "x".repeat(30), 42, "99999"])
      expect(await code(getEisOfficer(bad))).toBe("not_found");
    expect(await code(getEisOfficer(O.W1, { score: "abc" }))).toBe("bad_request");
    expect(await code(getEisOfficer(O.W1, { score: await scoreId("2025-03-03", O.N1) }))).toBe("not_found"); // another officer's score

    const w1 = await getEisOfficer(O.W1);
    expect(w1).toMatchObject({ officerId: O.W1, idSpace: "seattle-uof", canReview: true });
    expect(w1.score).toMatchObject({
      asOf: "2025-03-03",
      flagged: true,
      incidentScore: 2,
      incidentN: 4,
      reviewStatus: "not_reviewed",
    });
    expect(w1.history.map((h) => h.asOf)).toEqual([
      "2025-03-03",
      "2025-02-24",
      "2025-02-17",
      "2025-02-10",
      "2024-08-26",
    ]);
    expect(w1.peers.incidentScore.sort()).toEqual([-2, 1, 2]);
    // Incidents before 2025-03-03: four with W2, W1 at Level 3 and W2 at Level 1 (difference 2 each time).
    expect(w1.incidents.counts).toEqual({ week: 0, month: 4, year: 4 });
    expect(
      w1.incidents.rows.map((r) => [
        r.occurredAt.slice(0, 10),
        r.officerLevel,
        r.levelVsOthers,
        r.officers.map((o) => `${o.officerId}:${o.level}`).join(" "),
      ]),
    ).toEqual(["2025-02-18", "2025-02-13", "2025-02-08", "2025-02-03"].map((d) => [d, 3, 2, `${O.W1}:3 ${O.W2}:1`]));
    expect(w1.incidentInterval).toEqual({ low: 2, high: 2 }); // four equal differences: no spread
    expect((await getEisOfficer(O.W1, { period: "week" })).incidents.rows).toEqual([]);
    const older = await getEisOfficer(O.W1, { score: String(await scoreId("2025-02-10", O.W1)) });
    expect(older.score).toMatchObject({ asOf: "2025-02-10", flagged: false });
    expect(older.canReview).toBe(false);

    const log = (await auditActions(db)).filter(
      (a) => a.actorEmail === "west@spd.test" && a.action.startsWith("eis.officer"),
    );
    expect(log.filter((a) => a.action === "eis.officer_view_denied").map((a) => a.target)).toEqual([
      `officer:seattle-uof:${O.N1}`,
      `officer:seattle-uof:${O.W3}`,
    ]);
    expect(log.find((a) => a.action === "eis.officer_view_denied")).toMatchObject({
      ip: "203.0.113.9",
      detail: { outcome: "outside_units", role: "supervisor" },
    });
    expect(
      log.filter((a) => a.action === "eis.officer_view" && a.detail.outcome === "shown").length,
    ).toBeGreaterThanOrEqual(3);
  });

  it("incidents: every officer present with their level; supervisors only when one of them is in their units", async () => {
    signInAs("west");
    const key = (await getEisOfficer(O.W1)).incidents.rows[0]!.key;
    const incident = await getEisIncident(key);
    expect(incident.officers).toEqual([
      { officerId: O.W1, level: 3, rows: 1, subjects: 1 },
      { officerId: O.W2, level: 1, rows: 1, subjects: 1 },
    ]);
    expect(incident.openable.sort()).toEqual([O.W1, O.W2].sort());
    signInAs("analyst");
    const northKey = (await getEisOfficer(O.N1)).incidents.rows[0]!.key;
    expect((await getEisIncident(northKey)).officers.map((o) => o.officerId)).toEqual([O.N1, O.N2]);
    signInAs("west");
    expect(await code(getEisIncident(northKey))).toBe("not_found"); // the same answer as an unknown key
    for (const bad of ["", "x y", "1".repeat(300), "99999999"])
      expect(await code(getEisIncident(bad))).toBe("not_found");
    const denied = (await auditActions(db)).filter((a) => a.action === "eis.incident_view_denied");
    expect(denied.map((a) => [a.actorEmail, a.target])).toEqual([["west@spd.test", `eis-incident:${northKey}`]]);
  });

  it("reviews: validated per field, scoped to the supervisor's units, appended with an audit entry; the latest wins", async () => {
    const w1 = await scoreId("2025-03-03", O.W1);
    const n1 = await scoreId("2025-03-03", O.N1);
    const both = { incident_score: "agree", subject_score: "agree" };
    signInAs("west");
    const dismissal = await submitEisReview({
      scoreId: w1,
      flagDecision: "disagree",
      reasonDecisions: both,
      interventionRecommended: "no",
    }).catch((e: unknown) => e);
    expect((dismissal as Error).name).toBe("ZodError");
    expect((dismissal as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([["dismissalReason"]]);
    const missing = await submitEisReview({
      scoreId: w1,
      flagDecision: "agree",
      reasonDecisions: { incident_score: "agree", volume: "agree" },
      interventionRecommended: "no",
    }).catch((e: unknown) => e);
    expect(
      (missing as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => [i.path.join("."), i.message]),
    ).toEqual([
      ["reasonDecisions.subject_score", "Choose agree or disagree for this reason."],
      ["reasonDecisions.volume", "This flag has no such reason."],
    ]);
    expect(
      await code(
        submitEisReview({
          scoreId: n1,
          flagDecision: "agree",
          reasonDecisions: { incident_score: "agree", escalation: "agree" },
          interventionRecommended: "no",
        }),
      ),
    ).toBe("not_found");
    expect(
      await code(
        submitEisReview({
          scoreId: await scoreId("2025-03-03", O.W2),
          flagDecision: "agree",
          reasonDecisions: {},
          interventionRecommended: "no",
        }),
      ),
    ).toBe("bad_request");
    expect(
      await code(
        submitEisReview({
          scoreId: 999_999,
          flagDecision: "agree",
          reasonDecisions: {},
          interventionRecommended: "no",
        }),
      ),
    ).toBe("not_found");
    expect(await db.eisReview.count()).toBe(0);

    const first = await submitEisReview({
      scoreId: w1,
      flagDecision: "agree",
      reasonDecisions: both,
      interventionRecommended: "yes",
      notes: "Spoke with the sergeant.",
    });
    expect(first.officerId).toBe(O.W1);
    expect((await getEisFlags({})).rows.find((r) => r.officerId === O.W1)!.reviewStatus).toBe("confirmed");
    await submitEisReview({
      scoreId: w1,
      flagDecision: "disagree",
      reasonDecisions: { incident_score: "disagree", subject_score: "agree" },
      dismissalReason: "One event counted four times.",
      interventionRecommended: "no",
    });
    expect((await getEisFlags({})).rows.find((r) => r.officerId === O.W1)!.reviewStatus).toBe("dismissed");
    expect((await getEisFlags({ review: "dismissed" })).rows.map((r) => r.officerId)).toEqual([O.W1]);
    const page = await getEisOfficer(O.W1);
    expect(
      page.reviews.map((r) => [r.flagDecision, r.dismissalReason, r.interventionRecommended, r.reviewerEmail]),
    ).toEqual([
      ["disagree", "One event counted four times.", false, "west@spd.test"],
      ["agree", null, true, "west@spd.test"],
    ]);
    expect(page.reviews[0]!.reasonDecisions).toEqual([
      { code: "incident_score", decision: "disagree" },
      { code: "subject_score", decision: "agree" },
    ]);

    const log = await auditActions(db);
    expect(
      log.filter((a) => a.action === "flag.review").map((a) => [a.actorEmail, a.target, a.detail.flagDecision]),
    ).toEqual([
      ["west@spd.test", `officer:seattle-uof:${O.W1}`, "agree"],
      ["west@spd.test", `officer:seattle-uof:${O.W1}`, "disagree"],
    ]);
    expect(log.find((a) => a.action === "flag.review")!.detail).toMatchObject({
      scoreId: w1,
      asOf: "2025-03-03",
      interventionRecommended: true,
    });
    expect(log.filter((a) => a.action === "flag.review_denied").map((a) => a.target)).toEqual([
      `officer:seattle-uof:${O.N1}`,
    ]);

    signInAs("analyst");
    await submitEisReview({
      scoreId: n1,
      flagDecision: "agree",
      reasonDecisions: { incident_score: "agree", escalation: "agree" },
      interventionRecommended: "no",
    });
  });

  it("the review form action answers with field-level messages, never a throw", async () => {
    signInAs("west");
    const form = new FormData();
    for (const [k, v] of Object.entries({
      scoreId: String(await scoreId("2025-03-03", O.W4)),
      flagDecision: "disagree",
      intervention: "no",
      dismissalReason: "no",
    }))
      form.append(k, v);
    const state = await submitReviewAction({ status: "idle" }, form);
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: {
        dismissalReason: expect.stringContaining("at least 10 characters"),
        "reason:escalation": "Choose agree or disagree for this reason.",
      },
    });
    expect(state.status === "error" && state.values.dismissalReason).toBe("no");
    form.set("dismissalReason", "Peer group is one unusual squad.");
    form.set("reason:escalation", "disagree");
    expect(await submitReviewAction({ status: "idle" }, form)).toMatchObject({ status: "ok" });
    signInAs(null);
    expect(await submitReviewAction({ status: "idle" }, form)).toMatchObject({
      status: "error",
      message: "Your session has ended. Sign in again.",
    });
  });

  it("accuracy: review outcomes per run and the 6-month follow-up of the run old enough for it", async () => {
    signInAs("west"); // department-wide aggregates, the same for every role
    const acc = await getEisAccuracy();
    expect(acc.dataEnd).toBe("2025-02-27");
    expect(acc.runs.map((r) => r.asOf)).toEqual(["2025-03-03", "2025-02-24", "2025-02-17", "2025-02-10", "2024-08-26"]);
    expect(acc.runs[0]!.reviews).toEqual({
      flagsRaised: 3,
      reviewed: 3,
      confirmed: 1,
      dismissed: 2,
      interventionRecommended: 0,
    });
    expect(acc.runs.slice(0, 4).every((r) => r.followUp[6] === null && r.followUp[12] === null)).toBe(true);
    // 2024-08-26 + 6 months = 2025-02-26 <= 2025-02-28. Scored: W1, W2 (flagged), N1, N2, N3, W3, W4. Level 2+ after
    // the run: W1 (Level 3, flagged), N1 and W4 (Level 2); W2, N2, N3 and W3 used Level 1 only.
    const m = acc.runs[4]!.followUp[6]!;
    expect(m).toMatchObject({ flagged: 2, flaggedWithOutcome: 1, notFlagged: 5, notFlaggedWithOutcome: 2 });
    expect([m.precision!.rate, m.recall!.rate, m.rateNotFlagged!.rate, m.baseRate!.rate]).toEqual([
      0.5,
      1 / 3,
      0.4,
      3 / 7,
    ]);
    expect(acc.runs[4]!.followUp[12]).toBeNull();
    expect(acc.pooled[6]).toMatchObject({ runs: 1, flagged: 2, flaggedWithOutcome: 1, precision: 0.5 });
    expect(JSON.stringify(acc)).not.toMatch(new RegExp(Object.values(O).join("|")));
  });
});
