import type { InterventionAggregateDto } from "@/lib/dal/staff-eis-interventions";
import { formatDate } from "@/lib/format";
import { MIN_AGGREGATE_N, OUTCOME_HORIZONS } from "@/lib/staff/eis-intervention-outcome";

const f2 = (v: number) => v.toFixed(2);
const pct = (v: number | null) => (v === null ? "n/a" : `${Math.round(v * 100)}%`);

/** Department-wide before/after figures for completed interventions; no officer is named, small groups are withheld. */
export function EisInterventionAggregate({ data }: { data: InterventionAggregateDto }) {
  return (
    <section aria-labelledby="interventions-title" data-testid="intervention-aggregate">
      <h2 id="interventions-title">After an intervention</h2>
      <p data-testid="intervention-counts">
        Interventions assigned: {data.assigned}; completed: {data.completed}; officers with a completed intervention:{" "}
        {data.officers}.
      </p>
      <p className="meta">
        For each officer&apos;s first completed intervention: their Use of Force incidents per month in the 3, 6 or 12
        months before the completion date and in as many months after it, counted once the data cover the months after
        {data.dataEnd ? ` (the data end on ${formatDate(data.dataEnd)})` : ""}. Figures for fewer than {MIN_AGGREGATE_N}{" "}
        officers are withheld: they could point to individuals and say little. Before and after is not cause and effect:
        counts move on their own (regression to the mean after a flag), and assignments change.
      </p>
      <div className="table-scroll" role="region" aria-label="Incidents before and after an intervention" tabIndex={0}>
        <table className="data-table">
          <caption className="visually-hidden">
            Officers with a completed intervention: incidents per month before and after
          </caption>
          <thead>
            <tr>
              <th scope="col">Months before / after</th>
              <th scope="col" className="num">
                Officers (n)
              </th>
              <th scope="col">Incidents per month, before → after</th>
              <th scope="col">Level 2+ incidents per month, before → after</th>
              <th scope="col">Share at Level 2+, before → after</th>
            </tr>
          </thead>
          <tbody>
            {OUTCOME_HORIZONS.map((h) => {
              const a = data.horizons[h];
              return (
                <tr key={h} data-months={h} data-n={a.n} data-shown={a.shown}>
                  <th scope="row">{h}</th>
                  <td className="num" data-col="n">
                    {a.n}
                  </td>
                  {a.shown && a.incidentsPerMonth && a.seriousPerMonth && a.seriousShare ? (
                    <>
                      <td data-col="incidents">
                        {f2(a.incidentsPerMonth.before)} → {f2(a.incidentsPerMonth.after)}
                      </td>
                      <td data-col="serious">
                        {f2(a.seriousPerMonth.before)} → {f2(a.seriousPerMonth.after)}
                      </td>
                      <td data-col="share">
                        {pct(a.seriousShare.before)} → {pct(a.seriousShare.after)}
                      </td>
                    </>
                  ) : (
                    <td colSpan={3} data-col="withheld">
                      {a.n === 0
                        ? "No completed intervention has this follow-up inside the data yet."
                        : `Withheld: fewer than ${MIN_AGGREGATE_N} officers.`}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
