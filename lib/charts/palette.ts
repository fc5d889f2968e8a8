/**
 * The ONE categorical palette of every chart's series (issue 22): Okabe-Ito's blue, vermillion, bluish green and
 * reddish purple, completed with darker hues where Okabe-Ito's light ones (orange, sky blue, yellow) fall under 3:1
 * against white. tests/unit/charts/palette.test.ts simulates protanopia, deuteranopia and tritanopia (Machado 2009,
 * in linear RGB) and checks that every pair stays apart (CIEDE2000) and that each colour has the 3:1 contrast against
 * the white page that WCAG 1.4.11 asks of lines and bars. Builders take colours from here only (the test also checks
 * that no chart module writes a colour of its own).
 */
export const COLORS = {
  blue: "#0072b2",
  vermillion: "#d55e00",
  green: "#009e73",
  pink: "#cc79a7",
  indigo: "#332288",
  darkRed: "#990000",
  lavender: "#7788ff",
  black: "#000000",
  grey: "#5f6670",
} as const;

/** The palette in the order a chart with many like series (race groups, weekdays) takes it. */
export const SERIES_COLORS: readonly string[] = Object.values(COLORS);
