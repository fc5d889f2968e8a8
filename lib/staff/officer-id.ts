import { z } from "zod";

/**
 * The one parser of officer IDs (both ID spaces) for pages, route handlers, server actions and the DAL. A route
 * parameter can reach the code %-encoded or already decoded depending on the route kind, so it is decoded at most
 * once here and then matched exactly: no trimming, so `/staff/officers/%201787` is not officer 1787 on the page
 * and the API alike (a search box trims its own input before calling this).
 */
export const OFFICER_ID_PATTERN = /^[A-Za-z0-9-]{1,20}$/;
export const OFFICER_ID_MESSAGE = "an officer ID is letters, digits and dashes";

export function parseOfficerId(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  let value = raw;
  if (value.includes("%")) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return OFFICER_ID_PATTERN.test(value) ? value : null;
}

export const OfficerIdSchema = z.unknown().transform((raw, ctx) => {
  const id = parseOfficerId(raw);
  if (id === null) {
    ctx.addIssue({ code: "custom", message: OFFICER_ID_MESSAGE });
    return z.NEVER;
  }
  return id;
});
