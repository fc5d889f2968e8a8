import { z } from "zod";
import { parseSimParams } from "@/lib/coverage/params";
import { RULE_PRESETS, type RulePreset } from "@/lib/coverage/rules";
import { coverageContract, runCoverage } from "@/lib/coverage/run";
import { db } from "@/lib/db/client";
import { readResult } from "@/lib/pipeline/result-store";
import { parseFlags, UsageError } from "../args";

/**
 * `coverage simulate --year YYYY --teams N --hours "Mon-Fri 11-23,Sat-Sun 12-20" [--precincts West,East]
 * [--minutes-per-contact M] [--rule default|strict|broad] [--json]`: the coverage simulator on the stored results of
 * the active Crisis Data version (the same code and numbers as /alternative-response). --json is a stable contract.
 */

const Flags = z.object({
  year: z.string().regex(/^\d{4}$/, "must be a year like 2024"),
  teams: z.string().min(1, "must be a whole number of teams"),
  hours: z.string().min(1, 'must be coverage hours like "Mon-Fri 11-23,Sat-Sun 12-20"'),
  precincts: z.string().optional(),
  "minutes-per-contact": z.string().optional(),
  rule: z.enum(["default", "strict", "broad"], { message: "must be default, strict or broad" }).default("default"),
  json: z.boolean().optional(),
});

export async function coverageCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "simulate") throw new UsageError(`coverage: unknown subcommand "${sub ?? ""}" (available: simulate)`);
  const flags = parseFlags(rest, Flags, ["json"]);
  const { value: params, issues } = parseSimParams({
    year: flags.year,
    teams: flags.teams,
    hours: flags.hours,
    precincts: flags.precincts,
    minutesPerContact: flags["minutes-per-contact"],
  });
  if (issues.length)
    throw new UsageError(
      issues.map(({ message }) => `--${message.replace(/^minutesPerContact/, "minutes-per-contact")}`).join("\n"),
    );
  const [store, cube] = await Promise.all([readResult(db(), "crisis.coverage"), readResult(db(), "crisis.cube")]);
  if (!store || !cube) {
    console.error("error: no stored coverage results. Load Crisis Data and run: npm run cli -- compute");
    return 1;
  }
  const version = await db().datasetVersion.findUnique({ where: { id: store.payload.versionId } });
  const out = runCoverage(store.payload, cube.payload, params, RULE_PRESETS[flags.rule as RulePreset], {
    windows: false,
  });
  if (!out.ok) throw new UsageError(out.errors.map((e) => `--${e}`).join("\n"));
  const contract = coverageContract(
    out.run,
    version?.label ?? String(store.payload.versionId),
    store.payload.versionId,
  );
  if (flags.json) {
    console.log(JSON.stringify({ ...contract, synthetic: version?.synthetic ?? null }, null, 2));
    return 0;
  }
  const m = contract.missed;
  const pct = (n: number) => (contract.eligible ? `${((100 * n) / contract.eligible).toFixed(1)}%` : "-");
  console.log(
    `Coverage simulation, ${contract.year}, Crisis Data ${contract.datasetVersion}${version?.synthetic ? " [SYNTHETIC SAMPLE]" : ""}`,
  );
  console.log(`rule: ${flags.rule}; parameters: ${new URLSearchParams(contract.parameters).toString()}`);
  console.log(`eligible ${contract.eligible}; reached ${contract.reached} (${pct(contract.reached)})`);
  console.log(
    `missed: outside hours ${m.outsideHours} (${pct(m.outsideHours)}), outside area ${m.outsideArea} (${pct(m.outsideArea)}), all teams busy ${m.allTeamsBusy} (${pct(m.allTeamsBusy)})`,
  );
  console.log(
    `team-hours ${contract.teamHours}; utilisation ${contract.utilisation === null ? "-" : `${(contract.utilisation * 100).toFixed(1)}%`}; staff needed ${contract.staffNeeded}`,
  );
  return 0;
}
