import { z } from "zod";

/** The community impact page's filters (URL, chart CSVs, aggregates API and OpenAPI share this schema). */
export const CommunityFilters = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "use a four-digit year, e.g. 2019")
    .optional(),
  precinct: z.string().max(40).optional(),
});
export const COMMUNITY_PARAMS = Object.keys(CommunityFilters.shape);
