import type { LayoutOptions } from "./svg-layout";

/**
 * Which layout a server-drawn chart (components/chart-block/static-chart.tsx) takes at a width. An SVG scales with
 * its box, so its text is fontSize x (box width / viewBox width) CSS px: a 760-unit layout with 12-unit text is 11.6
 * px in a 736 px tablet box, and a 400-unit one with 14-unit text 11.5 px in a 328 px phone box.
 *
 * The server cannot know the box, so it sends two layouts and a container query shows one (below 34rem the narrow
 * one): that is what readers without JavaScript, and everyone before hydration, see. Once the browser knows the
 * box's width, the chart is laid out again at that width (fittedOptions), one viewBox unit per CSS px, so its text
 * is exactly its font size at any width; from the wide layout's width up, the wide layout itself is drawn at scale
 * 1 or more and is kept.
 */
export type ServerVariant = "wide" | "narrow";
export const SERVER_VARIANTS: ({ name: ServerVariant } & LayoutOptions)[] = [
  { name: "wide", width: 760, height: 340, fontSize: 12, categoryLabelWidth: 300 },
  // Drawn about 360 px wide on a phone: 14 units of text are 12.5 CSS px there.
  { name: "narrow", width: 400, height: 320, fontSize: 14, categoryLabelWidth: 180 },
];

/** Below this box width a chart is a phone's: slightly larger text (13 px), a shorter plot. */
const PHONE = 544;

/**
 * The options of the chart laid out for a box `rendered` CSS px wide, or null when the wide server layout already
 * draws its text at full size there (its viewBox is no wider than the box).
 */
export function fittedOptions(rendered: number): LayoutOptions | null {
  const wide = SERVER_VARIANTS[0]!;
  if (!(rendered > 0) || rendered >= wide.width) return null;
  const width = Math.floor(rendered);
  const phone = width < PHONE;
  return {
    width,
    height: phone ? 320 : 340,
    fontSize: phone ? 13 : 12,
    // About the share of the width the server's layouts give category labels; half on a phone, where Seattle's
    // longest call types ("PERSON IN BEHAVIORAL/EMOTIONAL CRISIS") need it to stay whole on three lines.
    categoryLabelWidth: Math.round(Math.min(300, width * (phone ? 0.5 : 0.42))),
  };
}
