import type { Server } from "./server";

/** What every benchmark section gets: the running server, the bench database and the run's settings. */
export interface BenchContext {
  server: Server;
  dbFile: string;
  outDir: string;
  /** Repetitions of each timed operation (the median is reported). */
  runs: number;
  /** Seconds of each load-generator run. */
  duration: number;
  quick: boolean;
  /** First of the ports this run may use (the server's); sections use the next ones. */
  port: number;
  dataDir: string | null;
  /** The environment the server and the CLI run with (DATABASE_URL of the bench database). */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Another server on the same build and database, with extra environment (e.g. a heap cap). */
  startServer: (extraEnv: Record<string, string>) => Promise<Server>;
}

/** One line of the printed table (every section reports in these columns; empty cells stay empty). */
export interface BenchRow {
  section: string;
  case: string;
  tool: string;
  connections?: number;
  /** e.g. "1,234 req/s" or "97,849 rows/s". */
  throughput?: string;
  p50?: number;
  p95?: number;
  p99?: number;
  seconds?: number;
  peakMiB?: number;
  note?: string;
}
