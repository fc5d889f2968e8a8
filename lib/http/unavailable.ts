import { isDatabaseUnavailable, reportDatabaseFailure } from "@/lib/db/health";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "./errors";

/**
 * What the portal answers while its database is locked or down: HTTP 503 with Retry-After, never a stack trace.
 * API clients get the one error shape; people get a short page that says the figures will be back by themselves.
 * Used by proxy.ts (before any rendering) and by the public route handlers (a failure in the middle of a request).
 */
export const RETRY_AFTER_SECONDS = 5;
const NO_STORE = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };

export const UNAVAILABLE_MESSAGE = `The portal's database is not answering right now. Nothing is wrong with the data: try again in ${RETRY_AFTER_SECONDS} seconds.`;

export function unavailableApiResponse(): Response {
  return apiError(new AppError("unavailable", UNAVAILABLE_MESSAGE, { reason: "service_unavailable" }), NO_STORE);
}

// Self-contained (no scripts, no app assets): it must render when nothing behind it works.
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Temporarily unavailable · Crisis Response &amp; Use of Force</title>
<style>body{font:1.0625rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff;max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#0b4f8a}</style>
</head>
<body>
<main>
<h1>The figures are temporarily unavailable</h1>
<p>The portal's database is not answering right now, for example during maintenance. Nothing is wrong with the data, and nothing needs to be done on your side.</p>
<p>The site comes back by itself: <a href="">reload this page</a> in a few seconds.</p>
</main>
</body>
</html>
`;

export function unavailablePageResponse(): Response {
  return new Response(PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", ...NO_STORE } });
}

/**
 * Wraps a public route handler: a database that stops answering mid-request becomes a 503 in the one error shape
 * (and makes the next request re-check the database); any other error is a bug and propagates (logged, 500).
 */
export function publicRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      reportDatabaseFailure();
      const where = request ? new URL(request.url).pathname : "a request";
      console.error(
        `database unavailable during ${where}:`,
        e instanceof Error ? e.message.trim().split("\n").at(-1) : e,
      );
      return unavailableApiResponse();
    }
  };
}
