import type { AlternativeRule } from "@/lib/trends/alternative-rule";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import { economics, type Economics } from "./economics";
import { HOURS_IN_WEEK } from "./hours";
import { simQuery, type SimParams } from "./params";
import { eligibleCallTypes, RULE_PRESETS, ruleText } from "./rules";
import { coveredMinutesCounter, simulate, type SimContacts, type SimResult } from "./simulate";
import { yearContacts, type CoverageStore, type CoverageYear } from "./store";
import { bestWindows, type WindowResult } from "./windows";

/**
 * One simulation request, end to end: resolve the year and precincts against the stored data, apply the rule, run
 * the simulator under the reader's rule and the strict and broad variants, cost it, search the best windows and sum
 * the heat map. Shared by the page, the API, the CSVs and the CLI, so all of them give the same numbers.
 */
export interface RuleOutcome {
  name: "strict" | "rule" | "broad";
  label: string;
  rule: AlternativeRule;
  eligibleCallTypes: number;
  result: SimResult;
  econ: Economics;
}

export interface CoverageRun {
  year: number;
  years: number[];
  partialYear: boolean;
  precinctOptions: string[];
  /** Covered precincts, or null for every precinct. */
  precincts: string[] | null;
  params: SimParams;
  query: Record<string, string>;
  rule: AlternativeRule;
  result: SimResult;
  econ: Economics;
  byRule: RuleOutcome[];
  windows: WindowResult[] | null;
  heat: { precinct: string | null; counts: number[] };
  officerRecordsPerContact: number | null;
}

const contactsCache = new WeakMap<CoverageYear, SimContacts>();
const contactsOf = (y: CoverageYear) => {
  let c = contactsCache.get(y);
  if (!c) contactsCache.set(y, (c = yearContacts(y)));
  return c;
};
const isWholeYear = (y: CoverageYear) => y.periodStart === 0 && y.periodEnd === y.daysInYear * 1440;

function resolvePrecincts(
  list: string | undefined,
  options: string[],
  what: string,
): { value: string[] | null; error?: string } {
  const names = (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0 || names.some((n) => n.toLowerCase() === "all")) return { value: null };
  const out: string[] = [];
  for (const n of names) {
    const hit = options.find((o) => o.toLowerCase() === n.toLowerCase());
    if (!hit)
      return { value: null, error: `${what}: "${n}" is not a precinct of the data (${options.join(", ")}, or all)` };
    if (!out.includes(hit)) out.push(hit);
  }
  return { value: out.sort() };
}

export function runCoverage(
  store: CoverageStore,
  cube: CrisisCube,
  params: SimParams,
  rule: AlternativeRule,
  opts: { windows?: boolean } = {},
): { ok: true; run: CoverageRun } | { ok: false; errors: string[] } {
  const years = store.years.map((y) => y.year);
  const errors: string[] = [];
  const defaultYear = [...store.years].reverse().find(isWholeYear) ?? store.years.at(-1);
  const y = params.year === undefined ? defaultYear : store.years.find((x) => x.year === params.year);
  if (!y)
    errors.push(
      params.year === undefined
        ? "no crisis data loaded"
        : `year: no crisis data for ${params.year} (years: ${years[0]}-${years.at(-1)})`,
    );
  const options = store.precincts;
  const covered = resolvePrecincts(params.precincts, options, "precincts");
  const heatP = resolvePrecincts(params.heatPrecinct, options, "heatPrecinct");
  if (covered.error) errors.push(covered.error);
  if (heatP.error) errors.push(heatP.error);
  if ((heatP.value?.length ?? 0) > 1) errors.push("heatPrecinct: give one precinct (or all)");
  if (errors.length || !y) return { ok: false, errors };

  const contacts = contactsOf(y);
  const coveredPrecincts = covered.value ? options.map((p) => covered.value!.includes(p)) : null;
  const period = { start: y.periodStart, end: y.periodEnd, daysInYear: y.daysInYear };
  const inYear = coveredMinutesCounter(params.hours, y.startWeekday)(0, y.daysInYear * 1440);
  const outcome = (name: RuleOutcome["name"], r: AlternativeRule): RuleOutcome => {
    const names = eligibleCallTypes(cube, r);
    const eligible = store.callTypes.map((c) => names.has(c));
    const result = simulate(contacts, {
      eligible,
      coveredPrecincts,
      mask: params.hours,
      teams: params.teams,
      minutesPerContact: params.minutesPerContact,
    });
    return {
      name,
      label: name === "rule" ? `this page's rule: ${ruleText(r)}` : `${name}: ${ruleText(r)}`,
      rule: r,
      eligibleCallTypes: names.size,
      result,
      econ: economics(result, params, period, inYear),
    };
  };
  const mine = outcome("rule", rule);
  const byRule = [outcome("strict", RULE_PRESETS.strict), mine, outcome("broad", RULE_PRESETS.broad)];

  const eligibleNames = eligibleCallTypes(cube, rule);
  const eligibleIdx = store.callTypes.map((c) => eligibleNames.has(c));
  const windows =
    opts.windows === false
      ? null
      : bestWindows(contacts, {
          eligible: eligibleIdx,
          coveredPrecincts,
          teams: params.teams,
          minutesPerContact: params.minutesPerContact,
        });

  const counts: number[] = Array(HOURS_IN_WEEK).fill(0);
  const heatPi = heatP.value ? options.indexOf(heatP.value[0]!) : -1;
  const h = store.heat;
  for (let i = 0; i < h.n.length; i++) {
    if (h.y[i] !== y.year || !eligibleIdx[h.c[i]!] || (heatPi >= 0 && h.p[i] !== heatPi)) continue;
    counts[h.h[i]!]! += h.n[i]!;
  }
  return {
    ok: true,
    run: {
      year: y.year,
      years,
      partialYear: !isWholeYear(y),
      precinctOptions: options,
      precincts: covered.value,
      params,
      query: simQuery(params, y.year, covered.value),
      rule,
      result: mine.result,
      econ: mine.econ,
      byRule,
      windows,
      heat: { precinct: heatP.value?.[0] ?? null, counts },
      officerRecordsPerContact: y.dt.length ? y.officerRecords / y.dt.length : null,
    },
  };
}

/** The CLI's stable JSON contract (`coverage simulate --json`). */
export function coverageContract(run: CoverageRun, datasetVersion: string, datasetVersionId: number) {
  const r = run.result;
  return {
    datasetVersion,
    datasetVersionId,
    year: run.year,
    eligible: r.eligible,
    reached: r.reached,
    missed: { ...r.missed },
    teamHours: run.econ.teamHours,
    utilisation: run.econ.utilisation,
    staffNeeded: run.econ.staffNeeded,
    parameters: run.query,
    rule: run.rule,
  };
}
