/**
 * A staff session for benchmark and load clients, through the same Auth.js endpoints a browser's sign-in uses:
 * GET /api/auth/csrf, then POST /api/auth/callback/credentials. Returns the Cookie header to send.
 */
const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

export async function staffCookie(
  baseUrl: string,
  email: string,
  password: string,
  clientAddress = "198.18.0.1",
): Promise<string> {
  const headers = { "x-forwarded-for": clientAddress };
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  if (!csrf.ok) throw new Error(`sign-in: GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/staff` }),
  });
  const session = cookiePairs(res).find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session)
    throw new Error(
      `sign-in as ${email} failed (HTTP ${res.status}, redirected to ${res.headers.get("location") ?? "nowhere"})`,
    );
  return session;
}
