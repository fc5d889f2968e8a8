import { describe, expect, it } from "vitest";
import { dayText, formatHours, hoursPerWeek, parseHours } from "@/lib/coverage/hours";
import { parseSimParams } from "@/lib/coverage/params";
import { issueFieldErrors } from "@/lib/errors/app-error";
import { economics } from "@/lib/coverage/economics";
import { simulate } from "@/lib/coverage/simulate";

describe("coverage hours", () => {
  it("parses the CLI and URL form and writes it back canonically", () => {
    const m = parseHours("Mon-Fri 11-23,Sat-Sun 12-20");
    expect(hoursPerWeek(m)).toBe(5 * 12 + 2 * 8);
    expect(formatHours(m)).toBe("Mon-Fri 11-23,Sat-Sun 12-20");
    expect(formatHours(parseHours("monday-sunday 0-24"))).toBe("Mon-Sun 0-24");
    expect(formatHours(parseHours("none"))).toBe("none");
  });
  it("a window past midnight covers the next morning; Sunday wraps to Monday", () => {
    const m = parseHours("Sun 20-2");
    expect(dayText(m, 6)).toBe("20-24");
    expect(dayText(m, 0)).toBe("0-2");
    expect(parseHours(formatHours(m))).toEqual(m);
  });
  it("rejects bad text with a message naming the part", () => {
    expect(() => parseHours("Mon-Fri 11")).toThrow(/should look like/);
    expect(() => parseHours("Mon-Fry 11-23")).toThrow(/"Fry" is not a weekday/);
    expect(() => parseHours("Mon 25-3")).toThrow(/after 24/);
    expect(() => parseHours("Mon 9-9")).toThrow(/empty/);
  });
  it("URL parameters: per-day fields win over hours; field messages for bad values", () => {
    const a = parseSimParams({
      hours: "Mon 9-17",
      hMon: "10-12",
      hTue: "",
      hWed: "",
      hThu: "",
      hFri: "",
      hSat: "",
      hSun: "",
    });
    expect(formatHours(a.value.hours)).toBe("Mon 10-12");
    const bFields = issueFieldErrors(parseSimParams({ teams: "0", minutesPerContact: "abc", hFri: "22-2" }).issues);
    expect(bFields.teams).toMatch(/teams must be at least 1/);
    expect(bFields.minutesPerContact).toMatch(/must be a number/);
    expect(bFields.hFri).toMatch(/runs past midnight/);
    expect(parseSimParams({}).issues).toEqual([]);
  });
});

describe("staff and cost", () => {
  it("a 24/7 post needs 8,760 / productive hours employees (4.9 at 1,800 h): the usual 4-5", () => {
    const { value: params } = parseSimParams({ hours: "Mon-Sun 0-24", teams: "1", staffPerTeam: "1" });
    const sim = simulate(
      { times: [0], precinct: [0], callType: [0], startWeekday: 0, periodStart: 0, periodEnd: 365 * 1440 },
      { eligible: [true], coveredPrecincts: null, mask: params.hours, teams: 1, minutesPerContact: 60 },
    );
    const e = economics(sim, params, { start: 0, end: 365 * 1440, daysInYear: 365 }, 365 * 1440);
    expect(e.staffNeeded).toBe(4.9);
    expect(e.annualCost).toBe(Math.round((8760 / 1800) * 100_000 + 25_000));
    expect(e.costPerReached).toBe(e.annualCost);
    expect(e.officer.hoursOnEligible).toBe(1);
    expect(e.officer.costPerContact).toBe(100);
  });
});
