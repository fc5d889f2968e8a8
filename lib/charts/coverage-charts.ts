import { ASSUMPTION_NOTES } from "@/lib/coverage/params";
import { WEEKDAYS, WEEKDAY_NAMES, formatHours } from "@/lib/coverage/hours";
import { ruleText } from "@/lib/coverage/rules";
import type { CoverageRun } from "@/lib/coverage/run";
import { chartBase, type ChartContext } from "./context";
import type { ChartIdOf } from "@/lib/chart-registry";
import { COLORS, int, pct } from "./helpers";
import type { ChartData, Row } from "./types";

/**
 * The coverage model's chart blocks (alternative-response page): when eligible contacts happen (heat map), what a
 * schedule reaches and misses, how that depends on the rule, what it costs next to officer time, and the best windows.
 * Counts go through the site's small-count helper like every other chart.
 */

const DEF_ELIGIBLE =
  'Eligible contacts: crisis contacts (counted by Template ID) whose initial call type is a candidate under the rule, with call types classified over every year and precinct of the data. "Eligible" is a rule about call types, not a judgement about any person.';
const DEF_TIME =
  "Time of a contact: the Reported Date / Time of its template (Seattle wall-clock time as published), which is when the report was written, usually some time after the call; the hour and weekday are read from it without any time-zone shift.";
const DEF_MODEL =
  "The simulator replays the year's real arrival times: a contact is missed when it arrives outside the hours (checked first), outside the covered precincts (second) or while every team is on an earlier contact (third); otherwise a team takes it for the minutes per contact. Nobody waits in a queue.";
const NOTE_DISPATCH =
  "911 dispatch records (calls for service) would be a better basis than crisis templates: they include calls that never became a crisis template and carry the time the call came in.";

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

export interface CoverageChartInput {
  run: CoverageRun;
  ctx: ChartContext;
  /** The page's query string (rule + simulator parameters), for CSV links and permalinks. */
  query: string;
  datasetVersion: string;
}

function base(
  inp: CoverageChartInput,
  id: string,
  extra: { label: string; value: string }[] = [],
): Pick<
  ChartData,
  | "id"
  | "sources"
  | "smallCountThreshold"
  | "methodologyHref"
  | "explainerHref"
  | "csvHref"
  | "permalink"
  | "markers"
  | "csvContext"
> {
  const { run } = inp;
  return {
    // The page's own query (rule + simulator parameters), on the alternative-response page whatever ctx says.
    ...chartBase({ ...inp.ctx, pagePath: "/alternative-response" }, id, { query: inp.query }),
    explainerHref: "/methodology#coverage-model",
    markers: [],
    csvContext: [
      { label: "Rule", value: ruleText(run.rule) },
      { label: "Year", value: String(run.year) },
      ...extra,
      { label: "Dataset version", value: inp.datasetVersion },
    ],
  };
}

const simContext = (run: CoverageRun) => ({
  label: "Simulator parameters",
  value: new URLSearchParams(run.query).toString(),
});

export function heatmapChart(inp: CoverageChartInput): ChartData {
  const { run } = inp;
  const c = run.heat.counts;
  // Small cells are shown and flagged unstable by lib/charts/publish.ts (the reliability policy), not withheld.
  const rows: Row[] = Array.from({ length: 24 }, (_, h) => {
    const row: Row = { hour: hourLabel(h) };
    for (let d = 0; d < 7; d++) row[WEEKDAYS[d]!] = c[d * 24 + h]!;
    row.all = WEEKDAYS.reduce((sum, _d, d) => sum + c[d * 24 + h]!, 0);
    return row;
  });
  const total = c.reduce((a, b) => a + b, 0);
  const dayTotals = WEEKDAYS.map((_, d) => c.slice(d * 24, d * 24 + 24).reduce((a, b) => a + b, 0));
  const careHours = c.reduce((s, n, i) => s + (i % 24 >= 11 && i % 24 < 23 ? n : 0), 0);
  const where = run.heat.precinct ? `${run.heat.precinct} precinct` : "all precincts";
  const takeaway =
    total === 0
      ? `No contacts are eligible under this rule in ${run.year} (${where}).`
      : `${int(total)} eligible contacts in ${run.year} (${where}); ${pct(careHours / total)} were reported between 11:00 and 23:00. By weekday the totals range from ${int(Math.min(...dayTotals))} to ${int(Math.max(...dayTotals))}.`;
  return {
    ...base(inp, "alt-heatmap", [{ label: "Heat map precinct", value: run.heat.precinct ?? "all" }]),
    title: "When eligible contacts happen: hour of day by day of week",
    takeaway,
    type: "bar",
    xKey: "hour",
    xLabel: "Hour of day (reported time)",
    yLabel: "Eligible contacts",
    yFormat: "int",
    series: WEEKDAYS.map((d, i) => ({
      key: d,
      label: WEEKDAY_NAMES[d],
      color: [COLORS.blue, COLORS.vermillion, COLORS.green, COLORS.indigo, COLORS.darkRed, COLORS.grey, COLORS.pink][
        i
      ]!,
    })),
    rows,
    columns: [
      { key: "hour", label: "Hour", format: "text" },
      ...WEEKDAYS.map((d) => ({ key: d, label: WEEKDAY_NAMES[d], format: "int" as const })),
      { key: "all", label: "All days", format: "int" },
    ],
    definitions: [
      DEF_ELIGIBLE,
      DEF_TIME,
      `Each cell counts the eligible contacts reported in that hour (e.g. 14:00 = 14:00-14:59) on that weekday in ${run.year}, ${where}.`,
    ],
    notes: [
      "Daylight-saving changes are not adjusted: the published wall-clock time is used as it is (one hour a year repeats and one is missing).",
      NOTE_DISPATCH,
    ],
    unstableCells: 0,
  };
}

