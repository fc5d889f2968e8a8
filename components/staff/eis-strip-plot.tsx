/**
 * One score against the peers of the same run: a server-rendered strip (dot) plot with the officer's value and its
 * interval, and the same facts in words and in a table underneath for screen readers and print. No client code:
 * officer-level values never enter the public JavaScript bundle.
 */
export interface StripPlotProps {
  id: string;
  title: string;
  /** Peer values (every scored officer of the run with a value; IDs are never passed here). */
  peers: number[];
  officer: { value: number; low?: number; high?: number } | null;
  /** Why there is no value for this officer (e.g. "fewer than 3 qualifying incidents"). */
  missing?: string;
  /** A flag threshold drawn as a dashed line. */
  threshold?: { value: number; label: string };
  digits?: number;
  intervalLabel?: string;
}

const W = 640;
const H = 96;
const PAD = { left: 16, right: 16, top: 12, bottom: 28 };

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function ticks(min: number, max: number, count = 5): number[] {
  const span = max - min || 1;
  const step = 10 ** Math.floor(Math.log10(span / count));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => span / s <= count) ?? step * 10;
  const out: number[] = [];
  for (let t = Math.ceil(min / nice) * nice; t <= max + 1e-9; t += nice) out.push(Math.round(t / nice) * nice);
  return out;
}

export function StripPlot({
  id,
  title,
  peers,
  officer,
  missing,
  threshold,
  digits = 2,
  intervalLabel = "95% interval",
}: StripPlotProps) {
  const sorted = [...peers].sort((a, b) => a - b);
  const fmt = (v: number) => v.toFixed(digits);
  const extent = [
    ...sorted,
    ...(officer ? [officer.value, officer.low ?? officer.value, officer.high ?? officer.value] : []),
    ...(threshold ? [threshold.value] : []),
  ];
  if (extent.length === 0) {
    return (
      <figure className="eis-strip" aria-labelledby={`${id}-title`}>
        <figcaption id={`${id}-title`} className="eis-strip__title">
          {title}
        </figcaption>
        <p>No officer in this run has this score.</p>
      </figure>
    );
  }
  const min = Math.min(...extent);
  const max = Math.max(...extent);
  const pad = (max - min || 1) * 0.05;
  const x = (v: number) => PAD.left + ((v - (min - pad)) / (max - min + 2 * pad)) * (W - PAD.left - PAD.right);
  const mid = PAD.top + (H - PAD.top - PAD.bottom) / 2;
  // Deterministic vertical spread so that equal values stay visible without random jitter.
  const y = (i: number) => mid - 14 + ((i * 7919) % 29);
  const rank = officer ? sorted.filter((v) => v < officer.value).length : 0;
  const summary = officer
    ? `This officer: ${fmt(officer.value)}${officer.low !== undefined && officer.high !== undefined ? ` (${intervalLabel} ${fmt(officer.low)} to ${fmt(officer.high)})` : ""}; ` +
      `higher than ${sorted.length ? Math.round((rank / sorted.length) * 100) : 0}% of the ${sorted.length} officers with this score in the run.`
    : `This officer: not available${missing ? ` (${missing})` : ""}.`;
  return (
    <figure className="eis-strip" aria-labelledby={`${id}-title`} data-testid={`strip-${id}`}>
      <figcaption id={`${id}-title`} className="eis-strip__title">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="eis-strip__svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <desc id={`${id}-desc`}>{summary}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="eis-strip__axis" />
        {ticks(min - pad, max + pad).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={H - PAD.bottom} y2={H - PAD.bottom + 4} className="eis-strip__axis" />
            <text x={x(t)} y={H - 8} textAnchor="middle" className="eis-strip__tick">
              {Number(t.toFixed(6))}
            </text>
          </g>
        ))}
        {threshold && (
          <g>
            <line
              x1={x(threshold.value)}
              x2={x(threshold.value)}
              y1={PAD.top - 6}
              y2={H - PAD.bottom}
              className="eis-strip__threshold"
            />
            <text x={x(threshold.value) + 4} y={PAD.top + 2} className="eis-strip__tick">
              {threshold.label}
            </text>
          </g>
        )}
        {sorted.map((v, i) => (
          <circle key={i} cx={x(v)} cy={y(i)} r={3} className="eis-strip__peer" />
        ))}
        {officer && officer.low !== undefined && officer.high !== undefined && (
          <line x1={x(officer.low)} x2={x(officer.high)} y1={mid} y2={mid} className="eis-strip__interval" />
        )}
        {officer && (
          <rect
            x={x(officer.value) - 6}
            y={mid - 6}
            width={12}
            height={12}
            transform={`rotate(45 ${x(officer.value)} ${mid})`}
            className="eis-strip__officer"
          />
        )}
      </svg>
      <p className="eis-strip__summary">{summary}</p>
      <div className="table-scroll" role="region" aria-label={`Table: ${title}`} tabIndex={0}>
        <table className="data-table eis-strip__table">
          <caption className="visually-hidden">{title}: this officer and the peer distribution</caption>
          <thead>
            <tr>
              <th scope="col">This officer</th>
              <th scope="col">{intervalLabel}</th>
              <th scope="col" className="num">
                Peers
              </th>
              <th scope="col" className="num">
                Peer median
              </th>
              <th scope="col" className="num">
                Middle half of peers
              </th>
              <th scope="col" className="num">
                90th percentile
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-col="value">{officer ? fmt(officer.value) : `Not available${missing ? `: ${missing}` : ""}`}</td>
              <td data-col="interval">
                {officer && officer.low !== undefined && officer.high !== undefined
                  ? `${fmt(officer.low)} to ${fmt(officer.high)}`
                  : "none"}
              </td>
              <td className="num">{sorted.length}</td>
              <td className="num">{sorted.length ? fmt(quantile(sorted, 0.5)) : "n/a"}</td>
              <td className="num">
                {sorted.length ? `${fmt(quantile(sorted, 0.25))} to ${fmt(quantile(sorted, 0.75))}` : "n/a"}
              </td>
              <td className="num">{sorted.length ? fmt(quantile(sorted, 0.9)) : "n/a"}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
