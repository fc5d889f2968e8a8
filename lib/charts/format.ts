import { formatEstimate } from "@/lib/format";
import type { Cell, ValueFormat } from "./types";

/** Formats one chart/table value; null is a value that cannot be estimated (nothing is withheld). Shared by server and client code. */
export function formatCell(value: Cell, format: ValueFormat): string {
  if (value === null) return "n/a";
  if (typeof value === "string") return value;
  switch (format) {
    case "int":
      return value.toLocaleString("en-US");
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    case "decimal":
      return value.toFixed(2);
    case "estimate":
      return formatEstimate(value);
    case "usd":
      return `$${Math.round(value).toLocaleString("en-US")}`;
    default:
      return String(value);
  }
}

export function formatAxis(value: number, format: ValueFormat): string {
  if (format === "percent") return `${Math.round(value * 1000) / 10}%`;
  if (format === "int") return value >= 10_000 ? `${Math.round(value / 1000)}k` : value.toLocaleString("en-US");
  if (format === "usd") return value >= 10_000 ? `$${Math.round(value / 1000)}k` : `$${value.toLocaleString("en-US")}`;
  return String(value);
}
