/**
 * Malformed and cross-site server-action requests, answered 403 / 400 in proxy.ts before Next.js sees them.
 * Next.js treats every POST to a page with a `Next-Action` header, or with a form body, as a possible server action;
 * on an empty or malformed Origin it throws `TypeError: Invalid URL`, on a cross-site one it answers 500 on
 * purpose, and a body it cannot decode is a 500 too. Here those are the client's errors they are:
 * - Origin missing, unparseable or of another host → 403 (browsers always send Origin on POST; a server action
 *   with someone else's Origin is a cross-site request forgery);
 * - an action ID that is not one, a content type an action never has, or a body that does not parse → 400.
 * API routes (/api/*, /staff/api/*) handle their own POSTs and are not affected. No "server-only": proxy.ts.
 */
const MAX_CHECKED_BODY = 1024 * 1024; // Next.js's default server-action body limit

const text = (status: 400 | 403, message: string) =>
  new Response(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const expected = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return !!expected && host.toLowerCase() === expected.split(",")[0]!.trim().toLowerCase();
}

async function bodyParses(request: Request, kind: "json" | "form"): Promise<boolean> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_CHECKED_BODY) return true; // Next.js refuses it with its own size limit
  try {
    const copy = request.clone();
    if (kind === "form") await copy.formData();
    else JSON.parse(await copy.text());
    return true;
  } catch {
    return false;
  }
}

export async function serverActionGuard(request: Request, path: string, isApi: boolean): Promise<Response | null> {
  if (request.method !== "POST" || isApi || path.startsWith("/_next/")) return null;
  const action = request.headers.get("next-action");
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const multipart = type.startsWith("multipart/form-data");
  const urlencoded = type.startsWith("application/x-www-form-urlencoded");
  if (action === null && !multipart && !urlencoded) return null; // not something Next.js runs as an action
  if (!sameOrigin(request))
    return text(403, "Cross-site or missing Origin: this form can only be sent from this site's own pages.");
  if (action !== null && !/^[0-9a-f]{2,128}$/i.test(action))
    return text(400, "The Next-Action header is not a server action ID.");
  if (multipart && !(await bodyParses(request, "form")))
    return text(400, "The form data could not be read (malformed multipart body).");
  if (action !== null && !multipart && !urlencoded) {
    if (!type.startsWith("text/plain"))
      return text(400, "A server action is sent as text/plain or multipart/form-data.");
    if (!(await bodyParses(request, "json")))
      return text(400, "The server action's arguments could not be read (malformed body).");
  }
  return null;
}
