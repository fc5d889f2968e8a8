import { z } from "zod";
import { dayText, formatHours, HOURS_IN_WEEK, parseDayField, parseHours, WEEKDAYS, type HoursMask } from "./hours";
import { lenient, type InputIssue, type Lenient } from "@/lib/errors/app-error";
import { fieldErrorsOf } from "@/lib/errors/zod";

/**
 * The simulator's parameters, read from the URL (page, API, CSV) and the CLI through one zod schema. Every default
 * is an assumption written down on the page (ASSUMPTIONS), never a measured Seattle figure: readers are meant to put
 * in their own.
 */
export const ASSUMPTIONS = {
  hours: "Mon-Sun 11-23",
  teams: 2,
  minutesPerContact: 60,
  staffPerTeam: 2,
  productiveHours: 1800,
  costPerStaff: 100_000,
  costPerTeam: 25_000,
  officerCostPerHour: 100,
  officersPerContact: 1,
} as const;

export const ASSUMPTION_NOTES: Record<keyof typeof ASSUMPTIONS, string> = {
  hours: "11:00 to 23:00 every day, the hours Seattle's CARE team chose from call data.",
  teams: "Two teams on duty at a time.",
  minutesPerContact:
    "60 minutes per contact, on scene plus travel: an assumption, not a measured figure. Programs publish different averages; set your own.",
  staffPerTeam: "Two people per team (a two-person team, e.g. a clinician and a medic): an assumption.",
  productiveHours:
    "1,800 hours a year worked per full-time employee (2,080 paid hours less leave, sickness and training): an assumption. The shift relief factor of a post is its hours a year divided by this; for a 24/7 post 8,760 / 1,800 = 4.9 employees, in line with the usual 4-5.",
  costPerStaff: "$100,000 a year per employee with benefits: a placeholder, not a Seattle figure.",
  costPerTeam: "$25,000 a year per team for a vehicle, equipment and supplies: a placeholder.",
  officerCostPerHour: "$100 per officer-hour, fully loaded: a placeholder, not SPD's figure.",
  officersPerContact:
    "1 officer per contact: the Crisis Data record only the officers who wrote a template (see the data's own ratio below); more may have attended.",
};

const num = (label: string, min: number, max: number, int = false) => {
  let s = z.coerce
    .number({ message: `${label} must be a number` })
    .min(min, `${label} must be at least ${min.toLocaleString("en-US")}`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")}`);
  if (int) s = s.int(`${label} must be a whole number`);
  return s;
};

export const HoursSpec = z
  .string()
  .max(400, "at most 400 characters")
  .default(ASSUMPTIONS.hours)
  .transform((spec, ctx) => {
    try {
      return parseHours(spec);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  });

export const SimParams = z.object({
  year: num("year", 1990, 2100, true).optional(),
  teams: num("teams", 1, 100, true).default(ASSUMPTIONS.teams),
  hours: HoursSpec,
  /** Comma-separated precinct names; empty or "all" = every precinct. */
  precincts: z.string().max(200).optional(),
  minutesPerContact: num("minutesPerContact", 5, 720, true).default(ASSUMPTIONS.minutesPerContact),
  staffPerTeam: num("staffPerTeam", 1, 10, true).default(ASSUMPTIONS.staffPerTeam),
  productiveHours: num("productiveHours", 500, 3000, true).default(ASSUMPTIONS.productiveHours),
  costPerStaff: num("costPerStaff", 0, 10_000_000).default(ASSUMPTIONS.costPerStaff),
  costPerTeam: num("costPerTeam", 0, 10_000_000).default(ASSUMPTIONS.costPerTeam),
  officerCostPerHour: num("officerCostPerHour", 0, 10_000).default(ASSUMPTIONS.officerCostPerHour),
  officersPerContact: num("officersPerContact", 0.1, 10).default(ASSUMPTIONS.officersPerContact),
  heatPrecinct: z.string().max(40).optional(),
});
export type SimParams = z.infer<typeof SimParams>;
export const SIM_PARAM_KEYS = Object.keys(SimParams.shape) as (keyof SimParams)[];
/** The page's per-day hour fields (hMon..hSun), which a form without JavaScript submits instead of `hours`. */
export const DAY_FIELDS = WEEKDAYS.map((d) => `h${d}`);

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);

/**
 * Reads the parameters; per-day fields win over `hours` when any is present. At most one issue per field ("teams:
 * ...") so the page can show it next to the form and the API can answer 400 with them; any issue means the defaults.
 */
export function parseSimParams(params: Params): Lenient<SimParams> {
  const raw: Record<string, string> = {};
  for (const k of SIM_PARAM_KEYS) {
    const v = first(params[k]);
    if (v !== undefined && v !== "") raw[k] = v;
  }
  const issues: InputIssue[] = [];
  let dayMask: HoursMask | null = null;
  if (DAY_FIELDS.some((f) => params[f] !== undefined)) {
    dayMask = Array(HOURS_IN_WEEK).fill(false);
    DAY_FIELDS.forEach((f, d) => {
      try {
        parseDayField(d, first(params[f]) ?? "", dayMask!);
      } catch (e) {
        issues.push({ field: f, message: `${WEEKDAYS[d]} hours: ${(e as Error).message}` });
      }
    });
    delete raw.hours;
  }
  const parsed = SimParams.safeParse(raw);
  if (!parsed.success) {
    for (const [k, message] of Object.entries(fieldErrorsOf(parsed.error, (path) => path[0] ?? "params")))
      issues.push({ field: k, message: message.startsWith(`${k} `) ? message : `${k}: ${message}` });
  }
  if (issues.length) return lenient(SimParams.parse({}), issues);
  return lenient({ ...parsed.data!, ...(dayMask ? { hours: dayMask } : {}) });
}

/** The parameters as a canonical query string (the permalink of a simulation). */
export function simQuery(p: SimParams, year: number | null, precincts: string[] | null): Record<string, string> {
  const q: Record<string, string> = {};
  if (year !== null) q.year = String(year);
  q.teams = String(p.teams);
  q.hours = formatHours(p.hours);
  if (precincts) q.precincts = precincts.join(",");
  for (const k of [
    "minutesPerContact",
    "staffPerTeam",
    "productiveHours",
    "costPerStaff",
    "costPerTeam",
    "officerCostPerHour",
    "officersPerContact",
  ] as const) {
    if (p[k] !== ASSUMPTIONS[k]) q[k] = String(p[k]);
  }
  if (p.heatPrecinct && p.heatPrecinct !== "all") q.heatPrecinct = p.heatPrecinct;
  return q;
}

export const dayFieldValues = (mask: HoursMask) => Object.fromEntries(DAY_FIELDS.map((f, d) => [f, dayText(mask, d)]));
