import { defineConfig } from "prisma/config";

// Prisma's CLI insists on a native schema engine that cannot be downloaded offline. `prisma generate` does not
// use it, so any existing file satisfies the check; migrations run through the WASM engine (lib/db/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/sqlite",
});
