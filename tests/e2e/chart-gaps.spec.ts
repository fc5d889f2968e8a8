import { expect, test } from "@playwright/test";
import { adjacent } from "@/lib/charts/periods";
import type { Row } from "@/lib/charts/types";

/**
 * The drawn chart breaks its lines where a period is missing: a line never joins two periods with a missing one
 * between them. A rare call type by month has months without any crisis contact; in the page's SVG (firm and dashed
 * paths together) every segment joins two neighbouring rows that are adjacent periods, and every such pair is joined.
 */
const json = async (request: import("@playwright/test").APIRequestContext, url: string) =>
  (await (await request.get(url)).json()) as { rows: Row[] };

test("the drawn line chart does not connect across a missing period", async ({ page, request }) => {
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
  // Adjacent pairs of rows with both values: each is one segment of the line (firm or dashed), and no other is drawn.
  const value = (r: Row) => typeof r.forceShare === "number";
  const expected = rows.flatMap((r, i) =>
    i > 0 && value(rows[i - 1]!) && value(r) && adjacent(String(rows[i - 1]!.period), String(r.period)) ? [i] : [],
  );
  expect(expected.length).toBeGreaterThan(2);

  await page.goto(`/crisis?granularity=month&callType=${encodeURIComponent(callType)}`);
  const svg = page.locator("section#crisis-force-share svg.static-chart--wide");
  await expect(svg).toBeVisible();
  // Rows sit on a point scale across the plot (the x axis line runs from its left to its right edge).
  const axis = svg.locator(".static-chart__axes > line").first();
  const [x1, x2] = [Number(await axis.getAttribute("x1")), Number(await axis.getAttribute("x2"))];
  const step = (x2 - x1) / (rows.length - 1);
  const paths = await svg
    .locator(".static-chart__line > path")
    .evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""));
  const drawn = paths
    .flatMap((d) => d.split("M").filter(Boolean))
    .flatMap((sub) => {
      const xs = sub.split("L").map((p) => Math.round((Number(p.split(",")[0]) - x1) / step));
      return xs.slice(1).map((x, k) => [xs[k]!, x] as const);
    });
  for (const [a, b] of drawn) expect(b - a, `segment from row ${a} to ${b} (callType ${callType})`).toBe(1);
  expect(
    drawn.map(([, b]) => b).sort((p, q) => p - q),
    `callType ${callType}`,
  ).toEqual(expected);
});
