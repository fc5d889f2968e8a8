import { computeCommand, ingestCommand, statusCommand } from "./data";
import { dbCommand } from "./db";
import { RELEASES_USAGE, releasesCommand } from "./releases";
import { USER_USAGE, userCommand } from "./user";

/** Every CLI command: name, usage lines, handler. A feature adds its command here. */
export interface Command {
  usage: string[];
  run: (argv: string[]) => Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  db: { usage: ["db migrate", "db create-migration --name NAME"], run: dbCommand },
  ingest: {
    usage: [
      "ingest --source seattle-uof|seattle-crisis (--file PATH | --pull | --sample [--seed S] [--rows N]) [--allow-shrink] [--json]",
    ],
    run: ingestCommand,
  },
  compute: { usage: ["compute"], run: computeCommand },
  status: { usage: ["status [--json]"], run: statusCommand },
  releases: { usage: RELEASES_USAGE, run: releasesCommand },
  analyze: {
    usage: ["analyze cit --json", "analyze cit --export-design PATH"],
    run: (argv) => import("./analyze").then((m) => m.analyzeCommand(argv)),
  },
  user: { usage: USER_USAGE, run: userCommand },
  coverage: {
    usage: [
      'coverage simulate --year YYYY --teams N --hours "Mon-Fri 11-23,Sat-Sun 12-20" [--precincts West,East] [--minutes-per-contact M] [--rule default|strict|broad] [--json]',
    ],
    run: (argv) => import("./coverage").then((m) => m.coverageCommand(argv)),
  },
  eis: {
    usage: [
      "eis run --as-of YYYY-MM-DD [--json] [--config PATH]",
      "eis cos --input PATH [--json] [--seed S] [--draws N]   (the escalation model on an incident CSV)",
    ],
    run: (argv) => import("./eis").then((m) => m.eisCommand(argv)),
  },
};
