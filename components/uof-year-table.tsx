import { getTranslations } from "next-intl/server";
import type { UseOfForceYearly } from "@/lib/pipeline/uof-summary";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";

export async function UseOfForceYearTable({ data }: { data: UseOfForceYearly }) {
  const [{ tag }, t] = await Promise.all([requestLocale(), getTranslations("uofTable")]);
  const formatInt = formatterFor(tag).int;
  const last = data.years.at(-1)?.year;
  return (
    <div className="table-scroll" role="region" aria-label={t("region")} tabIndex={0}>
      <table className="data-table" data-testid="uof-year-table">
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("year")}</th>
            <th scope="col" className="num">
              {t("incidents")}
            </th>
            <th scope="col" className="num">
              {t("level", { level: 1 })}
            </th>
            <th scope="col" className="num">
              {t("level", { level: 2 })}
            </th>
            <th scope="col" className="num">
              {t("level", { level: 3 })}
            </th>
            <th scope="col" className="num">
              {t("ois")}
            </th>
            <th scope="col" className="num">
              {t("officers")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.years.map((y) => (
            <tr key={y.year} data-year={y.year}>
              <th scope="row">
                {y.year}
                {data.partialLastYear && y.year === last ? ` ${t("partial")}` : ""}
              </th>
              <td className="num" data-col="incidents">
                {formatInt(y.incidents)}
              </td>
              <td className="num">{formatInt(y.incidentsByLevel["1"])}</td>
              <td className="num">{formatInt(y.incidentsByLevel["2"])}</td>
              <td className="num">{formatInt(y.incidentsByLevel["3"])}</td>
              <td className="num">{formatInt(y.incidentsByLevel["4"])}</td>
              <td className="num">{formatInt(y.officers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