export function outcomesChart(inp: CoverageChartInput): ChartData {
  const { run, ctx } = inp;
  const r = run.result;
  const T = ctx.threshold;
  const share = (n: number) => (r.eligible >= T && r.eligible > 0 ? n / r.eligible : null);
  const items: [string, number, string][] = [
    ["Reached by a civilian team", r.reached, "reached"],
    ["Missed: outside the hours", r.missed.outsideHours, "outsideHours"],
    ["Missed: outside the covered precincts", r.missed.outsideArea, "outsideArea"],
    ["Missed: all teams busy", r.missed.allTeamsBusy, "allTeamsBusy"],
  ];
  const rows: Row[] = items.map(([outcome, n, key]) => ({ outcome, key, contacts: n, share: share(n) }));
  rows.push({
    outcome: "All eligible contacts",
    key: "eligible",
    contacts: r.eligible,
    share: r.eligible > 0 ? 1 : null,
  });
  const missed = r.eligible - r.reached;
  const e = run.econ;
  const where = run.precincts ? run.precincts.join(", ") : "every precinct";
  const takeaway =
    r.eligible === 0
      ? `Under this rule no call type is eligible, so there is nothing for a civilian team to take in ${run.year}.`
      : `With ${run.params.teams} team${run.params.teams === 1 ? "" : "s"} on ${formatHours(run.params.hours)} in ${where}, civilian teams would have reached ${int(r.reached)} of ${int(r.eligible)} eligible contacts in ${run.year} (${pct(r.reached / r.eligible)}); ${int(missed)} would still have gone to armed officers. Teams would be busy ${e.utilisation === null ? "-" : pct(e.utilisation)} of their hours.`;
  return {
    ...base(inp, "alt-sim-outcomes", [simContext(run)]),
    title: "Who a civilian team would reach, and who it would miss",
    takeaway,
    type: "bar",
    xKey: "outcome",
    xLabel: "Outcome",
    yLabel: "Eligible contacts",
    yFormat: "int",
    series: [{ key: "contacts", label: "Crisis contacts", color: COLORS.pink }],
    rows,
    columns: [
      { key: "outcome", label: "Outcome", format: "text" },
      { key: "key", label: "Key", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "share", label: "Share of eligible", format: "percent" },
    ],
    definitions: [
      DEF_ELIGIBLE,
      DEF_MODEL,
      DEF_TIME,
      `Minutes per contact (on scene plus travel): ${run.params.minutesPerContact}. ${ASSUMPTION_NOTES.minutesPerContact}`,
    ],
    notes: [
      run.partialYear ? `The data cover only part of ${run.year}: team-hours and costs are for the days covered.` : "",
      `Of the reached contacts, ${int(r.reachedArrestOrForce)}${r.reachedArrestOrForce > 0 && r.reachedArrestOrForce < T ? " (a small count, so unstable)" : ""} ended in an arrest or force when police answered them; a civilian team may need police backup for such calls, and outcomes under a different response could differ.`,
      "Teams are one pool serving every covered precinct; travel time is inside the minutes per contact.",
    ].filter(Boolean),
    unstableCells: 0,
  };
}

