import { z } from "zod";
import { migrateCreate, migrateDeploy } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { parseFlags, UsageError } from "../args";

export async function dbCommand([sub, ...flags]: string[]): Promise<number> {
  if (sub === "migrate") {
    const applied = await migrateDeploy(env().DATABASE_URL);
    console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database is up to date");
    return 0;
  }
  if (sub === "create-migration") {
    const { name } = parseFlags(
      flags,
      z.object({ name: z.string().regex(/^[a-z0-9_]+$/, "use lower-case letters, digits and _") }),
    );
    const dir = await migrateCreate(env().DATABASE_URL, name);
    console.log(dir ? `created ${dir}` : "no schema changes");
    return 0;
  }
  throw new UsageError(`unknown db command "${sub ?? ""}"`);
}
