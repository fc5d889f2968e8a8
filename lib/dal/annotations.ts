import "server-only";
import { annotateChart } from "@/lib/charts/notes";
import type { PublicNote } from "@/lib/annotations/model";
import { annotationsStamp, listPublicNotes } from "@/lib/annotations/store";
import { publishChart } from "@/lib/charts/publish";
import type { ChartData } from "@/lib/charts/types";
import { db } from "@/lib/db/client";
import { pinnedHref } from "@/lib/charts/types";
import { latestReleaseNumber, pinnedRelease } from "./releases";

/**
 * Published annotations for the public pages and downloads. The list is kept in memory and re-read only when the
 * annotations' stamp (count and latest change, one small query) moves, so a note a reviewer publishes or retires is
 * shown or gone on the next request, on every app instance sharing the database. Drafts and notes in review are never
 * read here.
 */
let cached: { stamp: string; notes: PublicNote[] } | null = null;

export async function getPublicNotes(): Promise<PublicNote[]> {
  // A pinned release shows the notes as they were public then (lib/dal/releases.ts).
  const pin = pinnedRelease();
  if (pin) return pin.notes;
  const stamp = await annotationsStamp(db());
  if (cached?.stamp !== stamp) cached = { stamp, notes: await listPublicNotes(db()) };
  return cached.notes;
}

const published = (notes: PublicNote[]) => notes.filter((n) => n.state === "published");

/** Published charts (lib/charts/publish.ts) with their applicable notes and time-axis markers; `precinct` is the precinct the charts are filtered to. */
export async function annotateCharts(charts: ChartData[], precinct: string | null = null): Promise<ChartData[]> {
  if (charts.length === 0) return charts;
  const notes = published(await getPublicNotes());
  const pin = pinnedRelease();
  const release = pin
    ? { number: pin.number, pinned: true }
    : await latestReleaseNumber().then((n) => (n ? { number: n, pinned: false } : null));
  // Every chart the DAL serves passes here: publishChart applies the small-count, rounding, coverage and data-status
  // rules once for pages, CSVs, the aggregates API and images. A pinned chart's CSV link stays pinned.
  return charts.map((c) => ({
    ...annotateChart(publishChart(c), notes, precinct),
    ...(pin ? { csvHref: pinnedHref(c.csvHref, pin.number) } : {}),
    release,
  }));
}

/** Notes for a page as a whole: site-wide ones and those written for this page. */
export async function getPageNotes(path: string): Promise<PublicNote[]> {
  return published(await getPublicNotes()).filter(
    (n) => n.scopeKind === "site" || (n.scopeKind === "page" && n.scopeTarget === path),
  );
}

/** Notes about a dataset as a whole (row extracts): site-wide ones and those for the dataset. */
export async function getDatasetNotes(datasets: readonly string[]): Promise<PublicNote[]> {
  return published(await getPublicNotes()).filter(
    (n) => n.scopeKind === "site" || (n.scopeKind === "dataset" && datasets.includes(n.scopeTarget)),
  );
}

/** The public "Corrections and notes" page: every published note, and retired ones with their retirement date. */
export async function getNotesPage(): Promise<{ published: PublicNote[]; retired: PublicNote[] }> {
  const notes = await getPublicNotes();
  const byDate = (a: PublicNote, b: PublicNote) => (b.dateStart ?? "").localeCompare(a.dateStart ?? "") || b.id - a.id;
  return {
    published: published(notes).sort(byDate),
    retired: notes
      .filter((n) => n.state === "retired")
      .sort((a, b) => (b.retiredAt ?? "").localeCompare(a.retiredAt ?? "")),
  };
}
