import {
  CALL_RISK_LABELS,
  CALL_RISK_MAP,
  CALL_RISK_MAPPING_VERSION,
  CALL_RISK_PREFIX_RULES,
  CALL_RISK_REFERENCE,
} from "@/lib/analysis/call-risk";

/** The Initial Call Type -> call risk group mapping, rendered from the table the models use. */
export function CallRiskTable() {
  return (
    <section id="call-risk" aria-labelledby="call-risk-title">
      <h2 id="call-risk-title">Call types to call risk groups</h2>
      <p>
        The models&apos; proxy for how dangerous a call looked at dispatch (mapping{" "}
        <code>{CALL_RISK_MAPPING_VERSION}</code>; reference group: {CALL_RISK_LABELS[CALL_RISK_REFERENCE].toLowerCase()}
        ). Exact entries are matched first, then the prefix rules; anything else is &quot;
        {CALL_RISK_LABELS.other_or_unknown.toLowerCase()}&quot; and is listed in the results.
      </p>
      <div className="table-scroll" role="region" aria-label="Table: call risk mapping" tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Initial Call Type</th>
              <th scope="col">Group</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(CALL_RISK_MAP).map(([raw, m]) => (
              <tr key={raw}>
                <th scope="row">{raw}</th>
                <td>{CALL_RISK_LABELS[m.group]}</td>
                <td>{m.why}</td>
              </tr>
            ))}
            {CALL_RISK_PREFIX_RULES.map((r) => (
              <tr key={`prefix-${r.prefix}`}>
                <th scope="row">Any type starting &quot;{r.prefix}&quot;</th>
                <td>{CALL_RISK_LABELS[r.group]}</td>
                <td>{r.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
