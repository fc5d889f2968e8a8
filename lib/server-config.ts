import { authSecret } from "@/lib/auth/secret";
import { ConfigError, env } from "@/lib/env";

/**
 * Every setting the server needs, checked once at start-up (instrumentation.ts). Next.js only logs an error thrown
 * there and goes on serving 500 for every request, so a configuration error ends the process instead, with the
 * message naming the variable: a deployment fails at once and visibly, not at the first reader.
 */
export function checkServerConfig(exit: (code: number) => never = process.exit): void {
  try {
    env();
    authSecret();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`The portal cannot start: ${error.message}`);
    exit(1);
  }
}
