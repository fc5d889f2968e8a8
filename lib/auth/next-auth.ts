import "server-only";
import NextAuth from "next-auth";
import { env } from "@/lib/env";
import { buildAuthConfig } from "./config";
import { authSecret } from "./secret";

// Configuration is built on first use, not at import: `next build` must not need AUTH_SECRET or a database.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig(env(), authSecret()));
