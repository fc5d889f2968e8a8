import { describe, expect, it } from "vitest";
import { incidentScoreInterval, levelVsOthers } from "@/lib/staff/eis-uncertainty";

describe("the incident score's uncertainty", () => {
  it("takes the officer's level minus the others' mean at each incident", () => {
    expect(
      levelVsOthers(
        {
          officers: [
            { officerId: "A", level: 3 },
            { officerId: "B", level: 1 },
            { officerId: "C", level: 2 },
          ],
        },
        "A",
      ),
    ).toBe(1.5);
    expect(levelVsOthers({ officers: [{ officerId: "A", level: 1 }] }, "A")).toBeNull();
    expect(levelVsOthers({ officers: [{ officerId: "B", level: 1 }] }, "A")).toBeNull();
  });

  it("gives mean ± 1.96 standard errors when the differences reproduce the stored score", () => {
    // diffs 1, 2, 0: mean 1, sd 1, se 1/sqrt(3); R: 1 + c(-1, 1) * qnorm(0.975) / sqrt(3) = -0.131586 2.131586
    const ci = incidentScoreInterval([1, 2, 0], 1, 3)!;
    expect(ci.low).toBeCloseTo(-0.1315859, 6);
    expect(ci.high).toBeCloseTo(2.1315859, 6);
  });

  it("gives none below the minimum, or when the data no longer reproduce the stored score", () => {
    expect(incidentScoreInterval([1, 2], 1.5, 3)).toBeNull();
    expect(incidentScoreInterval([1, 2, 0], 1.2, 3)).toBeNull();
    expect(incidentScoreInterval([1, 2, 0], null, 3)).toBeNull();
  });
});
