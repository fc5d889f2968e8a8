import { describe, expect, it } from "vitest";
import { dispatchDifferenceText } from "@/lib/charts/units";

describe("the dispatch-balance difference in words", () => {
  it("says which group's contacts hold the larger share, never a signed 'differs by -0.8'", () => {
    expect(dispatchDifferenceText(-0.84)).toBe(
      "CIT-certified officers' contacts hold a 0.8-percentage-point smaller share of violent or weapon calls than other officers'",
    );
    expect(dispatchDifferenceText(2.26)).toContain("a 2.3-percentage-point larger share");
    expect(dispatchDifferenceText(0.04)).toBe(
      "CIT-certified and other officers' contacts hold about the same share of violent or weapon calls",
    );
  });
});
