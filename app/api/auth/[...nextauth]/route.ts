import { handlers } from "@/lib/auth/next-auth";

// Auth.js endpoints (CSRF token, credentials callback, single sign-on callback, sign-out, session).
export const { GET, POST } = handlers;
