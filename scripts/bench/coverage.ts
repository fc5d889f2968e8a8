/**
 * The coverage simulator (alternative-response page): one simulation of the latest full year of the bench
 * database's crisis data (target: under 300 ms), one whole request's work (three rules, the window search, the heat
 * map), and the server answering never-cached simulator URLs (the CSV of the outcomes, a distinct parameter each).
 */
import type { BenchContext, BenchRow } from "./types";

interface Timing {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}
export type CoverageBench =
  | { unavailable: string }
  | {
      year: number;
      contacts: number;
      eligible: number;
      simulate: Timing;
      request: Timing;
      http: Timing | { unavailable: string };
    };

const pctl = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const timing = (ms: number[]): Timing => ({
  p50: pctl(ms, 0.5),
  p95: pctl(ms, 0.95),
  max: Math.max(...ms),
  runs: ms.length,
});

export async function runCoverageBench(ctx: BenchContext): Promise<CoverageBench> {
  const { db } = await import("@/lib/db/client");
  const { parseSimParams } = await import("@/lib/coverage/params");
  const { RULE_PRESETS, eligibleCallTypes } = await import("@/lib/coverage/rules");
  const { runCoverage } = await import("@/lib/coverage/run");
  const { simulate } = await import("@/lib/coverage/simulate");
  const { yearContacts } = await import("@/lib/coverage/store");
  const load = async (key: string) => {
    const row = await db().result.findUnique({ where: { key } });
    return row ? JSON.parse(row.payload) : null;
  };
  const [store, cube] = [await load("crisis.coverage"), await load("crisis.cube")];
  if (!store || !cube) return { unavailable: "no stored crisis.coverage result (run compute)" };
  const y =
    [...store.years]
      .reverse()
      .find(
        (x: { periodStart: number; periodEnd: number; daysInYear: number }) =>
          x.periodStart === 0 && x.periodEnd === x.daysInYear * 1440,
      ) ?? store.years.at(-1);
  const rule = RULE_PRESETS.broad;
  const { value: params } = parseSimParams({ year: String(y.year), teams: "2", hours: "Mon-Fri 11-23,Sat-Sun 12-20" });
  const names = eligibleCallTypes(cube, rule);
  const eligible = store.callTypes.map((c: string) => names.has(c));
  const runs = ctx.quick ? 20 : 100;
  // One simulation as a request makes it: decode the stored year, then replay it.
  const sim: number[] = [];
  let result = null as ReturnType<typeof simulate> | null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = simulate(yearContacts(y), {
      eligible,
      coveredPrecincts: null,
      mask: params.hours,
      teams: 2,
      minutesPerContact: 60,
    });
    sim.push(performance.now() - t0);
  }
  const req: number[] = [];
  for (let i = 0; i < Math.max(5, runs / 5); i++) {
    const t0 = performance.now();
    runCoverage(store, cube, { ...params, minutesPerContact: 30 + i }, rule);
    req.push(performance.now() - t0);
  }
  let http: Timing | { unavailable: string };
  try {
    const ms: number[] = [];
    for (let i = 0; i < (ctx.quick ? 5 : 20); i++) {
      const url = `${ctx.server.baseUrl}/api/v1/charts/alt-sim-outcomes?threshold=10&basis=estimate&minContacts=20&year=${y.year}&teams=2&minutesPerContact=${61 + i}&costPerTeam=${Date.now() % 100_000}`;
      const t0 = performance.now();
      const res = await fetch(url);
      await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      ms.push(performance.now() - t0);
    }
    http = timing(ms);
  } catch (e) {
    http = { unavailable: (e as Error).message };
  }
  ctx.log(
    `coverage: one simulation of ${y.year} p50 ${pctl(sim, 0.5).toFixed(1)} ms; whole request ${pctl(req, 0.5).toFixed(1)} ms`,
  );
  return {
    year: y.year,
    contacts: y.dt.length,
    eligible: result!.eligible,
    simulate: timing(sim),
    request: timing(req),
    http,
  };
}

export function coverageRows(r: CoverageBench): BenchRow[] {
  if ("unavailable" in r)
    return [
      {
        section: "coverage",
        case: "coverage simulator",
        tool: "portal (lib/coverage)",
        note: `not available: ${r.unavailable}`,
      },
    ];
  const n = `${r.year}: ${r.contacts.toLocaleString("en-US")} contacts, ${r.eligible.toLocaleString("en-US")} eligible (broad rule)`;
  const row = (c: string, tool: string, t: Timing, note: string): BenchRow => ({
    section: "coverage",
    case: c,
    tool,
    p50: t.p50,
    p95: t.p95,
    note: `${note}; ${t.runs} runs, max ${t.max.toFixed(1)} ms`,
  });
  const rows = [
    row(
      "simulate a full year (one schedule)",
      "portal (lib/coverage)",
      r.simulate,
      `${n}; target under 300 ms: ${r.simulate.p95 < 300 ? "met" : "NOT MET"}`,
    ),
    row("one request: 3 rules + window search + heat map", "portal (lib/coverage)", r.request, n),
  ];
  if ("unavailable" in r.http)
    rows.push({
      section: "coverage",
      case: "simulator CSV over HTTP (never cached)",
      tool: "next start",
      note: `not available: ${r.http.unavailable}`,
    });
  else
    rows.push(row("simulator CSV over HTTP (never cached)", "next start", r.http, "a new parameter set each request"));
  return rows;
}
