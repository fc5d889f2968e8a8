// Auth.js core classes (what next-auth re-exports), imported from @auth/core so that this module also loads outside
// Next.js (unit tests): next-auth's own entry imports next/server.
import { CredentialsSignin } from "@auth/core/errors";
import Credentials from "@auth/core/providers/credentials";
import type { NextAuthConfig } from "next-auth";
import { appendAudit } from "@/lib/audit/append";
import { db, type Db } from "@/lib/db/client";
import { oidcEnabled, type Env } from "@/lib/env";
import { endSessions } from "./accounts";
import { authenticateWithPassword } from "./authenticate";
import { contextFromHeaders, currentRequestContext } from "./request-context";

/**
 * Auth.js configuration: a credentials provider (argon2, throttled: lib/auth/authenticate.ts) and, when the three
 * OIDC_* variables are set, the department's single sign-on. Sessions are signed, encrypted JWT cookies (httpOnly,
 * SameSite=Lax, Secure + __Secure- prefix over HTTPS) that last SESSION_MAX_AGE_HOURS from sign-in and are never
 * silently extended. The token carries only the user id and the sign-in time: role, units and "active" are read
 * from the database on every request (lib/dal/staff-session.ts), so changes apply at once. Sign-out also sets
 * User.sessionsValidAfter, which refuses every session signed in before it, copied cookies included.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code; // "invalid" | "locked:<minutes>" | "throttled:<minutes>": the sign-in page words it
  }
}

export interface StaffClaims {
  uid: number;
  signedInAt: number;
}

export function buildAuthConfig(e: Env, secret: string): NextAuthConfig {
  const maxAge = Math.round(e.SESSION_MAX_AGE_HOURS * 3600);
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await authenticateWithPassword(db(), credentials, contextFromHeaders(request.headers));
        if (!result.ok)
          throw new SignInRefused(
            result.retryAfterMinutes ? `${result.reason}:${result.retryAfterMinutes}` : result.reason,
          );
        return { id: String(result.user.id), email: result.user.email, name: result.user.name };
      },
    }),
  ];
  if (oidcEnabled(e)) {
    providers.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oidc",
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
    });
  }

  return {
    secret,
    trustHost: true,
    useSecureCookies: e.FORCE_HTTPS === "1" ? true : undefined, // otherwise: Secure whenever the request is https
    session: { strategy: "jwt", maxAge, updateAge: maxAge },
    jwt: { maxAge },
    pages: { signIn: "/staff/sign-in", error: "/staff/sign-in" },
    providers,
    callbacks: {
      // Single sign-on admits only people an admin has invited (an active account with the same email).
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true; // passwords were checked in authorize()
        const ctx = await currentRequestContext();
        const email = typeof profile?.email === "string" ? profile.email.trim().toLowerCase() : "";
        const user =
          email && profile?.email_verified !== false ? await db().user.findUnique({ where: { email } }) : null;
        if (!user || !user.active) {
          await appendAudit(db(), {
            action: "auth.sign_in_failed",
            actorId: user?.id ?? null,
            actorEmail: email || "(no email from provider)",
            detail: { method: "sso", reason: user ? "inactive" : "no_account" },
            ...ctx,
          });
          return false;
        }
        await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        await appendAudit(db(), {
          action: "auth.sign_in",
          actorId: user.id,
          actorEmail: user.email,
          detail: { method: "sso" },
          ...ctx,
        });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          // First call after a sign-in: pin the portal's user id and the sign-in time; nothing else goes in.
          const uid =
            account.provider === "oidc"
              ? (await db().user.findUnique({ where: { email: String(user.email ?? "").toLowerCase() } }))?.id
              : Number(user.id);
          return { sub: String(uid), uid, signedInAt: Date.now() };
        }
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: { id: String(token.uid ?? ""), email: "", name: null },
          claims: { uid: Number(token.uid), signedInAt: Number(token.signedInAt) },
        };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const uid = Number(token?.uid);
        if (!Number.isInteger(uid)) return;
        const user = await db().user.findUnique({ where: { id: uid }, select: { id: true, email: true } });
        if (!user) return;
        const ctx = await currentRequestContext();
        // The cookie is cleared in this browser; ending the sessions also refuses any copy of it (JWTs cannot be recalled).
        await db().$transaction(async (tx) => {
          await endSessions(tx as unknown as Db, user.id);
          await appendAudit(tx as unknown as Db, {
            action: "auth.sign_out",
            actorId: user.id,
            actorEmail: user.email,
            ...ctx,
          });
        });
      },
    },
  };
}
