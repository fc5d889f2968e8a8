import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * The catalogues (lib/i18n/messages/*.json) stay complete and lean: every locale has exactly the English keys with
 * the same placeholders, every key is used by the code, and no staff-area sentence is in them (the staff area stays
 * English and its words are not public).
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!["generated", "messages", "node_modules"].includes(e.name)) sources(p, out);
    } else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** ICU argument names and rich-text tags of a message (next-intl's parser, the one that formats them). */
function placeholders(message: string): string[] {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.tag) {
        out.add(`<${el.value}>`);
        walk(el.children);
      } else if (el.type === TYPE.plural || el.type === TYPE.select) {
        out.add(el.value);
        for (const o of Object.values(el.options)) walk(o.value);
      } else if (el.type !== TYPE.literal && el.type !== TYPE.pound) out.add(el.value);
    }
  };
  walk(parse(message));
  return [...out].sort();
}

const en = leaves(MESSAGES.en as unknown as Tree);

describe("message catalogues", () => {
  it.each(LOCALES.filter((l) => l !== "en"))(
    "%s has exactly the English keys, with the same placeholders",
    (locale) => {
      const other = leaves(MESSAGES[locale] as unknown as Tree);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, value] of en) expect(placeholders(other.get(key)!), key).toEqual(placeholders(value));
      for (const [key, value] of other) expect(value.trim(), key).not.toBe("");
    },
  );

  it("uses every key in the code (a key nobody reads is stale)", () => {
    const code = ["app", "components", "lib"].flatMap((d) => sources(path.join(ROOT, d)));
    const text = code.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const quoted = (s: string) => text.includes(`"${s}"`) || text.includes(`'${s}'`);
    // t("key") under getTranslations("a.b") for any split of the key into namespace and rest, t("a.b.key") under
    // getTranslations(), or t(`group.${key}`) with the key's last part as a literal elsewhere (lib/site/nav.ts).
    const readsRest = (rest: string[]) => {
      const parent = rest.slice(0, -1).join(".");
      return quoted(rest.join(".")) || (parent !== "" && text.includes(`\`${parent}.\${`) && quoted(rest.at(-1)!));
    };
    const unused = [...en.keys()].filter((key) => {
      const parts = key.split(".");
      if (quoted(key)) return false;
      for (let i = 1; i < parts.length; i++) {
        const ns = parts.slice(0, i).join(".");
        if ((quoted(ns) || text.includes(`"${ns}.`)) && readsRest(parts.slice(i))) return false;
      }
      return true;
    });
    expect(unused).toEqual([]);
  });

  it("holds no staff-area sentence", () => {
    const staff = [
      ...sources(path.join(ROOT, "app", "(staff)")),
      ...sources(path.join(ROOT, "components", "staff")),
    ].map((f) => fs.readFileSync(f, "utf8"));
    // Six words or more: short generic lines ("No crisis data is loaded.") are shared by both areas.
    const sentences = [...en.values()].filter((v) => v.split(/\s+/).length >= 6);
    for (const s of sentences) for (const file of staff) expect(file.includes(s), s).toBe(false);
  });
});
