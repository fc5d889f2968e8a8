"use server";

import { signOut } from "@/lib/auth/next-auth";

/** Ends the session (the cookie is cleared; the sign-out is audited in lib/auth/config.ts events.signOut). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/staff/sign-in?signedOut=1" });
}