export function rulesChart(inp: CoverageChartInput): ChartData {
  const { run, ctx } = inp;
  const T = ctx.threshold;
  const rows: Row[] = run.byRule.map((o) => ({
    rule: o.name === "rule" ? "This page's rule" : o.name === "strict" ? "Strict" : "Broad",
    definition: ruleText(o.rule),
    callTypes: o.eligibleCallTypes,
    eligible: o.result.eligible,
    reached: o.result.reached,
    outsideHours: o.result.missed.outsideHours,
    outsideArea: o.result.missed.outsideArea,
    allTeamsBusy: o.result.missed.allTeamsBusy,
    reachedShare: o.result.eligible >= T ? o.result.reached / o.result.eligible : null,
    utilisation: o.econ.utilisation,
    costPerReached: o.econ.costPerReached,
  }));
  const [strict, , broad] = run.byRule;
  return {
    ...base(inp, "alt-sim-rules", [simContext(run)]),
    title: "How much the answer depends on the eligibility rule",
    takeaway: `The same schedule reaches ${int(strict!.result.reached)} contacts under the strict rule and ${int(broad!.result.reached)} under the broad one (${int(strict!.result.eligible)} and ${int(broad!.result.eligible)} eligible): which call types count matters as much as how many teams there are.`,
    type: "bar",
    xKey: "rule",
    xLabel: "Rule",
    yLabel: "Contacts",
    yFormat: "int",
    series: [
      { key: "eligible", label: "Eligible", color: COLORS.grey },
      { key: "reached", label: "Reached", color: COLORS.pink },
    ],
    rows,
    columns: [
      { key: "rule", label: "Rule", format: "text" },
      { key: "definition", label: "Definition", format: "text" },
      { key: "callTypes", label: "Eligible call types", format: "int" },
      { key: "eligible", label: "Eligible crisis contacts", format: "int" },
      { key: "reached", label: "Reached", format: "int" },
      { key: "outsideHours", label: "Outside hours", format: "int" },
      { key: "outsideArea", label: "Outside area", format: "int" },
      { key: "allTeamsBusy", label: "All teams busy", format: "int" },
      { key: "reachedShare", label: "Reached share", format: "percent" },
      { key: "utilisation", label: "Team utilisation", format: "percent" },
      { key: "costPerReached", label: "Cost per reached crisis contact ($)", format: "usd" },
    ],
    definitions: [
      DEF_ELIGIBLE,
      "Strict and broad are fixed variants either side of the page's default rule; the middle row is the rule set at the top of this page.",
    ],
    notes: [
      "The spread between the rules is the uncertainty that comes from deciding which call types are eligible; it is not a statistical interval.",
    ],
    unstableCells: 0,
  };
}

export function costChart(inp: CoverageChartInput): ChartData {
  const { run } = inp;
  const e = run.econ;
  const p = run.params;
  const r = run.result;
  const rows: Row[] = [
    {
      line: "Civilian teams (this schedule)",
      contacts: r.reached,
      hours: e.teamHours,
      staff: e.staffNeeded,
      cost: e.periodCost,
      perContact: e.costPerReached,
    },
    {
      line: "Officer time on all eligible contacts (today)",
      contacts: r.eligible,
      hours: e.officer.hoursOnEligible,
      staff: null,
      cost: e.officer.costOnEligible,
      perContact: e.officer.costPerContact,
    },
    {
      line: "Officer time still on eligible contacts the teams miss",
      contacts: r.eligible - r.reached,
      hours: e.officer.hoursRemaining,
      staff: null,
      cost: Math.round(e.officer.hoursRemaining * p.officerCostPerHour),
      perContact: e.officer.costPerContact,
    },
  ];
  return {
    ...base(inp, "alt-sim-cost", [simContext(run)]),
    title: "Staff and cost, next to the officer time the same contacts take today",
    takeaway:
      r.reached === 0
        ? "No contact is reached, so there is no cost per reached contact."
        : `${p.teams} team${p.teams === 1 ? "" : "s"} of ${p.staffPerTeam} on these hours need ${e.staffNeeded.toLocaleString("en-US")} employees (relief factor ${e.reliefFactor.toFixed(2)} per post) and cost about $${int(e.annualCost)} a year: $${int(e.costPerReached ?? 0)} per reached contact, against $${int(e.officer.costPerContact)} of officer time per contact.`,
    type: "bar",
    xKey: "line",
    xLabel: "Response",
    yLabel: "Cost per contact ($)",
    yFormat: "usd",
    series: [{ key: "perContact", label: "Cost per crisis contact ($)", color: COLORS.blue }],
    rows,
    columns: [
      { key: "line", label: "Response", format: "text" },
      { key: "contacts", label: "Crisis contacts", format: "int" },
      { key: "hours", label: "Hours (team or officer)", format: "estimate" },
      { key: "staff", label: "Employees needed", format: "estimate" },
      { key: "cost", label: `Cost in ${run.year} ($)`, format: "usd" },
      { key: "perContact", label: "Cost per crisis contact ($)", format: "usd" },
    ],
    definitions: [
      `Staff needed = teams x people per team x shift relief factor; relief factor = the schedule's hours in a year / hours an employee works in a year (${int(p.productiveHours)}). ${ASSUMPTION_NOTES.productiveHours}`,
      `Annual cost = employees x $${int(p.costPerStaff)} + teams x $${int(p.costPerTeam)}. ${ASSUMPTION_NOTES.costPerStaff} ${ASSUMPTION_NOTES.costPerTeam}`,
      `Officer time = contacts x ${p.minutesPerContact} minutes x ${p.officersPerContact} officer(s) per contact x $${int(p.officerCostPerHour)} an hour. ${ASSUMPTION_NOTES.officerCostPerHour}`,
    ],
    notes: [
      "The two lines are not a saving: officers are paid whether or not they answer a crisis call, while a team's cost is a whole program's. The officer line shows how much officer time the eligible contacts take, and how much stays with officers.",
      run.officerRecordsPerContact === null
        ? ""
        : `In this data each contact has ${run.officerRecordsPerContact.toFixed(2)} officer records on average (officers who wrote a template); ${ASSUMPTION_NOTES.officersPerContact}`,
    ].filter(Boolean),
    unstableCells: 0,
  };
}

