import { describe, expect, it } from "vitest";
import { PORTAL_NAME } from "@/lib/charts/stamp";
import { apaCitation, bibtexCitation, bibtexKey } from "@/lib/embed/citation";

const base = {
  chartId: "crisis-contacts",
  title: "Crisis contacts over time",
  url: "https://portal.example/crisis?precinct=West#crisis-contacts",
  retrieved: new Date("2026-12-03T23:30:00Z"),
  dataVersions: ["seattle-crisis@2026-11-20.1a2b3c4d"],
};

describe("citations (APA-like and BibTeX)", () => {
  it("APA without a release: the portal, n.d., the title, the data version, the retrieval date (UTC) and the URL", () => {
    expect(apaCitation(base)).toBe(
      `${PORTAL_NAME}. (n.d.). Crisis contacts over time [Data visualization]. Data versions: seattle-crisis@2026-11-20.1a2b3c4d. Retrieved December 3, 2026, from https://portal.example/crisis?precinct=West#crisis-contacts`,
    );
  });

  it("APA with a release: its year as the date and the release named; no release field when absent", () => {
    const text = apaCitation({ ...base, release: "2026.11.2", url: "https://p.example/crisis?release=2026.11.2#x" });
    expect(text).toContain(
      `${PORTAL_NAME}. (2026). Crisis contacts over time [Data visualization]. Release 2026.11.2.`,
    );
    expect(text).toContain("from https://p.example/crisis?release=2026.11.2#x");
    expect(apaCitation(base)).not.toContain("Release");
  });

  it("BibTeX: a @misc entry with a stable key, escaped text, the URL verbatim and the retrieval date", () => {
    const bib = bibtexCitation({ ...base, title: "Use of force: 50% & more_{x}" });
    expect(bib.startsWith("@misc{spd_portal_crisis_contacts_20261203,\n")).toBe(true);
    expect(bib).toContain("title        = {{Use of force: 50\\% \\& more\\_\\{x\\}}}");
    expect(bib).toContain(`author       = {{${PORTAL_NAME}}}`);
    expect(bib).toContain("url          = {https://portal.example/crisis?precinct=West#crisis-contacts}");
    expect(bib).toContain("urldate      = {2026-12-03}");
    expect(bib).toContain("note         = {Data versions: seattle-crisis@2026-11-20.1a2b3c4d. Retrieved 2026-12-03}");
    expect(bib).not.toMatch(/year|Release/);
    expect(bib.trim().endsWith("}")).toBe(true);
    // Balanced braces: the entry parses.
    const unescaped = bib.replace(/\\[{}]/g, "");
    expect(unescaped.split("{").length).toBe(unescaped.split("}").length);
  });

  it("BibTeX with a release: year, release in the note and the key", () => {
    const c = { ...base, release: "2027.01.3" };
    const bib = bibtexCitation(c);
    expect(bib).toContain("year         = {2027}");
    expect(bib).toContain("note         = {Release 2027.01.3. Data versions:");
    expect(bibtexKey(c)).toBe("spd_portal_crisis_contacts_2027_01_3");
  });
});
