import { describe, expect, it } from "vitest";
import { CHARTS } from "@/lib/chart-registry";
import { type SocialWords, socialTags as tagsIn } from "@/lib/http/social-meta";

/** Open Graph / Twitter tags of a page (issue 18): a pinned page's tags name its release, so a shared link previews it. */
const og = (m: ReturnType<typeof socialTags>) =>
  m.openGraph as { url: string; title: string; images: { url: string; width: number; height: number }[] };
const twitterImage = (m: ReturnType<typeof socialTags>) => (m.twitter as { images: { url: string }[] }).images[0]!.url;
// The English words, as siteMetadata reads them from the catalogue.
const EN: SocialWords = {
  locale: "en",
  description: "Public figures.",
  alt: (title) => `Chart: ${title}`,
  pinned: (title, release) => `${title} (release ${release})`,
};
const socialTags = (...a: [string, string, Record<string, string | string[]>, typeof BOTH | null]) => tagsIn(...a, EN);
const BOTH = { number: "2026.12.3", datasets: ["seattle-uof", "seattle-crisis"] };

describe("social tags", () => {
  it("latest: the page's address and its first chart's preview with the page's filters", () => {
    const m = socialTags("Crisis contacts", "/crisis", { precinct: "West", from: ["2020-01", "2021-01"] }, null);
    expect(og(m).url).toBe("/crisis?precinct=West&from=2020-01");
    expect(og(m).title).toBe("Crisis contacts");
    expect(og(m).images[0]).toMatchObject({ url: "/embed/crisis-contacts/preview.png?precinct=West&from=2020-01" });
    expect(og(m).images[0]).toMatchObject({ width: 1200, height: 630 });
  });

  it("pinned: og:url, the title and the preview (og and twitter) name the release", () => {
    const m = socialTags("Crisis contacts", "/crisis", { precinct: "West", release: "2026.12.3" }, BOTH);
    expect(og(m).url).toBe("/crisis?precinct=West&release=2026.12.3");
    expect(og(m).title).toBe("Crisis contacts (release 2026.12.3)");
    expect(og(m).images[0]!.url).toBe("/embed/crisis-contacts/preview.png?precinct=West&release=2026.12.3");
    expect(twitterImage(m)).toBe(og(m).images[0]!.url);
  });

  it("a page without charts keeps its own address and previews the site's first chart with the release only", () => {
    const m = socialTags("Methodology", "/methodology", { release: "2026.12.3", tab: "x" }, BOTH);
    expect(og(m).url).toBe("/methodology?tab=x&release=2026.12.3");
    expect(og(m).images[0]!.url).toBe(`/embed/${CHARTS[0]!.id}/preview.png?release=2026.12.3`);
    expect(og(socialTags("Methodology", "/methodology", {}, null)).url).toBe("/methodology");
  });

  it("a release without crisis data previews a chart it has (use of force), never one that would answer 404", () => {
    const uofOnly = { number: "2026.11.1", datasets: ["seattle-uof"] };
    const home = og(socialTags("Home", "/", { release: "2026.11.1" }, uofOnly)).images[0]!.url;
    const uof = CHARTS.find((c) => c.datasets.every((d) => d === "seattle-uof"))!;
    expect(home).toBe(`/embed/${uof.id}/preview.png?release=2026.11.1`);
    // The crisis page in that release had no chart: the site's preview of that release, not today's crisis chart.
    const crisis = og(socialTags("Crisis contacts", "/crisis", { precinct: "West", release: "2026.11.1" }, uofOnly));
    expect(crisis.url).toBe("/crisis?precinct=West&release=2026.11.1");
    expect(crisis.images[0]!.url).toBe(`/embed/${uof.id}/preview.png?release=2026.11.1`);
  });

  it("a release id that did not resolve (malformed or unknown) is left out of every address", () => {
    const m = socialTags("Use of force", "/use-of-force", { release: "garbage", granularity: "year" }, null);
    expect(og(m).url).toBe("/use-of-force?granularity=year");
    expect(og(m).images[0]!.url).not.toContain("release");
    expect(og(m).title).toBe("Use of force");
  });

  it("in Spanish: the address under /es, the words of the reader's language, the same preview", () => {
    const es: SocialWords = {
      locale: "es",
      description: "Cifras públicas.",
      alt: (title) => `Gráfico: ${title}`,
      pinned: (title, release) => `${title} (versión publicada ${release})`,
    };
    const m = tagsIn("Cómo contamos", "/explainers/counting", { release: "2026.12.3" }, BOTH, es);
    expect(og(m).url).toBe("/es/explainers/counting?release=2026.12.3");
    expect(og(m).title).toBe("Cómo contamos (versión publicada 2026.12.3)");
    expect(og(m).images[0]).toMatchObject({ alt: "Gráfico: Cómo contamos (versión publicada 2026.12.3)" });
    expect(og(tagsIn("Inicio", "/", {}, null, es)).url).toBe("/es");
  });
});
