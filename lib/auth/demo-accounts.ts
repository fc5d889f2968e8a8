import type { Db } from "@/lib/db/client";
import { ConfigError, env } from "@/lib/env";
import { hashPassword } from "./passwords";
import type { Role, Unit } from "./roles";

/**
 * One account per role for `npm run demo` and the end-to-end tests. The passwords are fixed and published in the
 * README: they are for a local demo only, so creating them is refused when NODE_ENV=production unless
 * DEMO_ACCOUNTS=1 says this really is a demo.
 */
export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  units: Unit[];
  password: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@demo.invalid", name: "Demo Admin", role: "admin", units: [], password: "demo-admin-password" },
  {
    email: "analyst@demo.invalid",
    name: "Demo Analyst",
    role: "analyst",
    units: [],
    password: "demo-analyst-password",
  },
  {
    email: "supervisor@demo.invalid",
    name: "Demo Supervisor (West precinct)",
    role: "supervisor",
    units: [{ kind: "precinct", name: "West" }],
    password: "demo-supervisor-password",
  },
];

export function demoAccountsAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || env().DEMO_ACCOUNTS === "1";
}

/**
 * Creates the demo accounts, or restores them (password, role, units, active, no lockout) if they exist, so the
 * printed logins always work. Returns the accounts for printing.
 */
export async function ensureDemoAccounts(db: Db): Promise<readonly DemoAccount[]> {
  if (!demoAccountsAllowed()) {
    throw new ConfigError(
      "refusing to create the well-known demo accounts with NODE_ENV=production (set DEMO_ACCOUNTS=1 for a demo deployment)",
    );
  }
  for (const a of DEMO_ACCOUNTS) {
    const data = {
      name: a.name,
      role: a.role,
      units: JSON.stringify(a.units),
      passwordHash: await hashPassword(a.password),
      active: true,
      failedLogins: 0,
      lockedUntil: null,
    };
    await db.user.upsert({ where: { email: a.email }, create: { email: a.email, ...data }, update: data });
    // A previous session's failures must not keep the demo login locked.
    await db.loginAttempt.create({ data: { email: a.email, ip: "demo-setup", outcome: "unlocked" } });
  }
  return DEMO_ACCOUNTS;
}

export function printDemoAccounts(accounts: readonly DemoAccount[], log: (line: string) => void = console.log): void {
  log("  Staff sign-in (local demo accounts; never use these passwords anywhere else):");
  for (const a of accounts) {
    const scope = a.units.length ? ` (units: ${a.units.map((u) => `${u.kind} ${u.name}`).join(", ")})` : "";
    log(`    ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}${scope}`);
  }
}
