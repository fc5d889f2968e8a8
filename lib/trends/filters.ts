import { z } from "zod";
import { lenient, type Lenient } from "@/lib/errors/app-error";
import { inputIssuesOf } from "@/lib/errors/zod";

/**
 * Filters of the public trend pages, read from the URL (so every view has a permalink and works without
 * JavaScript). Bad values get a readable message instead of an error page.
 */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "use YYYY-MM, e.g. 2019-01");

export const TrendFilters = z
  .object({
    from: month.optional(),
    to: month.optional(),
    precinct: z.string().max(40).optional(),
    callType: z.string().max(120).optional(),
    granularity: z.enum(["month", "quarter", "year"], { message: "use month, quarter or year" }).default("quarter"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "the start (from) must not be after the end (to)",
    path: ["from"],
  });
export type TrendFilters = z.infer<typeof TrendFilters>;

export type SearchParams = Record<string, string | string[] | undefined>;

export function parseTrendFilters(params: SearchParams): Lenient<TrendFilters> {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== "" && v !== "all"),
  );
  const parsed = TrendFilters.safeParse(flat);
  if (parsed.success) return lenient(parsed.data);
  return lenient(TrendFilters.parse({}), inputIssuesOf(parsed.error, { root: "filters" }));
}

export function toQuery(filters: Partial<TrendFilters>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function periodOf(monthKey: string, granularity: TrendFilters["granularity"]): string {
  if (granularity === "month") return monthKey;
  const year = monthKey.slice(0, 4);
  if (granularity === "year") return year;
  return `${year}-Q${Math.floor((Number(monthKey.slice(5, 7)) - 1) / 3) + 1}`;
}

export function inPeriod(monthKey: string, f: Pick<TrendFilters, "from" | "to">): boolean {
  return (!f.from || monthKey >= f.from) && (!f.to || monthKey <= f.to);
}