export function windowsChart(inp: CoverageChartInput): ChartData {
  const { run } = inp;
  const rows: Row[] = (run.windows ?? []).map((w, i) => {
    return {
      rank: i + 1,
      window: `${w.days} ${hourLabel(w.start)}-${hourLabel(w.end)}`,
      days: w.days,
      length: w.length,
      reached: w.reached,
      teamHours: Math.round(w.teamHours),
      perTeamHour: Math.round(w.perTeamHour * 1000) / 1000,
      shareOfDays: w.shareOfDays,
    };
  });
  const top = rows[0];
  return {
    ...base(inp, "alt-sim-windows", [simContext(run)]),
    title: "Where would it matter most: the best coverage windows",
    takeaway:
      top && typeof top.perTeamHour === "number" && (top.reached as number) > 0
        ? `The window reaching the most eligible contacts per team-hour is ${top.window} (${top.length} hours): ${(top.perTeamHour as number).toFixed(2)} contacts per team-hour with ${run.params.teams} team${run.params.teams === 1 ? "" : "s"}.`
        : "No eligible contacts to place a window on.",
    type: "bar",
    xKey: "window",
    xLabel: "Window",
    yLabel: "Reached contacts per team-hour",
    yFormat: "estimate",
    series: [{ key: "perTeamHour", label: "Reached per team-hour", color: COLORS.green }],
    rows,
    columns: [
      { key: "rank", label: "Rank", format: "int" },
      { key: "window", label: "Window", format: "text" },
      { key: "length", label: "Hours", format: "int" },
      { key: "reached", label: "Reached in the year", format: "int" },
      { key: "teamHours", label: "Team-hours", format: "int" },
      { key: "perTeamHour", label: "Reached per team-hour", format: "estimate" },
      { key: "shareOfDays", label: "Share of those days' eligible crisis contacts", format: "percent" },
    ],
    definitions: [
      DEF_ELIGIBLE,
      "Every start hour (0-23) of 8-, 10- and 12-hour windows was simulated for each weekday and for every day alike, with this page's teams, minutes per contact and precincts (busy teams included); the best start per weekday and length is listed, ranked by reached contacts per team-hour. A window may run past midnight.",
    ],
    notes: [
      "Ranking on reached contacts per team-hour favours the busiest hours; a service also has to be there when people need it at other times.",
    ],
    unstableCells: 0,
  };
}

/** The coverage model's charts, in page order: one builder per chart id (lib/chart-registry.ts). */
export const COVERAGE_CHARTS = {
  "alt-heatmap": heatmapChart,
  "alt-sim-outcomes": outcomesChart,
  "alt-sim-rules": rulesChart,
  "alt-sim-cost": costChart,
  "alt-sim-windows": windowsChart,
} satisfies Record<ChartIdOf<"coverage">, (inp: CoverageChartInput) => ChartData>;
export const COVERAGE_CHART_IDS = Object.keys(COVERAGE_CHARTS) as ChartIdOf<"coverage">[];

export function coverageCharts(inp: CoverageChartInput): ChartData[] {
  return Object.values(COVERAGE_CHARTS).map((build) => build(inp));
}
