import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { IconArray } from "@/components/explainers/icon-array";
import { OddsPlayground } from "@/components/explainers/odds-playground";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { extraPerThousand } from "@/lib/explainers/odds";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

export const generateMetadata = pageMetadata(
  async () => (await getTranslations("explainers.odds"))("title"),
  "/explainers/odds-ratios",
);

export default async function OddsRatiosPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/odds-ratios", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  const [{ locale, tag }, t] = await Promise.all([requestLocale(), getTranslations("explainers.odds")]);
  const { int, percent, decimal } = formatterFor(tag);
  // lib/explainers/odds.ts describeOddsRatio, in the reader's language: "13% higher odds".
  const describe = (or: number) =>
    t(or >= 1 ? "describeHigher" : "describeLower", { pct: String(Math.round(Math.abs(or - 1) * 100)) });
  const p0 = f.crisis?.forceRate ?? null;
  const citOr = f.cit?.force?.oddsRatio ?? null;
  // One number for one quantity: the CIT effect in contacts is the model's average marginal effect, the figure /cit
  // shows (rounded to 0.1 there and here); the baseline-only formula is the fallback when it is missing.
  const extra = citOr === null || p0 === null ? 0 : (f.cit?.force?.ame?.perThousand ?? extraPerThousand(p0, citOr));
  const pctLikely = citOr === null ? 0 : Math.round(Math.abs(citOr - 1) * 100);
  const rich = {
    code: (chunks: React.ReactNode) => <code>{chunks}</code>,
    em: (chunks: React.ReactNode) => <em>{chunks}</em>,
    strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
  };
  return (
    <article className="explainer">
      <h1>{t("title")}</h1>
      <PageHead frame={page.frame} />
      <p className="lede">{t("lede")}</p>
      {p0 === null ? (
        <p>{t("noData")}</p>
      ) : (
        <>
          <h2>{t("notProbabilities")}</h2>
          <p data-testid="baseline-sentence">
            {t.rich("baseline", {
              ...rich,
              synthetic: String(f.crisis!.synthetic),
              label: f.crisis!.label,
              rate: percent(p0),
              perThousand: String(Math.round(p0 * 1000)),
              templateRate: percent(f.crisis!.templateForceRate),
              p: decimal(p0, 4),
              q: decimal(1 - p0, 4),
              odds: decimal(p0 / (1 - p0), 4),
            })}
          </p>
          <h2>{t("inContacts")}</h2>
          {citOr !== null ? (
            <p data-testid="cit-sentence">
              {t("cit", {
                oddsRatio: decimal(citOr, 2),
                low: decimal(f.cit!.force!.ciLow, 2),
                high: decimal(f.cit!.force!.ciHigh, 2),
                describe: describe(citOr),
                extra: decimal(Math.abs(extra), 1),
                more: String(extra >= 0),
                base: String(Math.round(p0 * 1000)),
                pct: String(pctLikely),
                likelier: String(citOr >= 1),
              })}
            </p>
          ) : (
            <p>{t("noModels")}</p>
          )}
          <figure>
            <IconArray base={Math.round(p0 * 1000)} extra={citOr !== null ? Math.round(extra) : 0} />
            <figcaption>
              {t("caption", { base: int(Math.round(p0 * 1000)) })}
              {citOr !== null && ` ${t("captionExtra", { extra: decimal(Math.abs(extra), 1) })}`}
            </figcaption>
          </figure>
          <h2>{t("tryIt")}</h2>
          <OddsPlayground
            baseline={p0}
            initialOddsRatio={citOr ?? 1.13}
            locale={tag}
            text={{
              label: t("playground.label"),
              sentence: t.raw("playground.sentence") as string,
              more: t.raw("playground.more") as string,
              fewer: t.raw("playground.fewer") as string,
              higher: t.raw("describeHigher") as string,
              lower: t.raw("describeLower") as string,
              baseline: t("playground.baseline"),
              added: t("playground.added"),
            }}
          />
        </>
      )}
      <h2>{t("multinomialHeading")}</h2>
      <p>
        {t.rich("multinomialIntro", rich)}{" "}
        {f.cit?.arrest
          ? t("arrestWith", {
              oddsRatio: decimal(f.cit.arrest.oddsRatio, 2),
              describe: describe(f.cit.arrest.oddsRatio),
            })
          : t("arrestWithout")}{" "}
        {t("multinomialRest")}
      </p>
      <h2>{t("associationHeading")}</h2>
      <p>
        {t.rich("association", {
          link: (chunks) => (
            <Link href={keepPin(page.frame, localePath(locale, "/explainers/association-causation"))}>{chunks}</Link>
          ),
        })}
      </p>
    </article>
  );
}
