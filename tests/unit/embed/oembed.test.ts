import { describe, expect, it } from "vitest";
import { CHARTS } from "@/lib/chart-registry";
import { chartTargetOf, oembedRich, parseOembedRequest } from "@/lib/embed/oembed";

const O = "http://portal.test";
const target = (url: string) => chartTargetOf(url, O);
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? "ok" : r.error!.code);

describe("oEmbed request (zod at the entry point)", () => {
  const q = (s: string) => parseOembedRequest(new URLSearchParams(s));
  it("accepts url with optional format=json, maxwidth and maxheight", () => {
    const r = q(`url=${encodeURIComponent(`${O}/crisis#crisis-contacts`)}&format=json&maxwidth=500&maxheight=400`);
    expect(r).toEqual({
      ok: true,
      value: { url: `${O}/crisis#crisis-contacts`, format: "json", maxwidth: 500, maxheight: 400 },
    });
  });
  it("refuses a missing or overlong url, other formats and bad dimensions (400)", () => {
    for (const s of [
      "",
      "url=",
      `url=${"a".repeat(2049)}`,
      "url=x&format=xml",
      "url=x&maxwidth=0",
      "url=x&maxwidth=1.5",
      "url=x&maxheight=abc",
    ])
      expect(code(q(s)), s).toBe("bad_request");
  });
});

describe("the chart a URL names", () => {
  it("finds every registry chart by its permalink and by its embed address", () => {
    for (const c of CHARTS) {
      for (const url of [`${O}${c.path}#${c.id}`, `${O}${c.path}/?from=2020-01#${c.id}`, `${O}/embed/${c.id}?x=1`]) {
        const r = target(url);
        expect(r.ok && r.value.entry.id, url).toBe(c.id);
      }
    }
  });
  it("keeps the filters, and the release apart", () => {
    const r = target(`${O}/crisis?precinct=West&release=2026.11.1&precinct=East#crisis-contacts`);
    expect(r.ok && r.value).toMatchObject({ params: { precinct: "West" }, release: "2026.11.1" });
  });
  it("malformed URLs are bad_request (400)", () => {
    for (const url of [
      "crisis#crisis-contacts",
      "not a url",
      "javascript:alert(1)",
      "ftp://portal.test/crisis#x",
      "http://",
    ])
      expect(code(target(url)), url).toBe("bad_request");
  });
  it("URLs that name no chart of this portal are not_found (404)", () => {
    for (const url of [
      "https://elsewhere.example/crisis#crisis-contacts",
      `${O}/crisis`,
      `${O}/crisis#nope`,
      `${O}/use-of-force#crisis-contacts`,
      `${O}/methodology#crisis-contacts`,
      `${O}/embed/nope`,
      `${O}/embed/%E0%A4`,
      `${O}/embed/crisis-contacts/extra`,
    ])
      expect(code(target(url)), url).toBe("not_found");
  });
  it("random strings never throw: each is ok, bad_request or not_found", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const s = Array.from({ length: Math.floor(rand() * 30) }, () =>
        String.fromCharCode(32 + Math.floor(rand() * 0x2000)),
      ).join("");
      const url = i % 2 ? `${O}/${s}#${s}` : s;
      expect(["ok", "bad_request", "not_found"]).toContain(code(target(url)));
    }
  });
});

describe("the oEmbed answer", () => {
  const chart = {
    title: 'A "quoted" <title>',
    embedUrl: `${O}/embed/crisis-contacts?precinct=West`,
    previewUrl: `${O}/p.png`,
  };
  it("is type rich with an iframe of the given size, escaped", () => {
    const r = oembedRich({}, chart, O);
    expect(r).toMatchObject({
      version: "1.0",
      type: "rich",
      width: 760,
      provider_url: `${O}/`,
      thumbnail_width: 1200,
      thumbnail_height: 630,
    });
    expect(r.html).toBe(
      `<iframe src="${O}/embed/crisis-contacts?precinct=West" title="A &quot;quoted&quot; &lt;title&gt;" width="760" height="${r.height}" style="border:0;max-width:1200px" loading="lazy"></iframe>`,
    );
  });
  it("never exceeds maxwidth or maxheight", () => {
    const r = oembedRich({ maxwidth: 320, maxheight: 250 }, chart, O);
    expect([r.width, r.height]).toEqual([320, 250]);
    expect(oembedRich({ maxwidth: 5000 }, chart, O).width).toBe(760);
  });
});
