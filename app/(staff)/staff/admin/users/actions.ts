"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseUnitsText, RoleSchema } from "@/lib/auth/roles";
import { actionState, runStaffAction, type ActionState } from "@/lib/dal/staff-action";
import {
  changeStaffAccess,
  createStaffAccount,
  resetStaffPassword,
  setStaffAccountActive,
  unlockStaffAccount,
} from "@/lib/dal/staff-users";

/**
 * Admin account actions. Each validates its form with zod and calls a DAL function that checks the session and
 * the manageUsers permission itself (an action is a public endpoint: the page's own check does not protect it).
 */
const UnitsText = z
  .string()
  .max(2000)
  .default("")
  .transform((text, ctx) => {
    try {
      return parseUnitsText(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "units are comma-separated precinct names, or squad:NAME" });
      return z.NEVER;
    }
  });
const Id = z.coerce.number().int().positive();
const fields = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
const done = (message: string, secret?: string) => {
  revalidatePath("/staff/admin/users");
  return { message, secret };
};

export async function createAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const schema = z.object({
    email: z.string().max(254),
    name: z.string().max(120),
    role: RoleSchema,
    units: UnitsText,
    signIn: z.enum(["password", "sso"]),
  });
  return actionState(
    await runStaffAction(schema, fields(form), async (data) => {
      const { account, initialPassword } = await createStaffAccount(data);
      return done(
        initialPassword
          ? `Created ${account.email}. Give them this initial password (shown once):`
          : `Created ${account.email}; they sign in with single sign-on.`,
        initialPassword ?? undefined,
      );
    }),
  );
}

export async function changeAccessAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionState(
    await runStaffAction(
      z.object({ id: Id, role: RoleSchema, units: UnitsText }),
      fields(form),
      async ({ id, role, units }) => {
        const account = await changeStaffAccess(id, { role, units });
        return done(`Saved: ${account.email} is now ${account.role}.`);
      },
    ),
  );
}

export async function setActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionState(
    await runStaffAction(z.object({ id: Id, active: z.enum(["0", "1"]) }), fields(form), async ({ id, active }) => {
      const account = await setStaffAccountActive(id, active === "1");
      return done(
        account.active ? `Reactivated ${account.email}.` : `Deactivated ${account.email}: their sessions end now.`,
      );
    }),
  );
}

export async function unlockAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionState(
    await runStaffAction(z.object({ id: Id }), fields(form), async ({ id }) =>
      done(`Unlocked ${(await unlockStaffAccount(id)).email}.`),
    ),
  );
}

export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionState(
    await runStaffAction(z.object({ id: Id }), fields(form), async ({ id }) => {
      const { account, password } = await resetStaffPassword(id);
      return done(`New password for ${account.email} (shown once):`, password);
    }),
  );
}
