import type { Db } from "@/lib/db/client";

export interface StatusVersion {
  id: number;
  dataset: string;
  label: string;
  status: string;
  origin: string;
  synthetic: boolean;
  retrievedAt: string;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  periodStart: string | null;
  periodEnd: string | null;
  error: string | null;
}

export async function datasetStatus(
  db: Db,
): Promise<{ versions: StatusVersion[]; results: { key: string; computedAt: string; datasetVersionIds: string }[] }> {
  const versions = await db.datasetVersion.findMany({ orderBy: [{ dataset: "asc" }, { id: "desc" }] });
  const results = await db.result.findMany({
    select: { key: true, computedAt: true, datasetVersionIds: true },
    orderBy: { key: "asc" },
  });
  return {
    versions: versions.map((v) => ({
      id: v.id,
      dataset: v.dataset,
      label: v.label,
      status: v.status,
      origin: v.origin,
      synthetic: v.synthetic,
      retrievedAt: v.retrievedAt.toISOString(),
      sha256: v.sha256,
      rowsRead: v.rowsRead,
      rowsLoaded: v.rowsLoaded,
      rowsQuarantined: v.rowsQuarantined,
      periodStart: v.periodStart?.toISOString() ?? null,
      periodEnd: v.periodEnd?.toISOString() ?? null,
      error: v.error,
    })),
    results: results.map((r) => ({ ...r, computedAt: r.computedAt.toISOString() })),
  };
}

export function printStatus(s: Awaited<ReturnType<typeof datasetStatus>>): void {
  if (s.versions.length === 0) {
    console.log(
      "No datasets loaded yet. Run `npm run cli -- ingest --source seattle-uof --file PATH` (or `npm run demo`).",
    );
    return;
  }
  const fmt = (n: number) => n.toLocaleString("en-US");
  for (const v of s.versions) {
    console.log(
      `${v.dataset.padEnd(15)} v${String(v.id).padEnd(4)} ${v.status.padEnd(10)} ${v.origin.padEnd(6)} ${v.label}\n` +
        `    read ${fmt(v.rowsRead)}, loaded ${fmt(v.rowsLoaded)}, quarantined ${fmt(v.rowsQuarantined)}; ` +
        `period ${v.periodStart?.slice(0, 10) ?? "?"}..${v.periodEnd?.slice(0, 10) ?? "?"}; retrieved ${v.retrievedAt.slice(0, 10)}` +
        (v.error ? `\n    error: ${v.error}` : ""),
    );
  }
  console.log(`results: ${s.results.map((r) => `${r.key} (versions ${r.datasetVersionIds})`).join(", ") || "none"}`);
}
