import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Staff and EIS data never reach the public: the client JavaScript of the build (served to every visitor) and the
 * public pages' HTML contain no staff or EIS field names, no officer-level scores, and no secrets.
 */
const FORBIDDEN = [
  "passwordHash",
  "failedLogins",
  "lockedUntil",
  "lastSignInAt",
  "LoginAttempt",
  "auditLog",
  "AuditLog",
  "actorEmail",
  "incidentScore",
  "lambda",
  "eisFlag",
  "EisFlag",
  "officerScore",
  "contactsInWindow",
  "precinctCounts",
  "subjectScore",
  "engagementScore",
  "officerSourceId",
  "pTop5",
  "lambdaVsPeers",
  "peerGroupSize",
  "EisOfficerScore",
  "EisReview",
  "officersFlagged",
  "authorEmail",
  "editorEmail",
  "publishedById",
  "EisIntervention",
  "completionNote",
  "assignedByEmail",
  "completedByEmail",
  "demo-admin-password",
  "demo-analyst-password",
  "demo-supervisor-password",
  "$argon2",
];
const secretFile = path.resolve(".data", "auth-secret");
const secrets = [
  process.env.AUTH_SECRET,
  fs.existsSync(secretFile) ? fs.readFileSync(secretFile, "utf8").trim() : undefined,
].filter((s): s is string => !!s);

function files(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name), ext) : ext.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

const hits = (text: string) => [
  ...FORBIDDEN.filter((name) => text.includes(name)),
  ...(secrets.some((s) => text.includes(s)) ? ["AUTH_SECRET value"] : []),
];

test("the client JavaScript of the build has no staff/EIS field names, scores or secrets", () => {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const scripts = files(path.resolve(distDir, "static"), /\.(js|css|json)$/);
  expect(scripts.length, `client files in ${distDir}/static`).toBeGreaterThan(5);
  const offenders = scripts.flatMap((f) =>
    hits(fs.readFileSync(f, "utf8")).map((h) => `${path.relative(distDir, f)}: ${h}`),
  );
  expect(offenders).toEqual([]);
});

/** Public pages: every page.tsx under app/(public) without dynamic segments, plus the 404 page. */
function publicPages(): string[] {
  const root = path.resolve("app", "(public)");
  return files(root, /^page\.tsx$/)
    .map(
      (f) =>
        `/${path
          .relative(root, path.dirname(f))
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s))
          .join("/")}`,
    )
    .filter((p) => !p.includes("["))
    .concat("/no-such-page");
}

test("public pages' HTML has no staff/EIS field names, scores or secrets", async ({ request }) => {
  const pages = publicPages();
  expect(pages).toContain("/");
  for (const url of pages) {
    const res = await request.get(url);
    const html = await res.text();
    expect(hits(html), url).toEqual([]);
    expect(html, url).not.toContain("staff-bar");
  }
});

test("the Auth.js session endpoint reveals no account details to anonymous visitors", async ({ request }) => {
  const res = await request.get("/api/auth/session");
  expect(res.status()).toBe(200);
  expect(hits(await res.text())).toEqual([]);
  expect(await res.json()).toBeNull();
});
