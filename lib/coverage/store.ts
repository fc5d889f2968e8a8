import { hourOfWeek, type SimContacts } from "./simulate";

/**
 * The compact stored input of the coverage simulator and the heat map (result "crisis.coverage"), computed by the
 * pipeline: per year, every crisis contact (Template ID) in time order with its precinct, initial call type and
 * outcome, as integer columns (minutes delta-encoded), about 3 bytes of JSON per number. Eligibility is a rule over
 * call types that readers change, so all contacts are kept and the rule is applied per request.
 *
 * Time basis: the Reported Date / Time of the template's earliest officer record (the same record that places the
 * template in the crisis cube), Seattle wall-clock time stored as UTC. The heat map cells are precomputed here.
 */
export interface CoverageYear {
  year: number;
  /** Weekday of 1 January, Monday = 0. */
  startWeekday: number;
  /** Minutes of the year covered by the data, [periodStart, periodEnd): a partial first or last year is shorter. */
  periodStart: number;
  periodEnd: number;
  /** Whole days in the calendar year (365 or 366). */
  daysInYear: number;
  /** Minutes since 1 January 00:00, delta-encoded (first value absolute). */
  dt: number[];
  p: number[];
  c: number[];
  /** 1 = ended in arrest or force. */
  o: number[];
  /** Officer records (contacts by Template ID + officer) behind these templates. */
  officerRecords: number;
}

export interface CoverageStore {
  versionId: number;
  timeBasis: "reported";
  precincts: string[];
  callTypes: string[];
  years: CoverageYear[];
  /** Heat map cells, columnar: year, precinct index, call-type index, hour of week (Mon 0:00 = 0), contacts. */
  heat: { y: number[]; p: number[]; c: number[]; h: number[]; n: number[] };
}

export interface TemplateArrival {
  reportedAt: Date;
  precinct: string;
  callType: string;
  arrestOrForce: boolean;
  officerRecords: number;
}

const MIN = 60_000;
const mondayFirst = (utcDay: number) => (utcDay + 6) % 7;

/** Builds the store from templates in time order (ties in a fixed order), dates of the data's first and last day. */
export function buildCoverageStore(versionId: number, templates: TemplateArrival[]): CoverageStore {
  const precincts = [...new Set(templates.map((t) => t.precinct))].sort();
  const callTypes = [...new Set(templates.map((t) => t.callType))].sort();
  const pi = new Map(precincts.map((p, i) => [p, i]));
  const ci = new Map(callTypes.map((c, i) => [c, i]));
  const first = templates[0]?.reportedAt;
  const last = templates.at(-1)?.reportedAt;
  const byYear = new Map<number, CoverageYear & { prev: number }>();
  const heat = new Map<string, number>();
  for (const t of templates) {
    // The stored value is Seattle's wall clock as UTC: read it with UTC getters, never a local zone.
    const year = t.reportedAt.getUTCFullYear();
    let y = byYear.get(year);
    if (!y) {
      const jan1 = Date.UTC(year, 0, 1);
      const daysInYear = (Date.UTC(year + 1, 0, 1) - jan1) / 86_400_000;
      // The period covered: whole days from the data's first day (in its first year) to its last day (in its last).
      const periodStart =
        first && first.getUTCFullYear() === year ? Math.floor((first.getTime() - jan1) / 86_400_000) * 1440 : 0;
      const periodEnd =
        last && last.getUTCFullYear() === year
          ? (Math.floor((last.getTime() - jan1) / 86_400_000) + 1) * 1440
          : daysInYear * 1440;
      y = {
        year,
        startWeekday: mondayFirst(new Date(jan1).getUTCDay()),
        periodStart,
        periodEnd,
        daysInYear,
        dt: [],
        p: [],
        c: [],
        o: [],
        officerRecords: 0,
        prev: 0,
      };
      byYear.set(year, y);
    }
    const minute = Math.floor((t.reportedAt.getTime() - Date.UTC(year, 0, 1)) / MIN);
    y.dt.push(minute - y.prev);
    y.prev = minute;
    const p = pi.get(t.precinct)!;
    const c = ci.get(t.callType)!;
    y.p.push(p);
    y.c.push(c);
    y.o.push(t.arrestOrForce ? 1 : 0);
    y.officerRecords += t.officerRecords;
    const key = `${year}|${p}|${c}|${hourOfWeek(minute, y.startWeekday)}`;
    heat.set(key, (heat.get(key) ?? 0) + 1);
  }
  const cells = { y: [] as number[], p: [] as number[], c: [] as number[], h: [] as number[], n: [] as number[] };
  for (const [key, n] of heat) {
    const [y, p, c, h] = key.split("|").map(Number) as [number, number, number, number];
    cells.y.push(y);
    cells.p.push(p);
    cells.c.push(c);
    cells.h.push(h);
    cells.n.push(n);
  }
  return {
    versionId,
    timeBasis: "reported",
    precincts,
    callTypes,
    years: [...byYear.values()].sort((a, b) => a.year - b.year).map(({ prev: _prev, ...y }) => y),
    heat: cells,
  };
}

/** One year's contacts as the simulator reads them (delta decoding: one pass, typed arrays). */
export function yearContacts(y: CoverageYear): SimContacts {
  const times = new Int32Array(y.dt.length);
  let acc = 0;
  for (let i = 0; i < y.dt.length; i++) times[i] = acc += y.dt[i]!;
  return {
    times,
    precinct: Int32Array.from(y.p),
    callType: Int32Array.from(y.c),
    outcome: Uint8Array.from(y.o),
    startWeekday: y.startWeekday,
    periodStart: y.periodStart,
    periodEnd: y.periodEnd,
  };
}
