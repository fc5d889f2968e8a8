import type { Cell, ChartData, Row } from "./types";

/**
 * ChartData as the client chart block (components/chart-block/chart-tabs.tsx) receives it in the RSC payload: the
 * rows as one list of keys and one array of values per row, instead of objects that repeat every key in every row
 * (issue 22, page weight: the keys were up to half of a chart's data, e.g. "citCertifiedHigh" 44 times). Lossless:
 * the table shows and the chart draws exactly the numbers of the unpacked rows. A key a row lacks travels as
 * undefined (the RSC payload keeps it) and is left out again when unpacked.
 */
export type PackedChart = Omit<ChartData, "rows"> & { packed: { keys: string[]; values: (Cell | undefined)[][] } };

export function packChart({ rows, ...chart }: ChartData): PackedChart {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { ...chart, packed: { keys, values: rows.map((r) => keys.map((k) => r[k])) } };
}

export function unpackChart({ packed, ...chart }: PackedChart): ChartData {
  const rows = packed.values.map((vals) => {
    const row: Row = {};
    vals.forEach((v, i) => {
      if (v !== undefined) row[packed.keys[i]!] = v;
    });
    return row;
  });
  return { ...chart, rows };
}
