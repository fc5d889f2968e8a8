import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role, Unit } from "@/lib/auth/roles";

/**
 * A tiny active crisis dataset whose officer units are known by construction (data end: 2025-12-31):
 *   A100: 10 West + 3 North contacts in the last 12 months, squad "WEST PCT 3RD W - MARY"  → unit West
 *   B200: 6 North contacts in the window, squad "NORTH PCT 2ND W - NORA"                  → unit North
 *   C300: contacts in 2019 only                                                            → no unit
 *   D400: 2 West (earlier) and 2 East (later) in the window: a tie, the most recent wins    → unit East
 *   E500: 1 contact on the data's last day, in West                                         → sets the data end
 */
export const OFFICERS = { west: "A100", north: "B200", none: "C300", tie: "D400", last: "E500" } as const;

interface ContactSpec {
  officer: string;
  at: string;
  precinct: string;
  squad: string;
  force?: boolean;
}

function specs(): ContactSpec[] {
  const out: ContactSpec[] = [];
  const day = (m: number, d: number) => `2025-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T10:00:00Z`;
  for (let i = 0; i < 10; i++)
    out.push({ officer: "A100", at: day(1 + i, 5), precinct: "West", squad: "WEST PCT 3RD W - MARY", force: i === 0 });
  for (let i = 0; i < 3; i++)
    out.push({ officer: "A100", at: day(2 + i, 20), precinct: "North", squad: "WEST PCT 3RD W - MARY" });
  out.push({ officer: "A100", at: "2018-06-01T10:00:00Z", precinct: "South", squad: "SOUTH PCT 1ST W - ROBERT" });
  for (let i = 0; i < 6; i++)
    out.push({ officer: "B200", at: day(3 + i, 12), precinct: "North", squad: "NORTH PCT 2ND W - NORA" });
  for (let i = 0; i < 4; i++)
    out.push({
      officer: "C300",
      at: `2019-0${1 + i}-10T10:00:00Z`,
      precinct: "West",
      squad: "WEST PCT 1ST W - DAVID/MARY",
    });
  out.push(
    { officer: "D400", at: day(2, 1), precinct: "West", squad: "Unknown" },
    { officer: "D400", at: day(3, 1), precinct: "West", squad: "Unknown" },
  );
  out.push(
    { officer: "D400", at: day(6, 1), precinct: "East", squad: "Unknown" },
    { officer: "D400", at: day(7, 1), precinct: "East", squad: "Unknown" },
  );
  out.push({ officer: "E500", at: "2025-12-31T12:00:00Z", precinct: "West", squad: "WEST PCT 2ND W - KING" });
  return out;
}

export async function seedCrisisData(db: Db): Promise<void> {
  const version = await db.datasetVersion.create({
    data: {
      dataset: "seattle-crisis",
      label: "seattle-crisis@test",
      origin: "sample",
      sourceName: "test",
      sourceUrl: "https://example.invalid",
      inputName: "fixture",
      retrievedAt: new Date(),
      sha256: "0".repeat(64),
      mappingVersion: "test",
      status: "active",
      synthetic: true,
    },
  });
  const ids = new Map<string, number>();
  for (const sourceId of Object.values(OFFICERS))
    ids.set(sourceId, (await db.officer.create({ data: { idSpace: "seattle-crisis", sourceId } })).id);
  let n = 0;
  for (const s of specs()) {
    n++;
    const templateId = `T${n}`;
    const common = {
      versionId: version.id,
      templateId,
      officerId: ids.get(s.officer)!,
      reportedDate: new Date(s.at),
      callType: "911",
      initialCallType: "X",
      finalCallType: "X",
      useOfForce: s.force ?? false,
      citRequested: false,
      citDispatched: false,
      citArrived: false,
      citCertified: false,
      officerGender: "M",
      officerRace: "White",
      precinct: s.precinct,
      sector: "K",
      beat: "K1",
    };
    await db.crisisContact.create({
      data: { ...common, contactKey: `${templateId}:${s.officer}`, dispositionGroup: "no_action", dispositionCount: 1 },
    });
    // Two disposition rows per contact: the squad count must count the contact once.
    for (const disposition of ["No action", "Referred"]) {
      await db.crisisRow.create({
        data: {
          ...common,
          sourceRow: n,
          disposition,
          subjectVeteran: "No",
          officerBureau: "PATROL",
          officerPrecinct: `${s.precinct.toUpperCase()} PCT`,
          officerSquad: s.squad,
        },
      });
    }
  }
}

export async function createTestUser(
  db: Db,
  spec: { email: string; role: Role; units?: Unit[]; password?: string | null; active?: boolean },
) {
  return db.user.create({
    data: {
      email: spec.email,
      name: spec.email.split("@")[0]!,
      role: spec.role,
      units: JSON.stringify(spec.units ?? []),
      passwordHash: spec.password === null ? null : await hashPassword(spec.password ?? "correct horse battery"),
      active: spec.active ?? true,
    },
  });
}

export async function auditActions(
  db: Db,
): Promise<
  { action: string; actorEmail: string; target: string | null; detail: Record<string, unknown>; ip: string | null }[]
> {
  const rows = await db.auditLog.findMany({ orderBy: { id: "asc" } });
  return rows.map((r) => ({
    action: r.action,
    actorEmail: r.actorEmail,
    target: r.target,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    ip: r.ip,
  }));
}
