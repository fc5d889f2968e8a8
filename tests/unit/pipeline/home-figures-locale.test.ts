import { describe, expect, it } from "vitest";
import { homeFigures } from "@/lib/pipeline/home-figures";
import type { CrisisYearly } from "@/lib/pipeline/crisis-summary";
import type { UseOfForceYearly } from "@/lib/pipeline/uof-summary";

/** The home page's figures in both languages: the same numbers, the English words unchanged, Spanish from es.json. */
const uofYear = (year: number, incidents: number, l2: number) => ({
  year,
  incidents,
  rows: incidents * 2,
  incidentsByLevel: { "1": incidents - l2, "2": l2, "3": 0, "4": 0 },
  officers: 900,
});
const uof: UseOfForceYearly = {
  versionId: 1,
  years: [uofYear(2022, 1200, 100), uofYear(2023, 1500, 150)],
  totals: { incidents: 2700, rows: 5400, officers: 1100, subjects: 2500 },
  partialLastYear: false,
  periodStart: "2022-01-01T00:00:00.000Z",
  periodEnd: "2023-12-31T00:00:00.000Z",
};
const crisisYear = (year: number, templates: number, cit: number) => ({
  year,
  templates,
  contacts: templates * 2,
  rows: templates * 3,
  contactsWithForce: 20,
  contactsCitCertified: cit * 2,
  templatesWithForce: 10,
  templatesCitCertified: cit,
});
const crisis = {
  versionId: 2,
  years: [crisisYear(2015, 1000, 300), crisisYear(2016, 2000, 1000)],
  totals: { templates: 3000, contacts: 6000, rows: 9000, contactsWithForce: 40, templatesWithForce: 20 },
  periodStart: "2015-01-01T00:00:00.000Z",
  periodEnd: "2016-12-31T00:00:00.000Z",
} as unknown as CrisisYearly;

describe("home figures by locale", () => {
  it("keeps the English words and numbers", () => {
    const en = Object.fromEntries(homeFigures(uof, crisis).map((f) => [f.id, f]));
    expect(en["uof-latest-year"]).toMatchObject({
      value: "1,500",
      label: "Use-of-force incidents in 2023",
      detail: "Up 25.0% from 1,200 in 2022.",
    });
    expect(en["uof-level2-share"]!.detail).toBe("150 of 1,500 incidents caused or were expected to cause injury.");
    expect(en["crisis-force-share"]!.detail).toBe(
      "20 of 3,000 crisis contacts (Template IDs); counted by officer contacts (Template ID + Officer ID), 40 of 6,000.",
    );
    expect(en["crisis-cit-coverage"]!.label).toBe("Crisis contacts with a CIT-certified officer in 2016");
  });

  it("writes Spanish from the same numbers, years without grouping", () => {
    const es = Object.fromEntries(homeFigures(uof, crisis, "es").map((f) => [f.id, f]));
    expect(es["uof-latest-year"]).toMatchObject({
      value: "1,500",
      label: "Incidentes de uso de la fuerza en 2023",
      detail: "Subió un 25.0% respecto de los 1,200 de 2022.",
    });
    expect(es["uof-total"]!.detail).toBe("5,400 filas de agente y persona, 1,100 agentes, 2022-2023.");
    expect(es["crisis-cit-coverage"]!.value).toBe("50.0%");
    expect(es["crisis-cit-coverage"]!.detail).toContain("Frente a 30.0% en 2015");
  });
});
