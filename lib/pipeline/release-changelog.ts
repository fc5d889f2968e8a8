import type { PublicNote } from "@/lib/annotations/model";
import type { MethodologyEntry } from "./methodology-changelog";

/**
 * What a release holds and how two releases differ. Pure: the store (lib/pipeline/releases.ts) reads the database
 * into a ReleaseSnapshot, and the changelog is computed here from two snapshots, so every line of a changelog is a
 * fact about the data, not prose someone wrote.
 */

/** A dataset version as the release published it (the same fields as the /data page). */
export interface DatasetSnapshot {
  id: number;
  dataset: string;
  label: string;
  origin: string;
  sourceName: string;
  sourceUrl: string;
  retrievedAt: string;
  activatedAt: string | null;
  sha256: string;
  synthetic: boolean;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  periodStart: string | null;
  periodEnd: string | null;
}

/** A published headline figure (lib/pipeline/home-figures.ts), as shown. */
export interface FigureSnapshot {
  id: string;
  label: string;
  value: string;
}

export interface ReleaseSnapshot {
  methodologyVersion: string;
  /**
   * The methodology changelog text as it stood (lib/pipeline/methodology-changelog.ts), so a pinned methodology
   * page shows that release's text. Absent in releases made before it was recorded; not compared by sameSnapshot
   * (the version is: a text change comes with a new version).
   */
  methodologyChangelog?: MethodologyEntry[];
  datasets: DatasetSnapshot[];
  /** Every stored result with the SHA-256 of its payload. */
  results: { key: string; sha256: string }[];
  figures: FigureSnapshot[];
  /** Every public note (published and retired) exactly as the public saw it. */
  notes: PublicNote[];
}

interface Counted {
  from: number | null;
  to: number | null;
  change: number;
}

export interface SourceChange {
  dataset: string;
  from: { label: string; sha256: string } | null;
  to: { label: string; sha256: string } | null;
  rowsRead: Counted;
  rowsLoaded: Counted;
  rowsQuarantined: Counted;
}

export interface FigureChange {
  id: string;
  label: string;
  from: string | null;
  to: string | null;
  /** The size of the change in the figure's own unit ("+12", "-1.4 percentage points"), null when not comparable. */
  change: string | null;
}

export interface Changelog {
  /** True for the first release: everything in it is new, so nothing is listed as moved. */
  first: boolean;
  sources: SourceChange[];
  figures: FigureChange[];
  results: { added: string[]; removed: string[]; changed: string[] };
  methodology: { from: string; to: string } | null;
  notes: { published: NoteRef[]; retired: NoteRef[]; edited: NoteRef[] };
}

export interface NoteRef {
  id: number;
  title: string;
}

const counted = (from: number | null, to: number | null): Counted => ({ from, to, change: (to ?? 0) - (from ?? 0) });

/** Same datasets, same result payloads, same methodology, same public notes: nothing the public sees changed. */
export function sameSnapshot(a: ReleaseSnapshot, b: ReleaseSnapshot): boolean {
  const key = (s: ReleaseSnapshot) =>
    JSON.stringify([
      s.methodologyVersion,
      s.datasets.map((d) => [d.dataset, d.id, d.sha256]).sort(),
      s.results.map((r) => [r.key, r.sha256]).sort(),
      s.notes.map((n) => JSON.stringify(n)).sort(),
    ]);
  return key(a) === key(b);
}

/** "1,234" -> 1234, "12.5%" -> 12.5 (percent); null for anything else. */
function numeric(value: string): { n: number; percent: boolean } | null {
  const m = /^(-?[\d,]+(?:\.\d+)?)(%?)$/.exec(value.trim());
  return m ? { n: Number(m[1]!.replace(/,/g, "")), percent: m[2] === "%" } : null;
}

const signed = (n: number, digits: number) => `${n > 0 ? "+" : n < 0 ? "-" : "±"}${Math.abs(n).toFixed(digits)}`;

/** The size of a move between two shown values, in their unit; null when they cannot be compared. */
export function figureChange(from: string, to: string): string | null {
  const a = numeric(from);
  const b = numeric(to);
  if (!a || !b || a.percent !== b.percent) return null;
  if (a.percent) return `${signed(b.n - a.n, 1)} percentage points`;
  const diff = b.n - a.n;
  const rel = a.n !== 0 ? ` (${signed((diff / a.n) * 100, 1)}%)` : "";
  return `${signed(diff, 0).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${rel}`;
}

function sourceChanges(prev: DatasetSnapshot[], next: DatasetSnapshot[]): SourceChange[] {
  const names = [...new Set([...prev, ...next].map((d) => d.dataset))].sort();
  const out: SourceChange[] = [];
  for (const dataset of names) {
    const a = prev.find((d) => d.dataset === dataset) ?? null;
    const b = next.find((d) => d.dataset === dataset) ?? null;
    if (a && b && a.id === b.id) continue;
    out.push({
      dataset,
      from: a && { label: a.label, sha256: a.sha256 },
      to: b && { label: b.label, sha256: b.sha256 },
      rowsRead: counted(a?.rowsRead ?? null, b?.rowsRead ?? null),
      rowsLoaded: counted(a?.rowsLoaded ?? null, b?.rowsLoaded ?? null),
      rowsQuarantined: counted(a?.rowsQuarantined ?? null, b?.rowsQuarantined ?? null),
    });
  }
  return out;
}

