import os from "node:os";
import { z } from "zod";
import { createAccount, listAccounts, setAccountActive, unlockAccount, type Actor } from "@/lib/auth/accounts";
import { ensureDemoAccounts, printDemoAccounts } from "@/lib/auth/demo-accounts";
import { parseUnitsText, RoleSchema, formatUnits } from "@/lib/auth/roles";
import { PasswordSchema } from "@/lib/auth/passwords";
import { db } from "@/lib/db/client";
import { firstIssueMessage, issueLines } from "@/lib/errors/zod";
import { parseFlags, UsageError } from "../args";

/**
 * Staff accounts from the command line, for the first admin and for operators with database access. Changes are
 * audited with the operator's login and host as the actor.
 */
export const USER_USAGE = [
  'user create --email EMAIL --role admin|analyst|supervisor [--name NAME] [--units "West, squad:NAME"] [--sso | --password-env VAR]',
  "user list [--json]",
  "user deactivate|reactivate|unlock --email EMAIL",
  "user demo   (the local demo accounts; refused when NODE_ENV=production unless DEMO_ACCOUNTS=1)",
];

function cliActor(): Actor {
  let login = "operator";
  try {
    login = os.userInfo().username;
  } catch {
    // no passwd entry (some containers): keep the generic name
  }
  return { id: null, email: `cli:${login}@${os.hostname()}`, context: { ip: "cli", userAgent: "portal-cli" } };
}

const UnitsFlag = z
  .string()
  .optional()
  .transform((text, ctx) => {
    try {
      return parseUnitsText(text ?? "");
    } catch {
      ctx.addIssue({ code: "custom", message: "comma-separated precinct names, or squad:NAME entries" });
      return z.NEVER;
    }
  });

async function byEmail(email: string): Promise<number> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) throw new UsageError(`no account for ${email}`);
  return user.id;
}

async function create(flags: string[]): Promise<number> {
  const opts = parseFlags(
    flags,
    z.object({
      email: z.email("must be an email address"),
      role: RoleSchema,
      name: z.string().max(120).optional(),
      units: UnitsFlag,
      sso: z.boolean().optional(),
      // The name of an environment variable holding the password, so it never appears in shell history.
      "password-env": z
        .string()
        .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name")
        .optional(),
    }),
    ["sso"],
  );
  if (opts.sso && opts["password-env"]) throw new UsageError("--sso and --password-env exclude each other");
  if (opts.role !== "supervisor" && opts.units.length > 0) throw new UsageError("--units applies to supervisors only");
  const password = opts["password-env"] ? PasswordSchema.safeParse(process.env[opts["password-env"]] ?? "") : null;
  if (password && !password.success)
    throw new UsageError(`${opts["password-env"]}: ${firstIssueMessage(password.error) ?? "invalid password"}`);
  const { account, initialPassword } = await createAccount(
    db(),
    {
      email: opts.email,
      name: opts.name ?? opts.email.split("@")[0]!,
      role: opts.role,
      units: opts.units,
      signIn: opts.sso ? "sso" : "password",
      password: password?.data,
    },
    cliActor(),
  );
  console.log(
    `created ${account.email} (${account.role}${account.units.length ? `; units: ${formatUnits(account.units)}` : ""})`,
  );
  if (initialPassword) console.log(`initial password (shown once): ${initialPassword}`);
  if (account.signIn === "sso") console.log("signs in with single sign-on (OIDC_* must be configured)");
  return 0;
}

export async function userCommand([sub, ...flags]: string[]): Promise<number> {
  try {
    if (sub === "create") return await create(flags);
    if (sub === "list") {
      const { json } = parseFlags(flags, z.object({ json: z.boolean().optional() }), ["json"]);
      const accounts = await listAccounts(db());
      if (json) console.log(JSON.stringify(accounts, null, 2));
      else
        for (const a of accounts)
          console.log(
            `${a.email.padEnd(32)} ${a.role.padEnd(10)} ${a.active ? "active" : "deactivated"}  ${formatUnits(a.units)}`,
          );
      return 0;
    }
    if (sub === "deactivate" || sub === "reactivate" || sub === "unlock") {
      const { email } = parseFlags(flags, z.object({ email: z.string().min(3).max(254) }));
      const id = await byEmail(email);
      const account =
        sub === "unlock"
          ? await unlockAccount(db(), id, cliActor())
          : await setAccountActive(db(), id, sub === "reactivate", cliActor());
      console.log(
        `${{ deactivate: "deactivated", reactivate: "reactivated", unlock: "unlocked" }[sub]} ${account.email}`,
      );
      return 0;
    }
    if (sub === "demo") {
      printDemoAccounts(await ensureDemoAccounts(db()));
      return 0;
    }
  } catch (e) {
    // Refusals of the account logic (AppError: conflict, not_found) go on to the CLI's exit-code mapping.
    if (e instanceof z.ZodError) throw new UsageError(issueLines(e, { root: "" }).join("\n"));
    throw e;
  }
  throw new UsageError(`unknown user command "${sub ?? ""}"`);
}
