import { getTranslations } from "next-intl/server";
import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";

export const generateMetadata = pageMetadata(
  async () => (await getTranslations("explainers.counting"))("metaTitle"),
  "/explainers/counting",
);

const tags = {
  strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
  code: (chunks: React.ReactNode) => <code>{chunks}</code>,
};

// The counting units are worded as lib/charts/units.ts names them (issue 21), in each catalogue.
export default async function CountingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/counting", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  const [{ tag }, t] = await Promise.all([requestLocale(), getTranslations("explainers.counting")]);
  const { int } = formatterFor(tag);
  return (
    <article className="explainer">
      <h1>{t("title")}</h1>
      <PageHead frame={page.frame} />
      <p className="lede">{t("lede")}</p>
      <h2 id="rows-contacts">{t("crisisHeading")}</h2>
      {f.crisis ? (
        <p data-testid="crisis-counts">
          {t.rich("crisisCounts", {
            ...tags,
            label: f.crisis.label,
            rows: int(f.crisis.rows),
            templates: int(f.crisis.templates),
            contacts: int(f.crisis.contacts),
            overstated: int(f.crisis.rows - f.crisis.templates),
          })}
        </p>
      ) : (
        <p>{t("noCrisis")}</p>
      )}
      <ul>
        <li>{t.rich("trendPages", tags)}</li>
        <li>{t.rich("citModels", tags)}</li>
        <li>{t("forceRule")}</li>
      </ul>
      <h2 id="incidents">{t("uofHeading")}</h2>
      {f.uof ? (
        <p data-testid="uof-counts">
          {t.rich("uofCounts", {
            ...tags,
            label: f.uof.label,
            rows: int(f.uof.rows),
            incidents: int(f.uof.incidents),
            officers: int(f.uof.officers),
          })}
        </p>
      ) : (
        <p>{t("noUof")}</p>
      )}
      <h2 id="not-linked">{t("notLinkedHeading")}</h2>
      <p>{t("notLinked")}</p>
      <h2 id="small-counts">{t("smallHeading")}</h2>
      <p>{t("small", { threshold: String(f.smallCountThreshold) })}</p>
    </article>
  );
}
