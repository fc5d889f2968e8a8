import { describe, expect, it } from "vitest";
import { formOptions, splitScope } from "@/app/(staff)/staff/annotations/labels";
import { CHART_TARGETS, PUBLIC_PAGES, scopeTargets } from "@/lib/annotations/targets";

describe("annotation scope picker", () => {
  const { scopeGroups } = formOptions(scopeTargets(["West", "Unknown"]));
  const values = scopeGroups.flatMap((g) => g.options.map((o) => o.value));

  it("offers the whole site, every public page, every chart (grouped by its page), every dataset and precinct", () => {
    expect(values).toContain("site:");
    for (const p of PUBLIC_PAGES) expect(values).toContain(`page:${p.path}`);
    for (const c of Object.keys(CHART_TARGETS)) expect(values).toContain(`chart:${c}`);
    expect(values).toEqual(expect.arrayContaining(["dataset:seattle-crisis", "dataset:seattle-uof", "precinct:West"]));
    expect(values).not.toContain("precinct:Unknown");
    expect(scopeGroups.find((g) => g.label === "Charts on Crisis contacts")!.options.map((o) => o.value)).toContain(
      "chart:crisis-contacts",
    );
    expect(new Set(values).size).toBe(values.length);
  });

  it("splits the picked value back into the two stored fields", () => {
    expect(splitScope({ title: "t", scope: "page:/crisis" })).toEqual({
      title: "t",
      scopeKind: "page",
      scopeTarget: "/crisis",
    });
    expect(splitScope({ scope: "site:" })).toEqual({ scopeKind: "site", scopeTarget: "" });
    expect(splitScope({ scope: "chart:a:b" })).toEqual({ scopeKind: "chart", scopeTarget: "a:b" });
    // Older forms (or API-like posts) that send the two fields directly keep working.
    expect(splitScope({ scopeKind: "precinct", scopeTarget: "West" })).toEqual({
      scopeKind: "precinct",
      scopeTarget: "West",
    });
  });
});
