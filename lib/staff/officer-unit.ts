import type { OfficerUnit } from "@/lib/auth/roles";

/**
 * An officer's unit, as the crisis data shows it, for supervisors' unit scope:
 *
 * - The window is the last 12 months of the data: from 12 calendar months before the latest reported date in the
 *   active crisis version up to that date (the data's end, not today: published data lags).
 * - precinct: the precinct where most of the officer's contacts in the window occurred (CrisisContact.precinct,
 *   contacts = Template ID + Officer ID). squad: the HR squad (CrisisRow.officerSquad) on most of those contacts.
 * - "Unknown" and blank values never make a unit. Ties go to the value of the most recent contact, then A-Z.
 * - An officer with no contact in the window has no unit: supervisors cannot see them, analysts and admins can.
 */
export const UNIT_WINDOW_MONTHS = 12;

export function unitWindow(dataEnd: Date): { start: Date; end: Date } {
  const start = new Date(dataEnd);
  start.setUTCMonth(start.getUTCMonth() - UNIT_WINDOW_MONTHS);
  return { start, end: dataEnd };
}

const meaningful = (v: string | null | undefined): v is string =>
  !!v && v.trim() !== "" && !/^unknown$/i.test(v.trim()) && v.trim() !== "-";

interface Tally {
  count: number;
  lastAt: number;
}

/** The most frequent value; ties to the most recent, then alphabetical. */
function mode(tallies: Map<string, Tally>): string | null {
  const ranked = [...tallies.entries()].sort(
    (a, b) => b[1].count - a[1].count || b[1].lastAt - a[1].lastAt || a[0].localeCompare(b[0]),
  );
  return ranked[0]?.[0] ?? null;
}

function add(map: Map<string, Tally>, key: string, at: number) {
  const t = map.get(key) ?? { count: 0, lastAt: 0 };
  t.count++;
  t.lastAt = Math.max(t.lastAt, at);
  map.set(key, t);
}

export interface WindowContact {
  officerId: number;
  templateId: string;
  reportedDate: Date;
  precinct: string;
}
export interface WindowSquadRow {
  officerId: number;
  templateId: string;
  reportedDate: Date;
  officerSquad: string;
}

export interface DerivedUnit extends OfficerUnit {
  contactsInWindow: number;
  precinctCounts: { precinct: string; contacts: number }[];
}

/** Units for every officer with contacts in the window (inputs must already be limited to the window). */
export function deriveUnits(contacts: WindowContact[], squadRows: WindowSquadRow[]): Map<number, DerivedUnit> {
  const precincts = new Map<number, Map<string, Tally>>();
  const totals = new Map<number, number>();
  for (const c of contacts) {
    totals.set(c.officerId, (totals.get(c.officerId) ?? 0) + 1);
    const label = meaningful(c.precinct) ? c.precinct.trim() : "Unknown";
    const m = precincts.get(c.officerId) ?? new Map<string, Tally>();
    add(m, label, c.reportedDate.getTime());
    precincts.set(c.officerId, m);
  }
  // Rows are dispositions: count each contact (template) once per squad.
  const squads = new Map<number, Map<string, Tally>>();
  const seen = new Set<string>();
  for (const r of squadRows) {
    if (!meaningful(r.officerSquad)) continue;
    const key = `${r.officerId}\u0000${r.templateId}\u0000${r.officerSquad}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = squads.get(r.officerId) ?? new Map<string, Tally>();
    add(m, r.officerSquad.trim(), r.reportedDate.getTime());
    squads.set(r.officerId, m);
  }
  const units = new Map<number, DerivedUnit>();
  for (const [officerId, tallies] of precincts) {
    const known = new Map([...tallies].filter(([k]) => k !== "Unknown"));
    units.set(officerId, {
      precinct: mode(known),
      squad: mode(squads.get(officerId) ?? new Map()),
      contactsInWindow: totals.get(officerId) ?? 0,
      precinctCounts: [...tallies]
        .map(([precinct, t]) => ({ precinct, contacts: t.count }))
        .sort((a, b) => b.contacts - a.contacts || a.precinct.localeCompare(b.precinct)),
    });
  }
  return units;
}

export const NO_UNIT: DerivedUnit = { precinct: null, squad: null, contactsInWindow: 0, precinctCounts: [] };

/** Contacts per calendar month (UTC, as the data's wall-clock dates are stored), oldest first. */
export function contactsByMonth(
  contacts: { reportedDate: Date; useOfForce: boolean }[],
): { month: string; contacts: number; withForce: number }[] {
  const months = new Map<string, { contacts: number; withForce: number }>();
  for (const c of contacts) {
    const month = c.reportedDate.toISOString().slice(0, 7);
    const m = months.get(month) ?? { contacts: 0, withForce: 0 };
    m.contacts++;
    if (c.useOfForce) m.withForce++;
    months.set(month, m);
  }
  return [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month, ...m }));
}
