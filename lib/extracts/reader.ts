import "server-only";
import type { Db } from "@/lib/db/client";
import { dispositionGroupOf } from "@/lib/ingest/sources/crisis-dispositions";
import { selectFor } from "./catalogue";
import { PAGE_SIZE, ROW_DATASETS, type RowDatasetDef, type RowDatasetId } from "./datasets";
import type { ExtractRequest, Filters } from "./request";

/**
 * Reads extract rows from the ACTIVE version of a dataset with keyset paging (ORDER BY id, WHERE id > cursor,
 * 2,000 rows a page) through Prisma findMany, so it runs unchanged on SQLite and PostgreSQL and never holds more than
 * one page in memory.
 */
export interface ActiveVersion {
  id: number;
  dataset: string;
  label: string;
  sourceName: string;
  sourceUrl: string;
  retrievedAt: Date;
  sha256: string;
  mappingVersion: string;
  synthetic: boolean;
  rowsLoaded: number;
}

type Where = Record<string, unknown>;
type Row = Record<string, unknown>;
interface Delegate {
  findMany(args: object): Promise<Row[]>;
  count(args: object): Promise<number>;
  aggregate(args: object): Promise<{ _min: { id: number | null }; _max: { id: number | null } }>;
  groupBy(args: object): Promise<Row[]>;
}
// The three row models share the fields used here; one untyped view of their delegates keeps the reader generic.
const delegate = (db: Db, def: RowDatasetDef) => db[def.model] as unknown as Delegate;

export async function activeExtractVersion(db: Db, dataset: RowDatasetId): Promise<ActiveVersion | null> {
  return db.datasetVersion.findFirst({
    where: { dataset: ROW_DATASETS[dataset].source, status: "active" },
    select: {
      id: true,
      dataset: true,
      label: true,
      sourceName: true,
      sourceUrl: true,
      retrievedAt: true,
      sha256: true,
      mappingVersion: true,
      synthetic: true,
      rowsLoaded: true,
    },
  });
}

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const nextDay = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** Crisis rows store the disposition; its group is looked up per distinct value of the version (a few dozen). */
async function dispositionsIn(db: Db, versionId: number, groups: string[]): Promise<string[]> {
  const values = (await db.crisisRow.groupBy({ by: ["disposition"], where: { versionId } })).map((r) => r.disposition);
  return values.filter((d) => groups.includes(dispositionGroupOf(d)));
}

/** The Prisma where clause of the filters (without the version and paging conditions). */
export async function filterWhere(
  db: Db,
  dataset: RowDatasetId,
  versionId: number,
  filters: Filters,
): Promise<Where[]> {
  const def = ROW_DATASETS[dataset];
  const and: Where[] = [];
  if (typeof filters.from === "string") and.push({ [def.dateField]: { gte: dayStart(filters.from) } });
  if (typeof filters.to === "string") and.push({ [def.dateField]: { lt: nextDay(filters.to) } });
  for (const key of [
    "precinct",
    "sector",
    "beat",
    "callType",
    "initialCallType",
    "finalCallType",
    "subjectRace",
    "subjectGender",
  ]) {
    if (filters[key] !== undefined) and.push({ [key]: { in: list(filters[key]) } });
  }
  if (filters.level !== undefined) and.push({ level: { in: list(filters.level).map(Number) } });
  if (filters.useOfForce !== undefined) and.push({ useOfForce: filters.useOfForce === "yes" });
  const cit = filters.cit;
  if (cit === "certified" || cit === "not-certified") and.push({ citCertified: cit === "certified" });
  if (cit === "requested") and.push({ citRequested: true });
  if (cit === "dispatched") and.push({ citDispatched: true });
  if (cit === "arrived") and.push({ citArrived: true });
  if (filters.dispositionGroup !== undefined) {
    const groups = list(filters.dispositionGroup);
    and.push(
      dataset === "crisis-rows"
        ? { disposition: { in: await dispositionsIn(db, versionId, groups) } }
        : { dispositionGroup: { in: groups } },
    );
  }
  return and;
}

/** Rows matching the request's filters in the version (ignores limit and cursor). */
export async function countRows(
  db: Db,
  req: Pick<ExtractRequest, "dataset" | "filters">,
  version: ActiveVersion,
): Promise<number> {
  const and = await filterWhere(db, req.dataset, version.id, req.filters);
  return delegate(db, ROW_DATASETS[req.dataset]).count({ where: { AND: [{ versionId: version.id }, ...and] } });
}

/**
 * The number of the unit readers count (crisis contacts = distinct Template IDs) among the selected rows, for the
 * crisis datasets whose rows are not that unit; null for Use of Force (its rows are described in its title).
 */
export async function countTemplates(
  db: Db,
  req: Pick<ExtractRequest, "dataset" | "filters">,
  version: ActiveVersion,
): Promise<number | null> {
  if (req.dataset === "use-of-force") return null;
  const and = await filterWhere(db, req.dataset, version.id, req.filters);
  const where = { AND: [{ versionId: version.id }, ...and] };
  const groups =
    req.dataset === "crisis-rows"
      ? await db.crisisRow.groupBy({ by: ["templateId"], where: where as never })
      : await db.crisisContact.groupBy({ by: ["templateId"], where: where as never });
  return groups.length;
}

export interface PageOptions {
  pageSize?: number;
  /** Stop after this many rows (JSON pages and `limit`); null = all. */
  limit?: number | null;
  afterId?: number;
}

/**
 * Yields pages of selected rows. The version's id range bounds the scan, and the version is matched with
 * NOT (versionId <> v): without statistics SQLite would otherwise pick the (versionId, date) index and sort the whole
 * version for every page; this way each page is a short primary-key range scan. PostgreSQL folds it back to `=`.
 */
export async function* readPages(
  db: Db,
  req: Pick<ExtractRequest, "dataset" | "filters" | "columns">,
  version: ActiveVersion,
  opts: PageOptions = {},
): AsyncGenerator<Row[]> {
  const def = ROW_DATASETS[req.dataset];
  const model = delegate(db, def);
  const bounds = await model.aggregate({ where: { versionId: version.id }, _min: { id: true }, _max: { id: true } });
  if (bounds._max.id === null) return;
  const filters = await filterWhere(db, req.dataset, version.id, req.filters);
  const select = selectFor(req.columns);
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  let after = Math.max(opts.afterId ?? 0, (bounds._min.id ?? 1) - 1);
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const take = Math.min(pageSize, remaining);
    const rows = await model.findMany({
      where: {
        AND: [{ NOT: { versionId: { not: version.id } } }, { id: { gt: after, lte: bounds._max.id } }, ...filters],
      },
      orderBy: { id: "asc" },
      take,
      select,
    });
    if (rows.length > 0) yield rows;
    if (rows.length < take) return;
    remaining -= rows.length;
    after = rows[rows.length - 1]!.id as number;
  }
}
