import { getTranslations } from "next-intl/server";
import { KeyFigure } from "@/components/key-figure";
import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { UseOfForceYearTable } from "@/components/uof-year-table";
import { getHomePage } from "@/lib/dal/home";
import { formatterFor } from "@/lib/format";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";
import { pageMetadata } from "@/lib/http/social-meta";

// The site's own title (the root layout's), with tags naming the page's address and release.
export const generateMetadata = pageMetadata(null, "/");

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [{ locale, tag }, t] = await Promise.all([requestLocale(), getTranslations("home")]);
  const page = await publicPage("/", searchParams, () => getHomePage(locale), {
    datasets: ["seattle-uof", "seattle-crisis"],
  });
  if (!page.ok) return <ReleaseParamError page={page} />;
  const { uof, crisis, datasets, figures, lastUpdated } = page.data;
  const { date, int, percent } = formatterFor(tag);
  const uofSource = datasets.find((d) => d.dataset === "seattle-uof");
  return (
    <>
      <section className="intro">
        <h1>{t("title")}</h1>
        <PageHead frame={page.frame} />
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
                href={f.href && keepPin(page.frame, localePath(locale, f.href))}
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
