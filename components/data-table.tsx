"use client";

import Link from "next/link";
import { useMemo } from "react";
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { formatCell } from "@/lib/charts/format";
import { UNSTABLE_KEY, unstableIn } from "@/lib/charts/flags";
import type { ColumnSpec, Row } from "@/lib/charts/types";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Row>();

/**
 * The one table wrapper of the site: sortable columns (click or Enter on a header), numbers right-aligned,
 * the unstable column in words (nothing is withheld: lib/charts/publish.ts). Used by every chart block's table view.
 */
export function DataTable({
  columns,
  rows,
  caption,
  links,
}: {
  columns: ColumnSpec[];
  rows: Row[];
  caption: string;
  /** Column key → key of a row field holding that cell's link (e.g. an officer ID linking to its page). */
  links?: Record<string, string>;
}) {
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row: Row) => row[c.key] ?? null, {
            id: c.key,
            header: c.label,
            sortFn: c.format === "text" ? "alphanumeric" : "basic",
            sortUndefined: "last",
            cell: (info) => {
              // The unstable column holds column keys (as in the CSV and API): readers see the columns' labels.
              const text =
                c.key === UNSTABLE_KEY
                  ? [...unstableIn(info.row.original)]
                      .map((k) => columns.find((col) => col.key === k)?.label ?? k)
                      .join("; ")
                  : formatCell(info.getValue() as Row[string], c.format);
              const href = links?.[c.key] ? info.row.original[links[c.key]!] : null;
              return typeof href === "string" ? <Link href={href}>{text}</Link> : text;
            },
          }),
        ),
      ),
    [columns, links],
  );
  const table = useTable({ features, columns: defs, data: rows });
  return (
    // A focusable region so keyboard users can scroll it; its name says it may scroll (the visible hint shows only
    // when it does, where the browser can tell: globals.css).
    <div className="table-scroll" role="region" aria-label={`Table: ${caption} (scrolls sideways)`} tabIndex={0}>
      <p className="table-scroll__hint" aria-hidden="true">
        Scroll sideways for more columns →
      </p>
      <table className="data-table">
        <caption className="visually-hidden">{caption}. Select a column header to sort.</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const spec = columns.find((c) => c.key === header.column.id);
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={spec?.format === "text" ? undefined : "num"}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      <table.FlexRender header={header} />
                      <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell, i) => {
                const spec = columns[i];
                const content = <table.FlexRender cell={cell} />;
                return i === 0 ? (
                  <th key={cell.id} scope="row">
                    {content}
                  </th>
                ) : (
                  <td key={cell.id} className={spec?.format === "text" ? undefined : "num"} data-col={spec?.key}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
