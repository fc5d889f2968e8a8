import type { Marker } from "./types";
import { periodOf, type TrendFilters } from "@/lib/trends/filters";

/**
 * Dated context shown as markers on time axes until staff-managed annotations replace them. Each is sourced in the
 * methodology; kept few on purpose.
 */
export const CONTEXT_EVENTS: { month: string; label: string; short: string; kind: Marker["kind"]; source: string }[] = [
  { month: "2020-03", short: "COVID-19", label: "COVID-19: stay-home order; CIT training suspended", kind: "context", source: "Washington Proclamation 20-25 (23 Mar 2020); SPD CIT program (training suspended 2020, resumed 2021-Q2)" },
  { month: "2020-05", short: "Protests", label: "Protests after the murder of George Floyd", kind: "context", source: "Seattle protests from 29 May 2020; SPD Use of Force data" },
  { month: "2021-04", short: "CIT resumes", label: "CIT training resumes", kind: "context", source: "SPD CIT program: training expected to resume in 2021-Q2" },
];

export function markersFor(granularity: TrendFilters["granularity"], periods: string[]): Marker[] {
  const present = new Set(periods);
  return CONTEXT_EVENTS.map((e) => ({ x: periodOf(e.month, granularity), label: e.label, short: e.short, kind: e.kind })).filter((m) => present.has(m.x));
}
