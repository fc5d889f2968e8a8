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

/**
 * An axis label. `top` is the axis's largest value: from 10,000 every label of the axis is in thousands ("2k ... 10k",
 * "2.5k"), so that one axis never mixes "8,000" with "10k".
 */
export function formatAxis(value: number, format: ValueFormat, top = value): string {
  if (format === "percent") return `${Math.round(value * 1000) / 10}%`;
  const k = top >= 10_000 && value !== 0 ? `${Math.round(value / 100) / 10}k` : null;
  if (format === "int") return k ?? value.toLocaleString("en-US");
  if (format === "usd") return `$${k ?? value.toLocaleString("en-US")}`;
  return String(value);
}
