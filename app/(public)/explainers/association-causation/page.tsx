import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

export const generateMetadata = pageMetadata(
  async () => (await getTranslations("explainers.association"))("title"),
  "/explainers/association-causation",
);

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

export default async function AssociationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/association-causation", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  const [{ locale, tag }, t] = await Promise.all([requestLocale(), getTranslations("explainers.association")]);
  const { estimate, decimal } = formatterFor(tag);
  const cit = f.cit;
  const pp = cit?.dispatchDifferencePp ?? null;
  return (
    <article className="explainer">
      <h1>{t("title")}</h1>
      <PageHead frame={page.frame} />
      <p className="lede">{t("lede")}</p>
      {cit?.force && (
        <p data-testid="cit-association">
          {t("force", {
            oddsRatio: estimate(cit.force.oddsRatio),
            hasViolent: String(Boolean(cit.violentCall)),
            violent: cit.violentCall ? estimate(cit.violentCall.oddsRatio) : "",
          })}
        </p>
      )}
      <h2>{t("fairTest")}</h2>
      <ul>
        <li>{t.rich("selfSelection", { strong })}</li>
        <li>
          {t.rich("dispatch", { strong })}{" "}
          {pp != null &&
            `${t("dispatchDifference", {
              // Which way, in words (lib/charts/units.ts dispatchDifferenceText says the same in English).
              direction: Math.abs(pp).toFixed(1) === "0.0" ? "same" : pp > 0 ? "larger" : "smaller",
              points: decimal(Math.abs(pp), 1),
              p: cit!.dispatchP !== null && cit!.dispatchP < 0.001 ? "< 0.001" : (cit!.dispatchP?.toFixed(3) ?? ""),
            })} `}
          {t("dispatchAdjusts")}
        </li>
        <li>{t.rich("unmeasured", { strong })}</li>
        <li>{t.rich("time", { strong })}</li>
      </ul>
      <h2>{t("causation")}</h2>
      <p>
        {t.rich("design", {
          limits: (chunks) => (
            <Link href={keepPin(page.frame, localePath(locale, "/explainers/data-limits"))}>{chunks}</Link>
          ),
        })}
      </p>
    </article>
  );
}
