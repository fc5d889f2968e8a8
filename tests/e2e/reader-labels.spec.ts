import { expect, test } from "@playwright/test";
import { discoverPublicPages } from "../../scripts/bench/pages";
import { IDENTIFIER_CODES, RAW_SOURCE_VALUES, snakeCaseTokens } from "@/tests/helpers/reader-codes";

/**
 * Readers see labels, never codes (issue 22): every public page's text, tables and tab panels included, is scanned for
 * snake_case identifiers, for the codes the mappings and models emit (tests/helpers/reader-codes.ts enumerates them
 * from the code) and for all-caps source values the portal labels. Attribute values, scripts, the JSON payload and
 * text set as code (<code>, <pre>, `backticks`: CSV column names, API parameters) are not reader text.
 */
const pages = discoverPublicPages();

async function readerText(page: import("@playwright/test").Page): Promise<string> {
  return page.evaluate(() => {
    const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "CODE", "PRE", "KBD", "SAMP"]);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      let el = n.parentElement;
      let code = false;
      for (; el; el = el.parentElement) if (skip.has(el.tagName)) code = true;
      if (!code) out.push(n.textContent ?? "");
    }
    return out.join(" ");
  });
}

test("the scan covers every public page", () => {
  expect(pages).toEqual(expect.arrayContaining(["/cit", "/community", "/crisis", "/use-of-force"]));
});

for (const path of pages)
  test(`${path}: no raw code reaches readers`, async ({ page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    const text = await readerText(page);
    expect(text.length).toBeGreaterThan(200);
    expect({ path, snakeCase: [...new Set(snakeCaseTokens(text))] }).toEqual({ path, snakeCase: [] });
    const codes = IDENTIFIER_CODES.filter((c) => new RegExp(`(^|[^\\w])${c}([^\\w]|$)`).test(text));
    expect({ path, codes }).toEqual({ path, codes: [] });
    const raw = RAW_SOURCE_VALUES.filter((v) => new RegExp(`\\b${v.replace(/[-/]/g, "\\$&")}\\b`).test(text));
    expect({ path, raw }).toEqual({ path, raw: [] });
    // A model term whose levels are single-letter codes ("Officer gender: F (vs M)").
    expect(text).not.toMatch(/: [A-Z] \(vs [A-Z]\)/);
  });
