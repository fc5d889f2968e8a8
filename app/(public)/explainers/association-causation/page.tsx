import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("explainers.association"))("title") };
}

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

export default async function AssociationPage() {
  const [f, { locale, tag }, t] = await Promise.all([
    getExplainerFigures(),
    requestLocale(),
    getTranslations("explainers.association"),
  ]);
  const { estimate, decimal } = formatterFor(tag);
  const cit = f.cit;
  return (
    <article className="explainer">
      <h1>{t("title")}</h1>
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
          {cit?.dispatchDifferencePp != null &&
            `${t("dispatchDifference", {
              points: decimal(cit.dispatchDifferencePp, 1),
              p: cit.dispatchP !== null && cit.dispatchP < 0.001 ? "< 0.001" : (cit.dispatchP?.toFixed(3) ?? ""),
            })} `}
          {t("dispatchAdjusts")}
        </li>
        <li>{t.rich("unmeasured", { strong })}</li>
        <li>{t.rich("time", { strong })}</li>
      </ul>
      <h2>{t("causation")}</h2>
      <p>
        {t.rich("design", {
          limits: (chunks) => <Link href={localePath(locale, "/explainers/data-limits")}>{chunks}</Link>,
        })}
      </p>
    </article>
  );
}
