import { COVERAGE_KEY, unstableIn } from "./flags";
import type { Row } from "./types";

/**
 * Period arithmetic for drawing: a line never joins two periods that are not next to each other (a missing quarter
 * is a gap, not a slope), and a value from a partial period or resting on a small count is drawn as weak (open
 * dot, dashed segment, lighter bar), as lib/charts/publish.ts flags it.
 */
const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** The period's position on a continuous count (years, quarters or months), or null for a non-period label. */
export function periodIndex(p: string): number | null {
  let m = YEAR.exec(p);
  if (m) return Number(m[1]);
  m = QUARTER.exec(p);
  if (m) return Number(m[1]) * 4 + Number(m[2]) - 1;
  m = MONTH.exec(p);
  if (m) return Number(m[1]) * 12 + Number(m[2]) - 1;
  return null;
}

/** True unless both labels are periods of the same kind and one or more periods lie between them. */
export function adjacent(a: string, b: string): boolean {
  const [i, j] = [periodIndex(a), periodIndex(b)];
  const sameKind =
    (YEAR.test(a) && YEAR.test(b)) || (QUARTER.test(a) && QUARTER.test(b)) || (MONTH.test(a) && MONTH.test(b));
  return i === null || j === null || !sameKind || j - i === 1;
}

/** A value drawn as weak: its period is partial, or it rests on a count below the threshold. */
export const isWeak = (row: Row, key: string): boolean => row[COVERAGE_KEY] === "partial" || unstableIn(row).has(key);

/** The label of the period `steps` after p (same kind), or null for a non-period label. */
function periodLabel(kindOf: string, index: number): string {
  if (YEAR.test(kindOf)) return String(index);
  if (QUARTER.test(kindOf)) return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * Rows for drawing: empty rows for periods missing between two rows (so lines break there, as
 * connectNulls=false does at nulls), and each line series split into `key` (firm values) and `key~weak` (values
 * from partial periods or small counts and their neighbours, drawn dashed with open dots).
 */
export function drawingRows(rows: Row[], xKey: string, lineKeys: string[]): Row[] {
  const filled: Row[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (prev && !adjacent(String(prev[xKey]), String(r[xKey]))) {
      const [a, b] = [periodIndex(String(prev[xKey]))!, periodIndex(String(r[xKey]))!];
      for (let k = a + 1; k < b && b - a < 400; k++) filled.push({ [xKey]: periodLabel(String(r[xKey]), k) });
    }
    filled.push(r);
  });
  return filled.map((r, i) => {
    const out: Row = { ...r };
    for (const key of lineKeys) {
      const weakAt = (j: number) => filled[j] !== undefined && filled[j]![key] != null && isWeak(filled[j]!, key);
      const touchesWeak = weakAt(i) || weakAt(i - 1) || weakAt(i + 1);
      out[`${key}~weak`] = touchesWeak ? (r[key] ?? null) : null;
      out[key] = weakAt(i) ? null : (r[key] ?? null);
    }
    return out;
  });
}
