import { describe, expect, it } from "vitest";
import { harmoniseRace, RACE_GROUPS, RACE_HARMONISATION, UNKNOWN_GROUP } from "@/lib/community/race-groups";

describe("race harmonisation table", () => {
  it("maps every Use of Force label", () => {
    expect(harmoniseRace("uof", "Black or African American")).toBe("Black");
    expect(harmoniseRace("uof", "Hispanic or Latino")).toBe("Hispanic/Latino");
    expect(harmoniseRace("uof", "American Indian/Alaska Native")).toBe("AIAN");
    expect(harmoniseRace("uof", "Nat Hawaiian/Oth Pac Islander")).toBe("NHPI");
    expect(harmoniseRace("uof", "Two or More Races")).toBe("Multiracial");
    expect(harmoniseRace("uof", "Not Specified")).toBe(UNKNOWN_GROUP);
  });
  it("reconciles the two Terry stop files' labels", () => {
    expect(harmoniseRace("terry-2015-2018", "Black")).toBe("Black");
    expect(harmoniseRace("terry-2023", "Black or African American")).toBe("Black");
    expect(harmoniseRace("terry-2015-2018", "Hispanic")).toBe("Hispanic/Latino");
    expect(harmoniseRace("terry-2015-2018", "American Indian / Alaskan Native")).toBe("AIAN");
    expect(harmoniseRace("terry-2023", "American Indian or Alaska Native")).toBe("AIAN");
    expect(harmoniseRace("terry-2015-2018", "Multi-Racial")).toBe("Multiracial");
    for (const l of ["Unknown", "-", "Other"]) expect(harmoniseRace("terry-2023", l)).toBe(UNKNOWN_GROUP);
  });
  it("sends unlisted labels to the residual group instead of dropping them", () => {
    expect(harmoniseRace("uof", "Something new")).toBe(UNKNOWN_GROUP);
  });
  it("gives every mapping a reason and a known group, and every ACS group exactly once", () => {
    for (const m of RACE_HARMONISATION) {
      expect(m.reason.length).toBeGreaterThan(5);
      expect(RACE_GROUPS).toContain(m.group);
    }
    const acs = RACE_HARMONISATION.filter((m) => m.source === "acs").map((m) => m.group);
    expect(new Set(acs).size).toBe(acs.length);
    expect(new Set(acs)).toEqual(new Set(RACE_GROUPS));
  });
});
