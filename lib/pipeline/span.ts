/** Earliest and latest of many dates, without spreading huge arrays into Math.min/max (argument limits). */
export function span(dates: Iterable<Date>): { start: string | null; end: string | null; endDate: Date | null } {
  let min = Infinity;
  let max = -Infinity;
  for (const d of dates) {
    const t = d.getTime();
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity) return { start: null, end: null, endDate: null };
  return { start: new Date(min).toISOString(), end: new Date(max).toISOString(), endDate: new Date(max) };
}
