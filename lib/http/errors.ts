/** The API's one error shape: { error: { code, message } } with a 4xx status that says what to fix. */
export function apiError(
  status: 400 | 401 | 403 | 404 | 405 | 429 | 503,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}
