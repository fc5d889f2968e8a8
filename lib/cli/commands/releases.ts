import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { changelogLines, RELEASE_NUMBER } from "@/lib/pipeline/release-changelog";
import { findRelease, listReleases, pruneReleases } from "@/lib/pipeline/releases";
import { parseFlags, UsageError } from "../args";

/** Numbered public releases (lib/pipeline/releases.ts): list, show one, prune old ones on purpose. */
export const RELEASES_USAGE = [
  "releases list [--json]",
  "releases show ID [--json]",
  "releases prune --keep N   (removes all but the newest N releases; never automatic)",
];

const JsonFlags = z.object({ json: z.boolean().optional() });
const PruneFlags = z.object({ keep: z.coerce.number().int().min(1, "keep at least the latest release (1)") });

export async function releasesCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "list") {
    const { json } = parseFlags(rest, JsonFlags, ["json"]);
    const all = await listReleases(db());
    if (json)
      console.log(
        JSON.stringify(
          all.map((r) => ({
            number: r.number,
            createdAt: r.createdAt,
            trigger: r.trigger,
            changes: changelogLines(r.changelog),
          })),
          null,
          2,
        ),
      );
    else if (all.length === 0) console.log("no releases yet");
    else
      for (const r of all)
        console.log(
          `${r.number}  ${r.createdAt.toISOString()}  ${r.trigger}: ${changelogLines(r.changelog).join("; ")}`,
        );
    return 0;
  }
  if (sub === "show") {
    const [id, ...flags] = rest;
    if (!id || !RELEASE_NUMBER.test(id)) throw new UsageError('releases show needs a release id such as "2026.12.1"');
    const { json } = parseFlags(flags, JsonFlags, ["json"]);
    const r = await findRelease(db(), id);
    if (!r) throw new AppError("not_found", `No release ${id} (never made, or pruned).`);
    if (json) console.log(JSON.stringify(r, null, 2));
    else {
      console.log(
        `release ${r.number}, ${r.createdAt.toISOString()} (${r.trigger}), methodology ${r.methodologyVersion}`,
      );
      for (const d of r.snapshot.datasets)
        console.log(
          `  ${d.label}  sha256 ${d.sha256}  read ${d.rowsRead} = loaded ${d.rowsLoaded} + quarantined ${d.rowsQuarantined}`,
        );
      for (const line of changelogLines(r.changelog)) console.log(`  - ${line}`);
    }
    return 0;
  }
  if (sub === "prune") {
    const { keep } = parseFlags(rest, PruneFlags);
    const gone = await pruneReleases(db(), keep);
    console.log(gone.length ? `pruned ${gone.length}: ${gone.join(", ")}` : "nothing to prune");
    return 0;
  }
  throw new UsageError(`releases: expected list, show or prune, got "${sub ?? ""}"`);
}
