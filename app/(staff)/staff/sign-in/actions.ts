"use server";

import { AuthError, CredentialsSignin } from "@auth/core/errors";
import { z } from "zod";
import { refusalMessage } from "@/lib/auth/authenticate";
import { signIn } from "@/lib/auth/next-auth";
import { safeStaffPath } from "@/lib/auth/safe-redirect";

export interface SignInState {
  error?: string;
  email?: string;
}

const SignInFormSchema = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(256),
  from: z.string().max(200).optional(),
});

/** Password sign-in. Throttling, lockout and auditing happen in the credentials provider, for every route in. */
export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = SignInFormSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    from: form.get("from") ?? undefined,
  });
  if (!parsed.success || !parsed.data.email || !parsed.data.password) {
    return { error: "Enter your email and password.", email: parsed.success ? parsed.data.email : "" };
  }
  const { email, password, from } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeStaffPath(from) });
    return {};
  } catch (e) {
    if (e instanceof CredentialsSignin) {
      const [reason, minutes] = String(e.code).split(":");
      return { error: refusalMessage(reason ?? "invalid", Number(minutes) || undefined), email };
    }
    if (e instanceof AuthError) return { error: "Sign-in failed. Please try again.", email };
    throw e; // the redirect after a successful sign-in
  }
}

/** Single sign-on: hands over to the department's OpenID Connect provider. */
export async function signInWithSso(form: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeStaffPath(form.get("from")) });
}
