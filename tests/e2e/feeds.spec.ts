import { expect, test } from "@playwright/test";

// Issue 18: the corrections and notes as an Atom feed, linked from the head of every page.
test("every page links the notes feed; the feed parses as Atom with one entry per public note, linking to /notes", async ({
  page,
  request,
}) => {
  for (const path of ["/", "/crisis", "/alternative-response", "/notes", "/data"]) {
    await page.goto(path);
    // Every page links both feeds (releases and notes); this one exactly once.
    await expect(
      page.locator('head link[rel="alternate"][type="application/atom+xml"][href$="/feeds/notes.atom"]'),
    ).toHaveCount(1);
  }
  const res = await request.get("/feeds/notes.atom");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await res.text();
  // The browser's own XML parser: a malformed feed gives a <parsererror> document.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const ns = "http://www.w3.org/2005/Atom";
    return {
      error: doc.getElementsByTagName("parsererror").length,
      root: doc.documentElement.namespaceURI,
      entries: [...doc.getElementsByTagNameNS(ns, "entry")].map((e) => ({
        link: e.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href") ?? "",
        updated: e.getElementsByTagNameNS(ns, "updated")[0]?.textContent ?? "",
      })),
    };
  }, xml);
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe("http://www.w3.org/2005/Atom");
  await page.goto("/notes");
  const onPage = await page.locator("main [id^='note-']").count();
  expect(parsed.entries.length).toBe(onPage);
  expect(parsed.entries.length).toBeGreaterThan(0);
  for (const e of parsed.entries) {
    expect(e.link).toMatch(/\/notes#note-\d+$/);
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
  }
});
