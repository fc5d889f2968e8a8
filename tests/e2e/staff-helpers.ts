import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import type { Role } from "@/lib/auth/roles";
import { openE2eDb } from "./db";

/** Shared by the staff-*.spec.ts files: demo logins, sign-in, route discovery, officers with known units. */
export const DEMO = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.role, a])) as Record<
  Role,
  (typeof DEMO_ACCOUNTS)[number]
>;
export const ROLES: Role[] = ["admin", "analyst", "supervisor"];

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/staff/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The form's error message (Next.js also renders an empty role="alert" route announcer on every page). */
export const formAlert = (page: Page) => page.locator("main p.alert[role='alert']");

export async function signInAs(page: Page, role: Role): Promise<void> {
  await signIn(page, DEMO[role].email, DEMO[role].password);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(DEMO[role].email);
}

/** Every route under app/(staff): [url pattern, kind], found by walking the folder (new routes join by themselves). */
export function discoverStaffRoutes(): { pattern: string; kind: "page" | "api" }[] {
  const root = path.resolve("app", "(staff)");
  const found: { pattern: string; kind: "page" | "api" }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(page|route)\.(tsx?|jsx?)$/.test(e.name)) {
        const segments = path
          .relative(root, dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        found.push({ pattern: `/${segments.join("/")}`, kind: e.name.startsWith("page") ? "page" : "api" });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export const expandRoute = (pattern: string, officerId: string) =>
  pattern.replace(/\[id\]/g, encodeURIComponent(officerId));

/**
 * Two officers of the e2e data whose unit is clear-cut (computed here with SQL, independently of the app): one
 * whose contacts in the last 12 months of data were mostly in West (the demo supervisor's precinct), one North.
 */
export function officersByUnit(): { west: string; north: string; westContactsInWindow: number } {
  const db = openE2eDb();
  try {
    const version = db
      .prepare(`SELECT id FROM DatasetVersion WHERE dataset = 'seattle-crisis' AND status = 'active'`)
      .get() as { id: number };
    const { last } = db
      .prepare(`SELECT MAX(reportedDate) AS last FROM CrisisContact WHERE versionId = ?`)
      .get(version.id) as { last: string };
    const start = new Date(last);
    start.setUTCMonth(start.getUTCMonth() - 12);
    const rows = db
      .prepare(
        `SELECT o.sourceId AS id, c.precinct AS precinct, COUNT(*) AS n FROM CrisisContact c JOIN Officer o ON o.id = c.officerId
          WHERE c.versionId = ? AND c.reportedDate >= ? GROUP BY o.sourceId, c.precinct`,
      )
      .all(version.id, start.toISOString().replace("Z", "+00:00")) as { id: string; precinct: string; n: number }[];
    const byOfficer = new Map<string, { precinct: string; n: number }[]>();
    for (const r of rows) byOfficer.set(r.id, [...(byOfficer.get(r.id) ?? []), r]);
    const pick = (precinct: string) => {
      const candidates = [...byOfficer.entries()].filter(([, counts]) => {
        const known = counts.filter((c) => c.precinct !== "Unknown").sort((a, b) => b.n - a.n);
        return known[0]?.precinct === precinct && known[0].n >= 5 && known[0].n > (known[1]?.n ?? 0) + 1;
      });
      expect(candidates.length, `an officer mostly in ${precinct}`).toBeGreaterThan(0);
      return candidates.sort((a, b) => a[0].localeCompare(b[0]))[0]!;
    };
    const [west, westCounts] = pick("West");
    const [north] = pick("North");
    return { west, north, westContactsInWindow: westCounts.reduce((s, c) => s + c.n, 0) };
  } finally {
    db.close();
  }
}

/** Runs `npm run cli -- user ...` against the e2e database (as an operator would). */
export function userCli(args: string[]): string {
  const r = spawnSync("node", ["--import", "tsx", "scripts/cli.ts", "user", ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db",
      NODE_ENV: "development",
    },
  });
  if (r.status !== 0) throw new Error(`user ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** A new analyst account with a known password, for tests that must not lock the demo accounts. */
export function createAnalyst(email: string): string {
  const out = userCli(["create", "--email", email, "--role", "analyst"]);
  return /initial password \(shown once\): (\S+)/.exec(out)![1]!;
}

/** A fresh client address per test (X-Forwarded-For), so address throttling in one test does not leak into others. */
let addressCounter = 0;
export const freshAddress = () => `198.18.${Math.floor(Date.now() / 1000) % 250}.${++addressCounter % 250}`;
