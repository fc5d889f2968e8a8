import type { Metadata } from "next";
import { getActiveDatasets, getQuarantineSummary, getVersionHistory } from "@/lib/dal/datasets";
import { formatDate, formatInt } from "@/lib/format";
import { QUARANTINE_REASONS } from "@/lib/ingest/normalise";

export const metadata: Metadata = { title: "Data sources and versions" };

export default async function DataPage() {
  const [active, history, quarantine] = await Promise.all([getActiveDatasets(), getVersionHistory(), getQuarantineSummary()]);
  return (
    <>
      <h1>Data sources and versions</h1>
      <p className="lede">
        Every figure on this site is computed from one version of each dataset below. A version is one load of a source
        file or API pull, identified by the SHA-256 of its input. Rows that fail validation are quarantined with a reason,
        never dropped silently: for each version, rows read = rows loaded + rows quarantined.
      </p>
      {active.length === 0 && <p>No dataset has been loaded yet.</p>}
      {active.map((d) => (
        <section key={d.id} aria-labelledby={`ds-${d.id}`} className="dataset-card">
          <h2 id={`ds-${d.id}`}>
            {d.title} {d.synthetic && <span className="badge badge--warn">synthetic sample</span>}
          </h2>
          <dl className="facts">
            <dt>Version</dt>
            <dd><code>{d.label}</code></dd>
            <dt>Source</dt>
            <dd>
              {d.synthetic ? "Generated locally (the real rows are not available offline); follows the published schema." : d.sourceName}
              {!d.synthetic && <> (<a href={d.sourceUrl}>{d.sourceUrl}</a>)</>}
            </dd>
            <dt>Obtained</dt>
            <dd>{d.origin === "pull" ? "Pulled from the open-data API" : d.origin === "file" ? "Read from a local file" : "Synthetic sample"} · retrieved {formatDate(d.retrievedAt)}</dd>
            <dt>Input SHA-256</dt>
            <dd><code className="hash">{d.sha256}</code></dd>
            <dt>Period</dt>
            <dd>{formatDate(d.periodStart)} to {formatDate(d.periodEnd)}</dd>
            <dt>Rows</dt>
            <dd data-testid={`rows-${d.dataset}`}>
              read {formatInt(d.rowsRead)} = loaded {formatInt(d.rowsLoaded)} + quarantined {formatInt(d.rowsQuarantined)}
            </dd>
          </dl>
          {quarantine.some((q) => q.versionId === d.id) && (
            <table className="data-table">
              <caption>Quarantined rows by reason</caption>
              <thead><tr><th scope="col">Reason</th><th scope="col">Meaning</th><th scope="col" className="num">Rows</th></tr></thead>
              <tbody>
                {quarantine.filter((q) => q.versionId === d.id).map((q) => (
                  <tr key={q.reason}>
                    <th scope="row"><code>{q.reason}</code></th>
                    <td>{QUARANTINE_REASONS[q.reason as keyof typeof QUARANTINE_REASONS] ?? q.reason}</td>
                    <td className="num">{formatInt(q.rows)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <p>
        How each figure is computed is on the <a href="/methodology">methodology</a> page; every column is described in the{" "}
        <a href="/data-dictionary">data dictionary</a>.
      </p>
      <section aria-labelledby="history">
        <h2 id="history">Load history</h2>
        <div className="table-scroll" role="region" aria-label="Load history table" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Version</th><th scope="col">Dataset</th><th scope="col">Status</th><th scope="col">Loaded</th>
                <th scope="col" className="num">Read</th><th scope="col" className="num">Loaded rows</th><th scope="col" className="num">Quarantined</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <th scope="row"><code>{h.label}</code></th>
                  <td>{h.dataset}</td>
                  <td>{h.status}{h.error ? ` (${h.error.slice(0, 120)})` : ""}</td>
                  <td>{formatDate(h.createdAt)}</td>
                  <td className="num">{formatInt(h.rowsRead)}</td>
                  <td className="num">{formatInt(h.rowsLoaded)}</td>
                  <td className="num">{formatInt(h.rowsQuarantined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
