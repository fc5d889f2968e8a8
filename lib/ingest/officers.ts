import type { Db } from "@/lib/db/client";

/** Maps source officer IDs of one ID space to Officer rows, creating the missing ones in batches. */
export class OfficerRegistry {
  private readonly ids = new Map<string, number>();
  private constructor(
    private readonly db: Db,
    private readonly idSpace: string,
  ) {}

  static async open(db: Db, idSpace: string): Promise<OfficerRegistry> {
    const registry = new OfficerRegistry(db, idSpace);
    const rows = await db.officer.findMany({ where: { idSpace }, select: { id: true, sourceId: true } });
    for (const r of rows) registry.ids.set(r.sourceId, r.id);
    return registry;
  }

  async resolve(sourceIds: Iterable<string | null>): Promise<void> {
    const missing = [...new Set([...sourceIds].filter((s): s is string => s !== null && !this.ids.has(s)))];
    if (missing.length === 0) return;
    await this.db.officer.createMany({ data: missing.map((sourceId) => ({ idSpace: this.idSpace, sourceId })) });
    const created = await this.db.officer.findMany({
      where: { idSpace: this.idSpace, sourceId: { in: missing } },
      select: { id: true, sourceId: true },
    });
    for (const r of created) this.ids.set(r.sourceId, r.id);
  }

  idOf(sourceId: string | null): number | null {
    return sourceId === null ? null : (this.ids.get(sourceId) ?? null);
  }
}
