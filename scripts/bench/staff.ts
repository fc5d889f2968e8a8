/**
 * Latency of the staff EIS flag list (GET /staff/eis, signed in as the demo admin), at 1 and 10 connections: the
 * page a supervisor opens first, which reads the latest EIS run's scores through the data access layer.
 */
import { runAutocannon, type LoadResult } from "./autocannon";
import { staffCookie } from "./staff-session";
import type { BenchContext, BenchRow } from "./types";

export const FLAG_LIST = "/staff/eis";
const ADMIN = { email: "admin@demo.invalid", password: "demo-admin-password" };

export type StaffResult = { page: string; runs: LoadResult[] } | { page: string; unavailable: string };

export async function runStaffBench(ctx: BenchContext): Promise<StaffResult> {
  const cookie = await staffCookie(ctx.server.baseUrl, ADMIN.email, ADMIN.password);
  const probe = await fetch(`${ctx.server.baseUrl}${FLAG_LIST}`, { headers: { cookie }, redirect: "manual" });
  if (probe.status === 404) return { page: FLAG_LIST, unavailable: `${FLAG_LIST} does not exist in this build` };
  if (probe.status !== 200)
    return { page: FLAG_LIST, unavailable: `${FLAG_LIST} answered ${probe.status} to the signed-in admin` };
  const runs: LoadResult[] = [];
  for (const connections of [1, 10])
    runs.push(
      await runAutocannon({
        url: `${ctx.server.baseUrl}${FLAG_LIST}`,
        connections,
        duration: ctx.duration,
        headers: { cookie },
      }),
    );
  ctx.log(`${FLAG_LIST}: ${runs.map((r) => `p50 ${r.p50.toFixed(1)} ms @${r.connections}`).join(", ")}`);
  return { page: FLAG_LIST, runs };
}

export function staffRows(r: StaffResult): BenchRow[] {
  if ("unavailable" in r)
    return [
      {
        section: "staff",
        case: `EIS flag list (${r.page})`,
        tool: "portal, signed in as admin",
        note: `not available: ${r.unavailable}`,
      },
    ];
  return r.runs.map((x) => ({
    section: "staff",
    case: `EIS flag list (${r.page})`,
    tool: "portal, signed in as admin",
    connections: x.connections,
    throughput: `${Math.round(x.rps).toLocaleString("en-US")} req/s`,
    p50: x.p50,
    p95: x.p95,
    p99: x.p99,
    note: x.non2xx + x.errors ? `${x.non2xx + x.errors} failed requests` : "",
  }));
}
