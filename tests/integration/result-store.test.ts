import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { StoredDataError } from "@/lib/db/json-column";
import { readResult } from "@/lib/pipeline/result-store";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { tempSqliteDb } from "../helpers/temp-db";

const cell = {
  month: "2024-01",
  precinct: "North",
  callType: "SUICIDE",
  templates: 3,
  withForce: 1,
  arrest: 1,
  emergentDetention: 0,
  referral: 1,
  noAction: 1,
  dispositionUnknown: 0,
  arrestOrForce: 2,
  citCertified: 2,
  citRequested: 1,
  citDispatched: 1,
  citArrived: 1,
};
const cube: CrisisCube = {
  versionId: 7,
  cells: [cell],
  precincts: ["North"],
  callTypes: [{ callType: "SUICIDE", templates: 3 }],
  months: ["2024-01"],
};

describe("stored results are read through one validating reader", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  const store = (payload: string, computedAt: Date) =>
    t.db.result.upsert({
      where: { key: "crisis.cube" },
      create: { key: "crisis.cube", datasetVersionIds: "7", methodologyVersion: "m", payload, computedAt },
      update: { payload, computedAt },
    });
  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.cleanup();
  });

  it("returns the payload exactly as stored, with its provenance", async () => {
    await store(JSON.stringify(cube), new Date("2026-01-01T00:00:00Z"));
    const r = await readResult(t.db, "crisis.cube");
    expect(r?.payload).toEqual(cube);
    expect(r?.datasetVersionIds).toEqual([7]);
    expect(await readResult(t.db, "crisis.yearly")).toBeNull();
  });

  it("keeps one parsed copy per computedAt and follows a rewrite", async () => {
    const first = await readResult(t.db, "crisis.cube");
    expect(await readResult(t.db, "crisis.cube")).toBe(first);
    await store(JSON.stringify({ ...cube, months: ["2024-02"] }), new Date("2026-01-02T00:00:00Z"));
    expect((await readResult(t.db, "crisis.cube"))?.payload.months).toEqual(["2024-02"]);
  });

  it("a payload that does not match its schema fails with a coded error naming the key and the field", async () => {
    await store(JSON.stringify({ ...cube, cells: [{ ...cell, templates: "3" }] }), new Date("2026-01-03T00:00:00Z"));
    const err = await readResult(t.db, "crisis.cube").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoredDataError);
    expect(err).toMatchObject({ code: "unavailable", reason: "stored_data_invalid", column: 'result "crisis.cube"' });
    expect((err as Error).message).toMatch(/^Stored result "crisis\.cube" is not valid: cells\.0\.templates: /);
  });

  it("a payload that is not JSON fails the same way", async () => {
    await store('{"versionId": 7, "cells": [', new Date("2026-01-04T00:00:00Z"));
    await expect(readResult(t.db, "crisis.cube")).rejects.toMatchObject({
      code: "unavailable",
      reason: "stored_data_invalid",
      message: expect.stringMatching(/^Stored result "crisis\.cube" is not valid: not JSON/),
    });
  });

  it("the public chart pages surface the coded error instead of crashing inside a chart", async () => {
    await store(JSON.stringify({ ...cube, cells: "none" }), new Date("2026-01-05T00:00:00Z"));
    vi.stubEnv("DATABASE_URL", t.url);
    const { getChart } = await import("@/lib/dal/charts");
    await expect(getChart("crisis-contacts", {})).rejects.toBeInstanceOf(StoredDataError);
  });
});
