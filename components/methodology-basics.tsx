import { DISPOSITION_GROUP_LABELS, DISPOSITION_MAP } from "@/lib/ingest/sources/crisis-dispositions";

/** Counting rules and mapping tables, rendered from the same code the pipeline uses (no second copy to drift). */
export function MethodologyBasics() {
  return (
    <>
      <section id="counting" aria-labelledby="counting-title">
        <h2 id="counting-title">How the portal counts</h2>
        <ul>
          <li>
            <strong>A row is not a contact.</strong> The Crisis Data has one row per disposition: a contact that ended
            with a referral and a voluntary committal appears twice. Crisis contacts are counted by Template ID (one
            person in one crisis contact).
          </li>
          <li>
            <strong>A contact is not an incident.</strong> When several officers respond, each records the template: the
            CIT models use Template ID + Officer ID as the unit; the trend pages count each template once.
          </li>
          <li>
            <strong>Use-of-force incidents</strong> are counted by Incident_Num, once, at their most serious level and
            at the time and place of their earliest record. One incident can have several rows (one per officer and
            subject).
          </li>
          <li>
            <strong>Use of Force and Crisis Data cannot be linked.</strong> Their officer IDs are different ID spaces;
            the portal never joins them.
          </li>
          <li>
            <strong>Small numbers.</strong> Counts below the threshold shown under each chart are shown but flagged
            unstable, never withheld, and rates are shown with 95% Wilson intervals.
          </li>
        </ul>
      </section>
      <section id="dispositions" aria-labelledby="dispositions-title">
        <h2 id="dispositions-title">Disposition groups</h2>
        <p>
          Each contact is counted at its most serious disposition: arrest &gt; emergent detention &gt; referral to
          services &gt; no action. Values not in this table load as &quot;{DISPOSITION_GROUP_LABELS.unknown}&quot; and
          are reported by the pipeline.
        </p>
        <div className="table-scroll" role="region" aria-label="Table: disposition mapping" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Disposition in the source</th>
                <th scope="col">Group</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(DISPOSITION_MAP).map(([raw, m]) => (
                <tr key={raw}>
                  <th scope="row">{raw}</th>
                  <td>{DISPOSITION_GROUP_LABELS[m.group]}</td>
                  <td>{m.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section id="cit" aria-labelledby="cit-title">
        <h2 id="cit-title">Crisis Intervention Training in the data</h2>
        <p>
          SPD officers become CIT-certified after a 40-hour course; all officers are meant to receive 8 hours of crisis
          training a year. Seattle&apos;s open Crisis Data has only a &quot;CIT Certified Indicator&quot; that is
          &quot;Y&quot; or empty: it separates certified officers from everyone else (trained-only, untrained, or
          unknown) and cannot show the 8-hour modality.
        </p>
      </section>
    </>
  );
}
