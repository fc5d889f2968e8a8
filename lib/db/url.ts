import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(":")[0]}: (use file: or postgresql://)`);
}

/** better-sqlite3 wants a path; relative "file:" URLs are resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:/, "").split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ raw);
}