function figureChanges(prev: FigureSnapshot[], next: FigureSnapshot[]): FigureChange[] {
  const ids = [...new Set([...prev, ...next].map((f) => f.id))];
  const out: FigureChange[] = [];
  for (const id of ids) {
    const a = prev.find((f) => f.id === id);
    const b = next.find((f) => f.id === id);
    // A relabelled figure (a new latest year) with the same value still moved: the label is part of the figure.
    if (a && b && a.value === b.value && a.label === b.label) continue;
    out.push({
      id,
      label: (b ?? a)!.label,
      from: a ? a.value : null,
      to: b ? b.value : null,
      change: a && b && a.label === b.label ? figureChange(a.value, b.value) : null,
    });
  }
  return out;
}

function noteChanges(prev: PublicNote[], next: PublicNote[]): Changelog["notes"] {
  const ref = (n: PublicNote): NoteRef => ({ id: n.id, title: n.title });
  const before = new Map(prev.map((n) => [n.id, n]));
  const out: Changelog["notes"] = { published: [], retired: [], edited: [] };
  for (const n of next) {
    const old = before.get(n.id);
    if (n.state === "published" && old?.state !== "published") out.published.push(ref(n));
    else if (n.state === "retired" && old?.state !== "retired") out.retired.push(ref(n));
    else if (old && JSON.stringify(old) !== JSON.stringify(n)) out.edited.push(ref(n));
  }
  return out;
}

/** The changelog of `next` against the release before it (null for the first release). */
export function computeChangelog(prev: ReleaseSnapshot | null, next: ReleaseSnapshot): Changelog {
  const empty: ReleaseSnapshot = {
    methodologyVersion: next.methodologyVersion,
    datasets: [],
    results: [],
    figures: [],
    notes: [],
  };
  const p = prev ?? empty;
  const before = new Map(p.results.map((r) => [r.key, r.sha256]));
  const after = new Map(next.results.map((r) => [r.key, r.sha256]));
  return {
    first: prev === null,
    sources: sourceChanges(p.datasets, next.datasets),
    figures: prev ? figureChanges(p.figures, next.figures) : [],
    results: {
      added: [...after.keys()].filter((k) => !before.has(k)).sort(),
      removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
      changed: [...after]
        .filter(([k, h]) => before.has(k) && before.get(k) !== h)
        .map(([k]) => k)
        .sort(),
    },
    methodology:
      prev && p.methodologyVersion !== next.methodologyVersion
        ? { from: p.methodologyVersion, to: next.methodologyVersion }
        : null,
    notes: noteChanges(p.notes, next.notes),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const delta = (n: number) =>
  n > 0 ? `+${n.toLocaleString("en-US")}` : n < 0 ? `-${(-n).toLocaleString("en-US")}` : "±0";

/** One line per change, for the feed, the CLI and the release list. */
export function changelogLines(c: Changelog): string[] {
  const lines: string[] = [];
  for (const s of c.sources) {
    if (!s.from)
      lines.push(`${s.dataset}: first version ${s.to!.label}, ${plural(s.rowsLoaded.to ?? 0, "row")} loaded`);
    else if (!s.to) lines.push(`${s.dataset}: no longer published (was ${s.from.label})`);
    else
      lines.push(
        `${s.dataset}: ${s.from.label} -> ${s.to.label}; rows loaded ${delta(s.rowsLoaded.change)} (${s.rowsLoaded.from!.toLocaleString("en-US")} -> ${s.rowsLoaded.to!.toLocaleString("en-US")}), quarantined ${delta(s.rowsQuarantined.change)}`,
      );
  }
  if (c.methodology) lines.push(`methodology ${c.methodology.from} -> ${c.methodology.to}`);
  for (const f of c.figures)
    lines.push(`${f.label}: ${f.from ?? "(none)"} -> ${f.to ?? "(none)"}${f.change ? ` (${f.change})` : ""}`);
  for (const n of c.notes.published) lines.push(`note published: ${n.title}`);
  for (const n of c.notes.retired) lines.push(`note retired: ${n.title}`);
  for (const n of c.notes.edited) lines.push(`note changed: ${n.title}`);
  const r = c.results;
  if (!c.first && r.changed.length + r.added.length + r.removed.length > 0 && c.sources.length === 0 && !c.methodology)
    lines.push(`results recomputed: ${[...r.added, ...r.changed, ...r.removed].join(", ")}`);
  if (lines.length === 0) lines.push(c.first ? "first release" : "no change to the published figures");
  return lines;
}

/** "YYYY.MM.n": the n-th release of the month (UTC) of `now`, after the numbers already taken. */
export function nextReleaseNumber(taken: readonly string[], now: Date): string {
  const prefix = `${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, "0")}.`;
  const used = taken.filter((t) => t.startsWith(prefix)).map((t) => Number(t.slice(prefix.length)));
  return `${prefix}${Math.max(0, ...used.filter(Number.isInteger)) + 1}`;
}

/** The public form of a release id, for zod at every entry point. */
export const RELEASE_NUMBER = /^\d{4}\.(0[1-9]|1[0-2])\.[1-9]\d{0,5}$/;
