import type { UseOfForceYearly } from "@/lib/pipeline/uof-summary";
import { formatInt } from "@/lib/format";

export function UseOfForceYearTable({ data }: { data: UseOfForceYearly }) {
  const last = data.years.at(-1)?.year;
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label="Table: use-of-force incidents per year by level"
      tabIndex={0}
    >
      <table className="data-table" data-testid="uof-year-table">
        <caption className="visually-hidden">Use-of-force incidents per year by most serious level</caption>
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col" className="num">
              Incidents
            </th>
            <th scope="col" className="num">
              Level 1
            </th>
            <th scope="col" className="num">
              Level 2
            </th>
            <th scope="col" className="num">
              Level 3
            </th>
            <th scope="col" className="num">
              OIS
            </th>
            <th scope="col" className="num">
              Officers
            </th>
          </tr>
        </thead>
        <tbody>
          {data.years.map((y) => (
            <tr key={y.year} data-year={y.year}>
              <th scope="row">
                {y.year}
                {data.partialLastYear && y.year === last ? " (partial)" : ""}
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
