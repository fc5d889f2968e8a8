import { describe, expect, it } from "vitest";
import { termLabel } from "@/lib/analysis/cit-spec";
import { inSentence, LABELS, labelOf, type Vocabulary } from "@/lib/labels";
import { EMITTED_CODES, IDENTIFIER_CODES, snakeCaseTokens } from "@/tests/helpers/reader-codes";

describe("the label table (lib/labels.ts)", () => {
  it("labels every code the source mappings and the analysis can emit", () => {
    for (const [vocabulary, codes] of Object.entries(EMITTED_CODES) as [Vocabulary, readonly string[]][]) {
      expect(codes.length, vocabulary).toBeGreaterThan(0);
      const missing = [...new Set(codes)].filter((c) => !(c in LABELS[vocabulary]));
      expect({ vocabulary, missing }).toEqual({ vocabulary, missing: [] });
    }
  });

  it("has no label that is itself an identifier or a bare code", () => {
    for (const [vocabulary, table] of Object.entries(LABELS))
      for (const [code, label] of Object.entries(table)) {
        expect(snakeCaseTokens(label), `${vocabulary}.${code}`).toEqual([]);
        expect(label.length, `${vocabulary}.${code}`).toBeGreaterThan(1);
      }
    expect(IDENTIFIER_CODES).toContain("no_action");
    expect(IDENTIFIER_CODES).toContain("2020_and_after");
  });

  it("falls back to words, not an identifier, for a code a source adds later", () => {
    expect(labelOf("callRisk", "new_group")).toBe("new group");
    expect(labelOf("uofLevel", 4)).toBe("Level 3 - OIS");
  });

  it("keeps acronyms when a label moves into a sentence", () => {
    expect(inSentence("Welfare check or service call")).toBe("welfare check or service call");
    expect(inSentence("CIT certified")).toBe("CIT certified");
  });
});

describe("model term labels", () => {
  const dummy = (variable: string, level: string, reference: string) =>
    termLabel({ name: `${variable}${level}`, variable, level, reference });

  it("name every factor level of the models by its label, never its code", () => {
    const factors: [string, Vocabulary][] = [
      ["call_risk_group", "callRisk"],
      ["cit_modality", "citModality"],
      ["era", "era"],
      ["officer_gender", "officerGender"],
    ];
    for (const [variable, vocabulary] of factors) {
      const [reference, ...levels] = EMITTED_CODES[vocabulary];
      for (const level of levels) {
        const label = dummy(variable, level, reference!);
        expect(snakeCaseTokens(label), label).toEqual([]);
        expect(label).toBe(
          `${LABELS.variable[variable as keyof typeof LABELS.variable]}: ${labelOf(vocabulary, level)} (vs ${labelOf(vocabulary, reference!)})`,
        );
      }
    }
    expect(dummy("officer_gender", "F", "M")).toBe("Officer gender: Female (vs Male)");
    expect(dummy("precinct", "East", "West")).toBe("Precinct: East (vs West)");
  });

  it("label the CIT indicator, the interaction and the intercept in words", () => {
    const plain = (name: string) => termLabel({ name, variable: name, level: null, reference: null });
    expect(plain("cit_certified")).toBe("CIT certified (vs not certified or unknown)");
    expect(plain("years_experience")).toBe("Officer years of experience (per year)");
    expect(plain("(Intercept)")).toBe("Intercept (reference contact)");
    expect(plain("cit_certified:era2020_and_after")).toBe("CIT certified × From 2020 on");
  });
});
