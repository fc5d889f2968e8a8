const COLS = 40;
const ROWS = 25;
const CELL = 10;
const FILLS = { base: "#b2182b", extra: "#f4a582", none: "#d9dde2" } as const;

/**
 * Cells [from, to) of the grid, counted row by row, as at most three rectangles (the rest of the first row, the
 * full rows, the start of the last row), in cell units.
 */
export function runRects(from: number, to: number): { x: number; y: number; w: number; h: number }[] {
  if (to <= from) return [];
  const out: { x: number; y: number; w: number; h: number }[] = [];
  let i = from;
  if (i % COLS !== 0) {
    const end = Math.min(to, i - (i % COLS) + COLS);
    out.push({ x: i % COLS, y: Math.floor(i / COLS), w: end - i, h: 1 });
    i = end;
  }
  const full = Math.floor((to - i) / COLS);
  if (full > 0) {
    out.push({ x: 0, y: i / COLS, w: COLS, h: full });
    i += full * COLS;
  }
  if (i < to) out.push({ x: 0, y: i / COLS, w: to - i, h: 1 });
  return out;
}

/**
 * 1,000 contacts as a 40 x 25 grid of squares: `base` of them dark, `extra` more in a second colour. The sentence
 * beside it carries the numbers for screen readers; the picture is decorative. Each colour is a pattern of one
 * square tiled over the run of cells it covers, not a thousand <rect>s (issue 22, page weight: 73 KB per array,
 * twice on the odds-ratio explainer, and again in the RSC payload).
 */
export function IconArray({ base, extra }: { base: number; extra: number }) {
  const b = Math.max(0, Math.min(COLS * ROWS, base));
  const e = Math.max(0, Math.min(COLS * ROWS - b, extra));
  const runs = { base: [0, b], extra: [b, b + e], none: [b + e, COLS * ROWS] } as const;
  // Pattern ids are global in the document: named by the picture, so two equal arrays share equal patterns.
  const id = (kind: keyof typeof FILLS) => `icon-${kind}-${b}-${e}`;
  return (
    <svg viewBox={`0 0 ${COLS * CELL} ${ROWS * CELL}`} className="icon-array" aria-hidden="true" focusable="false">
      <defs>
        {(Object.keys(FILLS) as (keyof typeof FILLS)[]).map((kind) => (
          <pattern key={kind} id={id(kind)} width={CELL} height={CELL} patternUnits="userSpaceOnUse">
            <rect x={1} y={1} width={8} height={8} rx={1.5} fill={FILLS[kind]} />
          </pattern>
        ))}
      </defs>
      {(Object.keys(runs) as (keyof typeof FILLS)[]).flatMap((kind) =>
        runRects(runs[kind][0], runs[kind][1]).map((r) => (
          <rect
            key={`${kind}-${r.y}-${r.x}`}
            data-kind={kind}
            x={r.x * CELL}
            y={r.y * CELL}
            width={r.w * CELL}
            height={r.h * CELL}
            fill={`url(#${id(kind)})`}
          />
        )),
      )}
    </svg>
  );
}
