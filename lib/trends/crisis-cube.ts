import type { Db } from "@/lib/db/client";
import { mostSerious, type DispositionGroup } from "@/lib/ingest/sources/crisis-dispositions";

/**
 * Crisis contacts aggregated by month x precinct x initial call type, at the level of the crisis template (one
 * person in one crisis contact). The trend pages filter and sum these cells; because each template is attributed
 * to exactly one cell (that of its earliest officer record), sums over cells never double count.
 *
 * Template-level definitions: force = any officer reported force; disposition = the most serious over all its
 * rows; "CIT-certified" = at least one responding officer was certified; requested/dispatched/arrived = any.
 */
export interface CrisisCell {
  month: string; // YYYY-MM of the reported date
  precinct: string;
  callType: string; // Initial Call Type
  templates: number;
  withForce: number;
  arrest: number;
  emergentDetention: number;
  referral: number;
  noAction: number;
  dispositionUnknown: number;
  /** Ended in arrest or had reported force (the union, which the two counts above cannot give). */
  arrestOrForce: number;
  citCertified: number;
  citRequested: number;
  citDispatched: number;
  citArrived: number;
}

export interface CrisisCube {
  versionId: number;
  cells: CrisisCell[];
  precincts: string[];
  callTypes: { callType: string; templates: number }[];
  months: string[];
  /** First and last reported date of any contact (YYYY-MM-DD), so that a period the data start or end inside is
   * detected as partial at day precision (results stored before these fields existed lack them). */
  firstDate?: string | null;
  lastDate?: string | null;
}

/**
 * Where the filtered cells start and end, for partialPeriods: the data's own first/last date (day precision) when
 * the cells reach that month, else no start (a `from` filter or a precinct's first month is the reader's start) and
 * the last month (a `to` filter ends with a whole month).
 */
export function crisisSpan(
  cube: Pick<CrisisCube, "firstDate" | "lastDate" | "months">,
  cells: readonly Pick<CrisisCell, "month">[],
): { first: string | null; last: string | undefined } {
  if (cells.length === 0) return { first: null, last: undefined };
  const months = cells.map((c) => c.month);
  const [firstMonth, lastMonth] = [months.reduce((a, b) => (b < a ? b : a)), months.reduce((a, b) => (b > a ? b : a))];
  const firstDate = cube.firstDate ?? (cube.months[0] ? `${cube.months[0]}-01` : null);
  return {
    first: firstDate?.slice(0, 7) === firstMonth ? firstDate : null,
    last: cube.lastDate?.slice(0, 7) === lastMonth ? cube.lastDate : lastMonth,
  };
}

const DISPOSITION_FIELD: Record<DispositionGroup, keyof CrisisCell> = {
  arrest: "arrest",
  emergent_detention: "emergentDetention",
  referral: "referral",
  no_action: "noAction",
  unknown: "dispositionUnknown",
};

export async function crisisCube(db: Db, versionId: number): Promise<CrisisCube> {
  const contacts = await db.crisisContact.findMany({
    where: { versionId },
    select: {
      templateId: true,
      reportedDate: true,
      precinct: true,
      initialCallType: true,
      useOfForce: true,
      dispositionGroup: true,
      citCertified: true,
      citRequested: true,
      citDispatched: true,
      citArrived: true,
    },
    orderBy: { reportedDate: "asc" },
  });
  type T = {
    month: string;
    precinct: string;
    callType: string;
    force: boolean;
    group: DispositionGroup;
    cert: boolean;
    req: boolean;
    disp: boolean;
    arr: boolean;
  };
  const templates = new Map<string, T>();
  for (const c of contacts) {
    const t = templates.get(c.templateId);
    const group = c.dispositionGroup as DispositionGroup;
    if (!t) {
      templates.set(c.templateId, {
        month: c.reportedDate.toISOString().slice(0, 7),
        precinct: c.precinct,
        callType: c.initialCallType,
        force: c.useOfForce,
        group,
        cert: c.citCertified,
        req: c.citRequested,
        disp: c.citDispatched,
        arr: c.citArrived,
      });
    } else {
      t.force ||= c.useOfForce;
      t.group = mostSerious(t.group, group);
      t.cert ||= c.citCertified;
      t.req ||= c.citRequested;
      t.disp ||= c.citDispatched;
      t.arr ||= c.citArrived;
    }
  }
  const cells = new Map<string, CrisisCell>();
  const callTypeTotals = new Map<string, number>();
  for (const t of templates.values()) {
    const key = `${t.month}|${t.precinct}|${t.callType}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        month: t.month,
        precinct: t.precinct,
        callType: t.callType,
        templates: 0,
        withForce: 0,
        arrest: 0,
        emergentDetention: 0,
        referral: 0,
        noAction: 0,
        dispositionUnknown: 0,
        arrestOrForce: 0,
        citCertified: 0,
        citRequested: 0,
        citDispatched: 0,
        citArrived: 0,
      };
      cells.set(key, cell);
    }
    cell.templates++;
    if (t.force) cell.withForce++;
    (cell[DISPOSITION_FIELD[t.group]] as number)++;
    if (t.force || t.group === "arrest") cell.arrestOrForce++;
    if (t.cert) cell.citCertified++;
    if (t.req) cell.citRequested++;
    if (t.disp) cell.citDispatched++;
    if (t.arr) cell.citArrived++;
    callTypeTotals.set(t.callType, (callTypeTotals.get(t.callType) ?? 0) + 1);
  }
  const all = [...cells.values()];
  return {
    versionId,
    cells: all,
    precincts: [...new Set(all.map((c) => c.precinct))].sort(),
    callTypes: [...callTypeTotals]
      .map(([callType, n]) => ({ callType, templates: n }))
      .sort((a, b) => b.templates - a.templates),
    months: [...new Set(all.map((c) => c.month))].sort(),
    firstDate: contacts[0]?.reportedDate.toISOString().slice(0, 10) ?? null,
    lastDate: contacts.at(-1)?.reportedDate.toISOString().slice(0, 10) ?? null,
  };
}
