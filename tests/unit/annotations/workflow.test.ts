import { describe, expect, it } from "vitest";
import { allowedActions, decide, type WorkflowSubject } from "@/lib/annotations/workflow";
import type { Role } from "@/lib/auth/roles";

const user = (id: number, role: Role) => ({ id, role });
const ANA = user(1, "analyst");
const ANA2 = user(2, "analyst");
const ADMIN = user(3, "admin");
const SUP = user(4, "supervisor");
const SUP2 = user(5, "supervisor");
const note = (state: WorkflowSubject["state"], authorId: number, writers: number[] = [authorId]): WorkflowSubject => ({
  state,
  authorId,
  writerIds: writers,
});

describe("annotation workflow", () => {
  it("draft → in review → published → retired, and back to draft from review", () => {
    expect(allowedActions(ANA, note("draft", 1))).toEqual(["edit", "submit"]);
    expect(allowedActions(ANA, note("in_review", 1))).toEqual(["edit", "return"]); // the author cannot publish
    expect(allowedActions(ANA2, note("in_review", 1))).toEqual(["edit", "publish", "return"]);
    expect(allowedActions(ADMIN, note("in_review", 1))).toEqual(["edit", "publish", "return"]);
    expect(allowedActions(ANA, note("published", 1))).toEqual(["retire"]);
    expect(allowedActions(ADMIN, note("retired", 1))).toEqual([]);
  });

  it("publishing needs a second person: not the author, not anyone who edited the content, admins included", () => {
    expect(decide(ANA, note("in_review", 1), "publish")).toMatchObject({
      ok: false,
      code: "forbidden",
      message: expect.stringMatching(/second person/),
    });
    expect(decide(ADMIN, note("in_review", 3), "publish")).toMatchObject({ ok: false, code: "forbidden" });
    expect(decide(ANA2, note("in_review", 1, [1, 2]), "publish")).toMatchObject({ ok: false, code: "forbidden" }); // ANA2 edited it
    expect(decide(ADMIN, note("in_review", 1, [1, 2]), "publish")).toEqual({ ok: true });
    expect(decide(ADMIN, note("in_review", 4), "publish")).toEqual({ ok: true }); // a supervisor's draft
  });

  it("supervisors propose drafts: they edit and submit their own only, and never publish, return or retire", () => {
    expect(allowedActions(SUP, note("draft", 4))).toEqual(["edit", "submit"]);
    expect(allowedActions(SUP, note("in_review", 4))).toEqual(["edit"]);
    for (const [state, author] of [
      ["draft", 1],
      ["in_review", 1],
      ["in_review", 5],
      ["published", 4],
      ["published", 1],
    ] as const) {
      expect(allowedActions(SUP, note(state, author)), `${state} by ${author}`).toEqual([]);
    }
    expect(decide(SUP, note("in_review", 1), "publish")).toMatchObject({
      ok: false,
      code: "forbidden",
      message: "Only an analyst or an admin can publish an annotation.",
    });
    // The role is checked before the state: a supervisor's publish is forbidden even on the wrong state.
    expect(decide(SUP, note("draft", 4), "publish")).toMatchObject({ ok: false, code: "forbidden" });
    expect(decide(SUP2, note("draft", 4), "edit")).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a wrong state is a bad request that says what to do; published notes are retired, not edited", () => {
    expect(decide(ADMIN, note("published", 1), "edit")).toMatchObject({
      ok: false,
      code: "bad_request",
      message: expect.stringMatching(/Retire it and write a new note/),
    });
    expect(decide(ADMIN, note("draft", 1), "publish")).toMatchObject({
      ok: false,
      code: "bad_request",
      message: "This annotation is a draft, so it cannot be published.",
    });
    expect(decide(ADMIN, note("retired", 1), "retire")).toMatchObject({ ok: false, code: "bad_request" });
  });
});
