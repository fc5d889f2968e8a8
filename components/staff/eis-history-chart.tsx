/**
 * A score across runs as a small server-rendered line chart: flagged runs are filled dots, runs where the score
 * could not be computed leave a gap. The page's history table carries the same values.
 */
export interface HistoryPoint {
  asOf: string;
  value: number | null;
  flagged: boolean;
}

const W = 640;
const H = 150;
const PAD = { left: 44, right: 12, top: 12, bottom: 30 };

export function EisHistoryChart({
  id,
  title,
  points,
  digits = 2,
}: {
  id: string;
  title: string;
  points: HistoryPoint[];
  digits?: number;
}) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const known = values.length;
  const flaggedCount = points.filter((p) => p.flagged).length;
  const summary = `${points.length} runs from ${points[0]?.asOf ?? "?"} to ${points.at(-1)?.asOf ?? "?"}; the score was computable in ${known} and the officer was flagged in ${flaggedCount}.`;
  if (known === 0) {
    return (
      <figure className="eis-history" aria-labelledby={`${id}-title`}>
        <figcaption id={`${id}-title`} className="eis-strip__title">
          {title}
        </figcaption>
        <p>{summary}</p>
      </figure>
    );
  }
  const min = Math.min(0, ...values);
  const max = Math.max(...values, min + 1e-9);
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? 0.5 : i / (points.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  // Break the line where the score is missing.
  const segments: string[] = [];
  let current = "";
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = "";
    } else current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <figure className="eis-history" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="eis-strip__title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="eis-strip__svg">
        <desc id={`${id}-desc`}>{summary}</desc>
        {[min, (min + max) / 2, max].map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="eis-history__grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="eis-strip__tick">
              {t.toFixed(digits)}
            </text>
          </g>
        ))}
        {segments.map((d, i) => (
          <path key={i} d={d} className="eis-history__line" />
        ))}
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle
              key={p.asOf}
              cx={x(i)}
              cy={y(p.value)}
              r={p.flagged ? 5 : 3}
              className={p.flagged ? "eis-history__flag" : "eis-history__dot"}
            />
          ),
        )}
        <text x={PAD.left} y={H - 8} className="eis-strip__tick">
          {points[0]!.asOf}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="eis-strip__tick">
          {points.at(-1)!.asOf}
        </text>
      </svg>
      <p className="eis-strip__summary">{summary} Larger filled dots: flagged runs.</p>
    </figure>
  );
}
