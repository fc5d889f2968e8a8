import { getTranslations } from "next-intl/server";
import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";

export const generateMetadata = pageMetadata(
  async () => (await getTranslations("explainers.limits"))("title"),
  "/explainers/data-limits",
);

export default async function DataLimitsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/data-limits", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  const [{ tag }, t] = await Promise.all([requestLocale(), getTranslations("explainers.limits")]);
  const { percent } = formatterFor(tag);
  const add = (key: string) => (
    <>
      <em>{t("shouldAdd")}</em> {t(key)}
    </>
  );
  return (
    <article className="explainer">
      <h1>{t("title")}</h1>
      <PageHead frame={page.frame} />
      <p className="lede">{t("lede")}</p>
      <ol className="limits">
        <li id="cit">
          <h2>{t("citHeading")}</h2>
          <p data-testid="limit-cit">
            {t("cit")}
            {f.crisis &&
              ` ${t("citShares", {
                officerShare: percent(f.crisis.citCertifiedShare),
                crisisShare: percent(f.crisis.templateCitCertifiedShare),
              })}`}{" "}
            {add("citAdd")}
          </p>
        </li>
        <li id="injury-weapons">
          <h2>{t("injuryHeading")}</h2>
          <p>
            {t("injury")} {add("injuryAdd")}
          </p>
        </li>
        <li id="link">
          <h2>{t("linkHeading")}</h2>
          <p>
            {t("link")} {add("linkAdd")}
          </p>
        </li>
        <li id="era">
          <h2>{t("eraHeading")}</h2>
          <p>
            {t("era")} {add("eraAdd")}
          </p>
        </li>
        <li id="reporting">
          <h2>{t("reportingHeading")}</h2>
          <p>
            {t("reporting")} {add("reportingAdd")}
          </p>
        </li>
        <li id="missing">
          <h2>{t("missingHeading")}</h2>
          <p data-testid="limit-missing">
            {f.uof
              ? `${t("missingShares", {
                  notSpecified: percent(f.uof.notSpecifiedShare),
                  unknownPrecinct: percent(f.uof.unknownPrecinctShare),
                })} `
              : ""}
            {t("missing")}
          </p>
        </li>
        <li id="small-counts">
          <h2>{t("smallHeading")}</h2>
          <p>{t("small", { threshold: String(f.smallCountThreshold) })}</p>
        </li>
      </ol>
    </article>
  );
}
