import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { auditActions } from "../helpers/staff-fixtures";
import { tempSqliteDb } from "../helpers/temp-db";

/**
 * `npm run cli -- user ...` as an operator runs it: a real process against a temporary database. Each process
 * takes a few seconds to start on a busy 2-core machine, hence the longer timeouts of the multi-command tests.
 */
describe("user CLI", () => {
  let t: Awaited<ReturnType<typeof tempSqliteDb>>;
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync("node", ["--import", "tsx", "scripts/cli.ts", "user", ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "development", ...env },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    t = await tempSqliteDb();
  });
  afterAll(() => t.cleanup());

  it("creates an admin with a generated password that signs in, and audits the operator as the actor", async () => {
    const r = cli(["create", "--email", "Chief@SPD.test", "--role", "admin", "--name", "Chief"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("created chief@spd.test (admin)");
    const password = /initial password \(shown once\): (\S+)/.exec(r.out)?.[1];
    expect(password).toBeDefined();
    const signIn = await authenticateWithPassword(
      t.db,
      { email: "chief@spd.test", password },
      { ip: "192.0.2.1", userAgent: null },
    );
    expect(signIn.ok).toBe(true);
    const created = (await auditActions(t.db)).find((a) => a.action === "user.create");
    expect(created).toMatchObject({
      target: expect.stringMatching(/^user:\d+$/),
      actorEmail: expect.stringMatching(/^cli:.+@.+/),
      ip: "cli",
    });
  });

  it("creates a supervisor with precinct and squad units, an SSO-only account, and one with a password from the environment", async () => {
    const sup = cli([
      "create",
      "--email",
      "sup@spd.test",
      "--role",
      "supervisor",
      "--units",
      "West, squad:WEST PCT 3RD W - MARY",
    ]);
    expect(sup.code).toBe(0);
    expect(sup.out).toContain("units: precinct:West, squad:WEST PCT 3RD W - MARY");
    const row = await t.db.user.findUnique({ where: { email: "sup@spd.test" } });
    expect(JSON.parse(row!.units)).toEqual([
      { kind: "precinct", name: "West" },
      { kind: "squad", name: "WEST PCT 3RD W - MARY" },
    ]);

    const sso = cli(["create", "--email", "sso@spd.test", "--role", "analyst", "--sso"]);
    expect(sso.code).toBe(0);
    expect(sso.out).not.toContain("initial password");
    expect((await t.db.user.findUnique({ where: { email: "sso@spd.test" } }))!.passwordHash).toBeNull();

    const fromEnv = cli(["create", "--email", "env@spd.test", "--role", "analyst", "--password-env", "NEW_PASSWORD"], {
      NEW_PASSWORD: "a long enough passphrase",
    });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.out).not.toContain("a long enough passphrase");
    expect(
      (
        await authenticateWithPassword(
          t.db,
          { email: "env@spd.test", password: "a long enough passphrase" },
          { ip: "192.0.2.2", userAgent: null },
        )
      ).ok,
    ).toBe(true);
  }, 120_000);

  it("rejects bad flags with exit code 2 and a message naming the flag, and duplicates with exit code 1", () => {
    const cases: [string[], RegExp][] = [
      [["create", "--email", "not-an-email", "--role", "admin"], /--email: must be an email address/],
      [["create", "--email", "x@spd.test", "--role", "chief"], /--role: must be one of admin, analyst, supervisor/],
      [
        ["create", "--email", "x@spd.test", "--role", "analyst", "--units", "West"],
        /--units applies to supervisors only/,
      ],
      [["create", "--email", "x@spd.test", "--role", "supervisor", "--units", `squad:${"x".repeat(100)}`], /--units/],
      [["create", "--email", "x@spd.test", "--role", "admin", "--bogus", "1"], /Unknown option '--bogus'/],
      [
        ["create", "--email", "x@spd.test", "--role", "admin", "--password-env", "SHORT"],
        /SHORT: must be at least 12 characters/,
      ],
      [["frobnicate"], /unknown user command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { SHORT: "short" });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
    }
    const dup = cli(["create", "--email", "sup@spd.test", "--role", "analyst"]);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain("an account for sup@spd.test already exists");
  }, 180_000);

  it("lists, deactivates, reactivates and unlocks accounts", async () => {
    expect(cli(["deactivate", "--email", "sup@spd.test"]).out).toContain("deactivated sup@spd.test");
    expect((await t.db.user.findUnique({ where: { email: "sup@spd.test" } }))!.active).toBe(false);
    expect(cli(["list"]).out).toMatch(/sup@spd\.test\s+supervisor\s+deactivated/);
    expect(cli(["reactivate", "--email", "sup@spd.test"]).code).toBe(0);
    expect(cli(["unlock", "--email", "sup@spd.test"]).out).toContain("unlocked sup@spd.test");
    const listed = JSON.parse(cli(["list", "--json"]).out) as { email: string; active: boolean }[];
    expect(listed.find((a) => a.email === "sup@spd.test")?.active).toBe(true);
    expect(JSON.stringify(listed)).not.toMatch(/passwordHash|\$argon2/);
    expect(cli(["deactivate", "--email", "nobody@spd.test"]).code).toBe(2);
  }, 180_000);

  it("creates the demo accounts, but not with NODE_ENV=production unless DEMO_ACCOUNTS=1", async () => {
    const refused = cli(["demo"], { NODE_ENV: "production" });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/refusing to create the well-known demo accounts/);
    expect(await t.db.user.findUnique({ where: { email: "admin@demo.invalid" } })).toBeNull();
    const ok = cli(["demo"], { NODE_ENV: "production", DEMO_ACCOUNTS: "1" });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/admin\s+admin@demo\.invalid\s+demo-admin-password/);
    expect(ok.out).toMatch(/supervisor\s+supervisor@demo\.invalid\s+demo-supervisor-password \(units: precinct West\)/);
    for (const [email, password] of [
      ["analyst@demo.invalid", "demo-analyst-password"],
      ["supervisor@demo.invalid", "demo-supervisor-password"],
    ]) {
      expect((await authenticateWithPassword(t.db, { email, password }, { ip: "192.0.2.3", userAgent: null })).ok).toBe(
        true,
      );
    }
  });
});
