/**
 * Where to go after signing in: only a path inside the staff area (no scheme, host, `//` or dot segments), so that a crafted
 * link cannot send a user who just signed in to another site.
 */
export function safeStaffPath(raw: unknown, fallback = "/staff"): string {
  if (typeof raw !== "string" || raw.length > 200) return fallback;
  const path = raw.split("?")[0]!;
  const dotSegment = path.split("/").some((seg) => seg === "." || seg === "..");
  return /^\/staff(\/[A-Za-z0-9._~%-]+)*\/?(\?[A-Za-z0-9._~%=&+-]*)?$/.test(raw) && !raw.includes("//") && !dotSegment
    ? raw
    : fallback;
}
