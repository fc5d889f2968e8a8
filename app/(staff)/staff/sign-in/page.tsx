import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ACCOUNT_LOCK } from "@/lib/auth/throttle";
import { safeStaffPath } from "@/lib/auth/safe-redirect";
import { getStaffUser } from "@/lib/dal/staff-session";
import { env, oidcEnabled } from "@/lib/env";
import { signInWithSso } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Staff sign in" };

// Auth.js sends single sign-on failures here as ?error=<type>.
const SSO_ERRORS: Record<string, string> = {
  AccessDenied:
    "Single sign-on worked, but there is no active staff account for your email. Ask an administrator to invite you.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const from = safeStaffPath(params.from);
  if (await getStaffUser()) redirect(from);
  const sso = oidcEnabled(env()) ? env().OIDC_NAME : null;
  // Object.hasOwn: "?error=__proto__" must not look up the object's prototype (that rendered as a 500).
  const error =
    typeof params.error === "string"
      ? Object.hasOwn(SSO_ERRORS, params.error)
        ? SSO_ERRORS[params.error]!
        : "Sign-in failed. Please try again."
      : null;
  return (
    <>
      <h1>Staff sign in</h1>
      <p className="lede">
        For Seattle Police Department staff who review Early Intervention information. The public pages need no account.
      </p>
      {params.signedOut === "1" && (
        <p className="alert alert--ok" role="status">
          You have signed out.
        </p>
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <SignInForm from={from} />
      {sso && (
        <form action={signInWithSso} className="staff-form">
          <input type="hidden" name="from" value={from} />
          <button type="submit" className="button button--secondary">
            Sign in with {sso}
          </button>
        </form>
      )}
      <p className="meta">
        After {ACCOUNT_LOCK.maxFailures} failed attempts within {ACCOUNT_LOCK.windowMinutes} minutes, sign-in for that
        account pauses for {ACCOUNT_LOCK.lockMinutes} minutes. Sessions end after {env().SESSION_MAX_AGE_HOURS} hours.
        Every sign-in and every view of officer information is recorded.
      </p>
    </>
  );
}
