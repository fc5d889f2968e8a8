import { z } from "zod";
import { AppError, fail, ok, type Result } from "@/lib/errors/app-error";

/**
 * The `release` query parameter of the embed, preview and oEmbed routes (issue 18: numbered releases pin a chart to
 * one published state). Its shape is checked here; what a release id resolves to is decided in one place,
 * `releaseParam`, so the releases code plugs in there and nowhere else.
 */
export const ReleaseId = z
  .string()
  .regex(/^\d{4}\.\d{2}\.\d+$/, "A release id looks like 2026.11.1 (year, month, number within the month).");

/** A release the request is pinned to; absent (undefined) means the current data. */
export interface ReleaseRef {
  id: string;
}

/**
 * The release named by a request's `release` parameter: undefined when absent (current data), a bad_request for a
 * malformed id, and not_found for a well-formed id no release has. Numbered releases are not published on this
 * branch yet, so every well-formed id is unknown here; when they are, this function looks the id up and nothing
 * else changes (the routes and citations already carry `release` when it is set).
 */
export function releaseParam(raw: string | null | undefined): Result<ReleaseRef | undefined> {
  if (raw === null || raw === undefined) return ok(undefined);
  const parsed = ReleaseId.safeParse(raw);
  if (!parsed.success)
    return fail(new AppError("bad_request", parsed.error.issues[0]!.message, { reason: "invalid_release" }));
  return fail(
    new AppError("not_found", `No release "${parsed.data}": numbered releases are not published yet.`, {
      reason: "unknown_release",
    }),
  );
}
