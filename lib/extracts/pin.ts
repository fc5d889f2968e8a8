import "server-only";
import { db } from "@/lib/db/client";
import { getLatestReleaseNumber, resolveReleaseParam, type PinnedRelease } from "@/lib/dal/releases";
import { AppError, fail, ok, type Result } from "@/lib/errors/app-error";

/**
 * `?release=ID` on the public API (extracts, manifests, ZIPs, dictionaries, the OpenAPI document): read with the same
 * zod parameter and the same 400 (malformed) / 404 (unknown or pruned) errors as chart CSVs (lib/dal/releases.ts).
 * Every answer then names its release: X-Release, and `release` in JSON bodies and manifests.
 */
export interface ReleaseRef {
  /** The release id, e.g. 2026.12.1; null before the first release was recorded. */
  id: string | null;
  /** True when the request pinned it; false for the latest release (what an unpinned answer serves). */
  pinned: boolean;
  /** A pinned release's creation time: pinned answers use it as their generation time, so they repeat byte for byte. */
  createdAt: string | null;
}

export interface ApiPin {
  pin: PinnedRelease | null;
  ref: ReleaseRef;
}

export async function resolveApiPin(query: URLSearchParams): Promise<Result<ApiPin>> {
  const raw = query.getAll("release");
  if (raw.length > 1)
    return fail(new AppError("bad_request", "release: give one value (got several).", { reason: "invalid_release" }));
  const pin = await resolveReleaseParam(raw[0]);
  if (!pin.ok) return pin;
  if (!pin.value) return ok({ pin: null, ref: { id: await getLatestReleaseNumber(), pinned: false, createdAt: null } });
  const row = await db().release.findUnique({ where: { number: pin.value.number }, select: { createdAt: true } });
  return ok({
    pin: pin.value,
    ref: { id: pin.value.number, pinned: true, createdAt: row?.createdAt.toISOString() ?? null },
  });
}

export const releaseHeaders = (ref: ReleaseRef): Record<string, string> => (ref.id ? { "X-Release": ref.id } : {});

/** The public description of the release an answer comes from (JSON bodies and manifests). */
export const releaseOf = (ref: ReleaseRef, origin: string) =>
  ref.id ? { id: ref.id, pinned: ref.pinned, url: `${origin}/releases/${ref.id}` } : null;

/** A copy of the query without `release` (the filters' own parsers do not know it). */
export function withoutRelease(query: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams(query);
  q.delete("release");
  return q;
}
