/**
 * Coverage hours of a civilian crisis team, as a mask of the 168 hours of a week (index = weekday * 24 + hour,
 * Monday = 0). Written as text like "Mon-Fri 11-23,Sat-Sun 12-20": comma-separated entries, each a day or a range
 * of days and a window of whole hours. A window whose end is before its start runs past midnight into the next day
 * ("Fri-Sat 20-2" covers Friday and Saturday 20:00 to 02:00); "0-24" is the whole day; "none" covers nothing.
 * One text form serves the URL (permalinks), the CLI and the form on the page, so all three read the same way.
 */
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  Mon: "Monday",
  Tue: "Tuesday",
  Wed: "Wednesday",
  Thu: "Thursday",
  Fri: "Friday",
  Sat: "Saturday",
  Sun: "Sunday",
};
export const HOURS_IN_WEEK = 168;

export type HoursMask = boolean[];

const dayIndex = (s: string): number =>
  WEEKDAYS.findIndex(
    (d) =>
      d.toLowerCase() === s.toLowerCase().slice(0, 3) &&
      (s.length === 3 || WEEKDAY_NAMES[d].toLowerCase() === s.toLowerCase()),
  );

function parseHour(s: string, what: string): number {
  if (!/^\d{1,2}$/.test(s)) throw new Error(`${what} "${s}" is not a whole hour (0-24)`);
  const h = Number(s);
  if (h > 24) throw new Error(`${what} ${h} is after 24`);
  return h;
}

/** Parses one window "11-23" into [start, end) hours, end possibly < start (past midnight). */
function parseWindow(w: string): [number, number] {
  const m = /^(\d{1,2})\s*-\s*(\d{1,2})$/.exec(w.trim());
  if (!m) throw new Error(`"${w}" is not a window of hours like 11-23`);
  const start = parseHour(m[1]!, "start hour");
  const end = parseHour(m[2]!, "end hour");
  if (start === 24) throw new Error(`a window cannot start at 24 ("${w}"); use 0`);
  if (start === end) throw new Error(`window "${w}" is empty (start = end); use 0-24 for a whole day`);
  return [start, end];
}

function setWindow(mask: HoursMask, day: number, [start, end]: [number, number]): void {
  const stop = end > start ? end : end + 24;
  for (let h = start; h < stop; h++) mask[(day * 24 + h) % HOURS_IN_WEEK] = true;
}

/** "Mon-Fri 11-23,Sat-Sun 12-20" -> mask; throws an Error whose message names the bad part. */
export function parseHours(spec: string): HoursMask {
  const mask: HoursMask = Array(HOURS_IN_WEEK).fill(false);
  const text = spec.trim();
  if (text === "" || /^none$/i.test(text)) return mask;
  if (text === "24/7") return mask.fill(true);
  for (const entry of text.split(",")) {
    const m = /^\s*([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?\s+(\d{1,2}\s*-\s*\d{1,2})\s*$/.exec(entry);
    if (!m) throw new Error(`"${entry.trim()}" should look like "Mon-Fri 11-23" (days, a space, then hours)`);
    const from = dayIndex(m[1]!);
    const to = m[2] === undefined ? from : dayIndex(m[2]);
    if (from < 0) throw new Error(`"${m[1]}" is not a weekday (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
    if (to < 0) throw new Error(`"${m[2]}" is not a weekday (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
    const window = parseWindow(m[3]!);
    for (let d = from; ; d = (d + 1) % 7) {
      setWindow(mask, d, window);
      if (d === to) break;
    }
  }
  return mask;
}

/** The covered runs of one day, within that day: [[11, 23]] or [[0, 2], [20, 24]]. */
export function dayRuns(mask: HoursMask, day: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let h = 0; h < 24; h++) {
    if (!mask[day * 24 + h]) continue;
    const last = runs.at(-1);
    if (last && last[1] === h) last[1] = h + 1;
    else runs.push([h, h + 1]);
  }
  return runs;
}

const runsText = (runs: [number, number][]) => runs.map(([a, b]) => `${a}-${b}`).join(" ");

/** A day's hours as the page's per-day field shows them: "11-23", "0-2 20-24" or "" (none). */
export const dayText = (mask: HoursMask, day: number) => runsText(dayRuns(mask, day));

/** Parses one day's field ("11-23", "0-2 20-24", "" = none): windows within the day, no running past midnight. */
export function parseDayField(day: number, text: string, mask: HoursMask): void {
  for (const w of text
    .trim()
    .split(/[\s,;]+/)
    .filter(Boolean)) {
    const [start, end] = parseWindow(w);
    if (end < start)
      throw new Error(`"${w}" runs past midnight: write the hours after midnight in the next day's field`);
    setWindow(mask, day, [start, end]);
  }
}

/** The canonical text of a mask: consecutive days with the same hours share one entry. "none" when empty. */
export function formatHours(mask: HoursMask): string {
  if (mask.every(Boolean)) return "Mon-Sun 0-24";
  const parts: string[] = [];
  let d = 0;
  while (d < 7) {
    const text = dayText(mask, d);
    let e = d;
    while (e + 1 < 7 && dayText(mask, e + 1) === text) e++;
    if (text) for (const w of text.split(" ")) parts.push(`${WEEKDAYS[d]}${e > d ? `-${WEEKDAYS[e]}` : ""} ${w}`);
    d = e + 1;
  }
  return parts.length ? parts.join(",") : "none";
}

export const hoursPerWeek = (mask: HoursMask) => mask.filter(Boolean).length;
