import { getTranslations } from "next-intl/server";
import { PageFreshness } from "@/components/page-data-status";
import { KeyFigure } from "@/components/key-figure";
import { PageNotes } from "@/components/annotations/page-notes";
import { getPageNotes } from "@/lib/dal/annotations";
import { UseOfForceYearTable } from "@/components/uof-year-table";
import { getActiveDatasets } from "@/lib/dal/datasets";
import { getResult } from "@/lib/dal/results";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";
import { homeFigures } from "@/lib/pipeline/home-figures";

export default async function HomePage() {
  const [uof, crisis, datasets, { locale, tag }, t] = await Promise.all([
    getResult("uof.yearly"),
    getResult("crisis.yearly"),
    getActiveDatasets(),
    requestLocale(),
    getTranslations("home"),
  ]);
  const figures = homeFigures(uof?.payload ?? null, crisis?.payload ?? null, locale);
  const { date, int, percent } = formatterFor(tag);
  const lastUpdated =
    datasets
      .map((d) => d.activatedAt)
      .filter(Boolean)
      .sort()
      .at(-1) ?? null;
  const uofSource = datasets.find((d) => d.dataset === "seattle-uof");
  return (
    <>
      <section className="intro">
        <h1>{t("title")}</h1>
        <PageNotes notes={await getPageNotes("/")} />
        <PageFreshness datasets={["seattle-uof", "seattle-crisis"]} />
        <p className="lede">{t("lede")}</p>
        <p className="meta">
          {lastUpdated ? t("lastUpdated", { date: date(lastUpdated) }) : t("lastUpdatedNever")}{" "}
          {uof?.payload.periodStart && (
            <>
              {t("uofPeriod", {
                from: date(uof.payload.periodStart, "month"),
                to: date(uof.payload.periodEnd, "month"),
              })}{" "}
            </>
          )}
          {crisis?.payload.periodStart &&
            t("crisisPeriod", {
              from: date(crisis.payload.periodStart, "month"),
              to: date(crisis.payload.periodEnd, "month"),
            })}
        </p>
      </section>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures">{t("keyFigures")}</h2>
        {figures.length === 0 ? (
          <p>{t.rich("noData", { code: (chunks) => <code>{chunks}</code> })}</p>
        ) : (
          <div className="key-figures">
            {figures.map((f) => (
              <KeyFigure
                key={f.id}
                {...f}
                href={f.href && localePath(locale, f.href)}
                synthetic={datasets.some((d) => d.dataset === f.source && d.synthetic)}
              />
            ))}
          </div>
        )}
      </section>

      {uof && (
        <section aria-labelledby="uof-by-year">
          <h2 id="uof-by-year">{t("uofByYear")}</h2>
          <p>{t("uofLevels")}</p>
          <UseOfForceYearTable data={uof.payload} />
          <p className="source-note">
            {t.rich("uofSource", {
              source: uofSource?.sourceName ?? "",
              label: uofSource?.label ?? "",
              date: date(uof.computedAt),
              methodology: uof.methodologyVersion,
              rows: int(uof.payload.totals.rows),
              code: (chunks) => <code>{chunks}</code>,
            })}
            {uof.payload.partialLastYear && ` ${t("partialLastYear")}`}
          </p>
        </section>
      )}
      {crisis && (
        <p className="meta">
          {t("crisisCounting", {
            rows: int(crisis.payload.totals.rows),
            templates: int(crisis.payload.totals.templates),
            extra: percent(crisis.payload.totals.rows / Math.max(1, crisis.payload.totals.templates) - 1, 0),
          })}
        </p>
      )}
    </>
  );
}
