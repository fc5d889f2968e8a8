import { expect, test } from "@playwright/test";
import { adjacent, drawingRows } from "@/lib/charts/periods";
import type { Row } from "@/lib/charts/types";

/**
 * The interactive (recharts) chart breaks its lines where a period is missing, as the server-drawn SVG does: a
 * line never joins two periods with a missing one between them. A rare call type by month has months without any
 * crisis contact; the firm line's path must start a new subpath (an M command) after each of those gaps.
 */
const json = async (request: import("@playwright/test").APIRequestContext, url: string) =>
  (await (await request.get(url)).json()) as { rows: Row[] };

test("the interactive line chart does not connect across a missing period", async ({ page, request }) => {
  const callTypes = (await json(request, "/api/v1/extracts/aggregate-crisis-by-call-type?format=json")).rows
    .map((r) => String(r.group))
    .reverse(); // rarest first
  let found: { callType: string; rows: Row[] } | null = null;
  for (const callType of callTypes.slice(0, 40)) {
    const q = `granularity=month&callType=${encodeURIComponent(callType)}`;
    const { rows } = await json(request, `/api/v1/extracts/aggregate-crisis-force-share?${q}&format=json`);
    const gaps = rows.filter((r, i) => i > 0 && !adjacent(String(rows[i - 1]!.period), String(r.period))).length;
    if (rows.length >= 6 && gaps >= 2) {
      found = { callType, rows };
      break;
    }
  }
  expect(found, "a call type with missing months in the sample").not.toBeNull();
  const { callType, rows } = found!;
  // Runs of values as drawn: the firm series and its dashed twin (small counts, partial periods) are two lines; in
  // each, a missing month ends a run, and each run is one subpath of the line's path.
  const drawn = drawingRows(rows, "period", ["forceShare"]);
  const runsOf = (key: string) =>
    drawn.filter((r, i) => r[key] != null && (i === 0 || drawn[i - 1]![key] == null)).length;
  const expected = [runsOf("forceShare"), runsOf("forceShare~weak")];
  expect(expected[0]! + expected[1]!).toBeGreaterThan(2);

  await page.goto(`/crisis?granularity=month&callType=${encodeURIComponent(callType)}`);
  const chart = page.locator("section#crisis-force-share .chart-block__chart");
  await expect(chart.locator("svg.static-chart--wide")).toBeVisible();
  await chart.hover();
  await expect(chart).toHaveAttribute("data-interactive", "true");
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  // The two .recharts-line groups are the firm series of forceShare and its dashed twin, in that order.
  const lines = chart.locator(".recharts-line");
  await expect(lines).toHaveCount(2);
  const subpaths: number[] = [];
  for (const i of [0, 1]) {
    const path = lines.nth(i).locator("path.recharts-line-curve");
    const d = (await path.count()) ? ((await path.getAttribute("d")) ?? "") : "";
    subpaths.push((d.match(/M/g) ?? []).length);
  }
  expect(subpaths, `callType ${callType}`).toEqual(expected);
});
