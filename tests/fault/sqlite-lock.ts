import { spawn, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";

/**
 * "The database is locked": another process takes an EXCLUSIVE lock on a SQLite file and holds it until released.
 * Readers are refused only in rollback-journal mode (in WAL mode a writer never blocks readers), so tests lock a
 * copy switched to journal_mode=DELETE, as on a file system without shared memory.
 */
export interface HeldLock {
  release(): Promise<void>;
}

export function useRollbackJournal(file: string): void {
  const conn = new Database(file);
  conn.pragma("wal_checkpoint(TRUNCATE)");
  conn.pragma("journal_mode = DELETE");
  conn.close();
}

export function lockDatabase(file: string): Promise<HeldLock> {
  const script = `const D = require("better-sqlite3"); const d = new D(process.argv[1], { timeout: 5000 });
    d.exec("BEGIN EXCLUSIVE"); d.prepare("SELECT COUNT(*) FROM sqlite_master").get(); console.log("locked"); setInterval(() => {}, 1000);`;
  const child: ChildProcess = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the locking process exited with ${code}`)));
    child.stdout!.once("data", () =>
      resolve({
        release: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGKILL");
          }),
      }),
    );
  });
}
