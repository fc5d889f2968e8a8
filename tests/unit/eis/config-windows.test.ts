import { describe, expect, it } from "vitest";
import { DEFAULT_EIS_CONFIG, EisConfigSchema, resolveEisConfig } from "@/lib/eis/config";
import { asOfDay, inWindow, monthsBefore, runWindows, windowsAsIso } from "@/lib/eis/windows";

describe("EIS windows", () => {
  it("end at the as-of date (exclusive) and start N calendar months before", () => {
    const w = windowsAsIso(runWindows(new Date("2024-03-31T00:00:00Z"), DEFAULT_EIS_CONFIG));
    expect(w.incident).toEqual({ start: "2024-02-29", end: "2024-03-31" });
    expect(w.subject).toEqual({ start: "2024-01-31", end: "2024-03-31" });
    expect(w.engagement).toEqual({ start: "2023-03-31", end: "2024-03-31" });
    expect(w.volume).toEqual({ start: "2023-09-30", end: "2024-03-31" });
    expect(w.escalation).toEqual({ start: "2021-03-31", end: "2024-03-31" });
  });

  it("use the as-of instant's calendar date and ignore the server's time zone", () => {
    expect(asOfDay(new Date("2024-03-10T23:59:00Z")).toISOString()).toBe("2024-03-10T00:00:00.000Z");
    // 2024-03-10 is the US daylight-saving change; the month arithmetic must not slip a day.
    expect(monthsBefore(new Date("2024-04-10T00:00:00Z"), 1).toISOString()).toBe("2024-03-10T00:00:00.000Z");
    expect(monthsBefore(new Date("2024-11-03T00:00:00Z"), 1).toISOString()).toBe("2024-10-03T00:00:00.000Z");
  });

  it("includes the start instant and excludes the end instant", () => {
    const w = runWindows(new Date("2024-03-01T00:00:00Z"), DEFAULT_EIS_CONFIG).incident;
    expect(inWindow(new Date("2024-02-01T00:00:00Z"), w)).toBe(true);
    expect(inWindow(new Date("2024-02-29T23:59:59Z"), w)).toBe(true);
    expect(inWindow(new Date("2024-03-01T00:00:00Z"), w)).toBe(false);
    expect(inWindow(new Date("2024-01-31T23:59:59Z"), w)).toBe(false);
  });
});

describe("EIS configuration", () => {
  it("accepts partial overrides and keeps the other defaults", () => {
    const c = resolveEisConfig({ incidentWindowMonths: 2, volumeFdr: 0.1 });
    expect(c).toEqual({ ...DEFAULT_EIS_CONFIG, incidentWindowMonths: 2, volumeFdr: 0.1 });
  });

  it("refuses unknown keys and out-of-range values with the field's name", () => {
    expect(EisConfigSchema.safeParse({ incidentWindowMonth: 2 }).success).toBe(false);
    const bad = EisConfigSchema.safeParse({ pTop5Threshold: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["pTop5Threshold"]);
    expect(() => resolveEisConfig({ volumeWindowMonths: 18 })).toThrow(/volumePeerWindowMonths/);
  });

  it("has the issue's thresholds as defaults", () => {
    expect(DEFAULT_EIS_CONFIG).toMatchObject({
      incidentWindowMonths: 1,
      subjectWindowMonths: 2,
      engagementWindowMonths: 12,
      minQualifying: 3,
      scoreThreshold: 1,
      pTop5Threshold: 0.8,
      priorSd: 1,
    });
  });
});
