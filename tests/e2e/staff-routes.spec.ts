import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import { openE2eDb } from "./db";
import { eisTargets } from "./eis-helpers";
import { DEMO, discoverStaffRoutes, expandRoute, officersByUnit, ROLES, signInAs } from "./staff-helpers";

/**
 * Route inventory: every page and route handler under app/(staff), found by walking the folder, is checked
 * without a session (pages redirect to sign-in, APIs answer 401) and for each role (200, or 403 for a role that
 * may not see it). A new route fails this test until it is given an entry in ACCESS.
 */
const ALL: Role[] = ["admin", "analyst", "supervisor"];
const ACCESS: Record<string, Role[] | "public"> = {
  "/staff": ALL,
  "/staff/sign-in": "public",
  "/staff/officers": ALL,
  "/staff/officers/[id]": ALL, // supervisors: only officers of their units (checked below)
  "/staff/admin/users": ["admin"],
  "/staff/admin/audit": ["admin"],
  "/staff/api/me": ALL,
  "/staff/api/officers/[id]": ALL,
  "/staff/api/users": ["admin"],
  "/staff/api/audit": ["admin"],
  "/staff/annotations": ALL,
  "/staff/annotations/new": ALL,
  "/staff/annotations/[id]": ALL, // any annotation: [id] is an annotation id here, not an officer (see urlOf)
  "/staff/eis": ALL, // supervisors: their units' officers only (tests/e2e/staff-eis.spec.ts)
  "/staff/eis/accuracy": ALL, // department-wide aggregates, no officer IDs
  "/staff/eis/officers/[officerId]": ALL, // supervisors: only officers of their units (see eisUrl)
  "/staff/eis/incidents/[key]": ALL, // supervisors: only incidents with an officer of their units
  "/staff/api/eis/flags": ALL,
  "/staff/api/eis/interventions": ALL, // GET: department-wide aggregate; POST is checked in staff-eis-interventions.spec.ts
};
const OFFICER_DATA =
  /contactsInWindow|precinctCounts|Contacts by month|Contacts in the window|Scores against peers|Officers at this incident|incidentScore/;

const routes = discoverStaffRoutes();
/** Annotation routes take an annotation id (a seeded note of the e2e data); the others an officer ID. */
const ANNOTATION_ID = String(
  (() => {
    const db = openE2eDb();
    try {
      return (db.prepare("SELECT MIN(id) AS id FROM Annotation WHERE seeded = 1").get() as { id: number }).id;
    } finally {
      db.close();
    }
  })(),
);
/**
 * EIS routes take a Use of Force officer ID or an incident key (another ID space): one in the demo supervisor's
 * precinct (West), or one outside it when the crisis-data officer the test passes is the one outside (officers.north).
 */
const eis = eisTargets();
const eisUrl = (pattern: string, outside: boolean) =>
  pattern
    .replace("[officerId]", outside ? eis.otherOfficer : eis.westOfficer)
    .replace("[key]", encodeURIComponent(outside ? eis.otherIncident : eis.westIncident));
const urlOf = (pattern: string, officerId: string) =>
  pattern.startsWith("/staff/eis/")
    ? eisUrl(pattern, officerId === officers.north)
    : pattern.startsWith("/staff/annotations/")
      ? pattern.replace("[id]", ANNOTATION_ID)
      : expandRoute(pattern, officerId);
const officerScoped = (pattern: string) =>
  (pattern.includes("[id]") && !pattern.startsWith("/staff/annotations/")) || /\[(officerId|key)\]/.test(pattern);
const officers = officersByUnit();
const sessions = new Map<Role, APIRequestContext>();

async function sessionFor(browser: Browser, role: Role): Promise<APIRequestContext> {
  if (!sessions.has(role)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, role);
    sessions.set(role, context.request);
  }
  return sessions.get(role)!;
}

test("every staff route is known to the access table", () => {
  expect(routes.length).toBeGreaterThanOrEqual(9);
  const missing = routes.map((r) => r.pattern).filter((p) => !(p in ACCESS));
  expect(missing, "add new staff routes to ACCESS in tests/e2e/staff-routes.spec.ts").toEqual([]);
  expect(routes.filter((r) => r.kind === "api").every((r) => r.pattern.startsWith("/staff/api/"))).toBe(true);
});

test("without a session: pages redirect to sign-in, API routes answer 401 with the error shape", async ({
  request,
}) => {
  for (const { pattern, kind } of routes) {
    const url = urlOf(pattern, officers.west);
    const res = await request.get(url, { maxRedirects: 0 });
    if (ACCESS[pattern] === "public") {
      expect(res.status(), url).toBe(200);
    } else if (kind === "page") {
      expect(res.status(), url).toBe(307);
      expect(res.headers().location, url).toMatch(/\/staff\/sign-in\?from=/);
      expect(await res.text(), url).not.toMatch(OFFICER_DATA);
    } else {
      expect(res.status(), url).toBe(401);
      expect(await res.json(), url).toEqual({
        error: { code: "unauthenticated", message: "Sign in to use the staff area." },
      });
    }
  }
});

for (const role of ROLES) {
  test(`as ${role}: allowed routes answer 200, others 403 (404 outside a supervisor's units) without data`, async ({
    browser,
  }) => {
    const api = await sessionFor(browser, role);
    // Supervisors get an officer outside their units for [id] routes; the others may see any officer.
    const officer = role === "supervisor" ? officers.north : officers.west;
    for (const { pattern, kind } of routes) {
      const access = ACCESS[pattern]!;
      const url = urlOf(pattern, officer);
      const res = await api.get(url, { maxRedirects: 0 });
      const body = await res.text();
      const allowed =
        access === "public" ? true : access.includes(role) && !(role === "supervisor" && officerScoped(pattern));
      if (access === "public") {
        expect([200, 307], url).toContain(res.status()); // the sign-in page sends signed-in users on
        continue;
      }
      // An officer outside the supervisor's units answers like an unknown ID (404); a role without access, 403.
      const outOfScope = access.includes(role) && !allowed;
      expect(res.status(), `${role} ${url}`).toBe(allowed ? 200 : outOfScope ? 404 : 403);
      if (!allowed) {
        expect(body, url).not.toMatch(OFFICER_DATA);
        if (kind === "api") expect(JSON.parse(body).error.code).toBe(outOfScope ? "not_found" : "forbidden");
        else expect(body).toContain(outOfScope ? "Page not found" : "You do not have access to this page");
      }
    }
  });
}

test("a supervisor cannot read an officer outside their units by editing the ID in a URL", async ({ browser }) => {
  const api = await sessionFor(browser, "supervisor");
  const own = await api.get(`/staff/api/officers/${officers.west}`);
  expect(own.status()).toBe(200);
  const summary = await own.json();
  expect(summary.unit.precinct).toBe("West");
  expect(summary.unit.contactsInWindow).toBe(officers.westContactsInWindow);
  for (const target of [officers.north, `${officers.north}/`, encodeURIComponent(officers.north)]) {
    for (const prefix of ["/staff/officers/", "/staff/api/officers/"]) {
      const res = await api.get(prefix + target);
      expect(res.status(), prefix + target).toBe(404); // like an unknown ID: no probing which IDs exist elsewhere
      expect(await res.text()).not.toMatch(OFFICER_DATA);
    }
  }
  // Malformed and unknown IDs are 404s, never 500s; the page and the API parse an ID the same way.
  for (const bad of [
    "abc%20def",
    "..%2F..%2Fadmin",
    "x".repeat(40),
    "99999999",
    `%20${officers.west}`,
    `${officers.west}%20`,
  ]) {
    for (const prefix of ["/staff/officers/", "/staff/api/officers/"])
      expect((await api.get(prefix + bad)).status(), prefix + bad).toBe(404);
  }
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "supervisor");
  await page.goto(`/staff/officers/${officers.north}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.goto(`/staff/officers/${officers.west}`);
  await expect(page.getByTestId("officer-unit").locator('[data-field="precinct"]')).toHaveText("West");
  expect(DEMO.supervisor.units).toEqual([{ kind: "precinct", name: "West" }]);
});

test("staff responses are private and carry the security headers", async ({ request, browser }) => {
  for (const url of ["/staff/sign-in", "/staff", "/staff/api/me", "/"]) {
    const res = await request.get(url, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"], url).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["strict-transport-security"]).toBeUndefined(); // only with FORCE_HTTPS=1 at build time
    if (url.startsWith("/staff")) expect(h["cache-control"], url).toMatch(/private.*no-store|no-store.*private/);
  }
  const api = await sessionFor(browser, "analyst");
  expect((await api.get(`/staff/api/officers/${officers.west}`)).headers()["cache-control"]).toBe("private, no-store");
});
