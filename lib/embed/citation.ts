import { PORTAL_NAME } from "@/lib/charts/stamp";

/**
 * "Cite" text for a chart (issue 18): APA-like and BibTeX, naming the portal, the chart's title, the release when
 * the view is pinned to one, the retrieval date and the URL. Pure, so the Share tab, tests and any other consumer
 * word it the same way. Without a release there is no publication date to name: APA's "(n.d.)" plus the retrieval
 * date, and the dataset versions, which identify the numbers.
 */
export interface CitationInput {
  chartId: string;
  title: string;
  /** Absolute URL: the permalink, pinned to the release when there is one. */
  url: string;
  retrieved: Date;
  /** The release id; omitted (undefined) when the view is not pinned to one. */
  release?: string;
  /** Dataset version labels the chart was computed from (e.g. seattle-crisis@2026-11-20.1a2b3c4d). */
  dataVersions?: readonly string[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const longDay = (d: Date) =>
  d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** The year a release was published: its id starts with it (YYYY.MM.N). */
const releaseYear = (release: string) => release.slice(0, 4);

export function apaCitation(c: CitationInput): string {
  const date = c.release ? releaseYear(c.release) : "n.d.";
  const release = c.release ? ` Release ${c.release}.` : "";
  const versions = c.dataVersions?.length ? ` Data versions: ${c.dataVersions.join("; ")}.` : "";
  return `${PORTAL_NAME}. (${date}). ${c.title} [Data visualization].${release}${versions} Retrieved ${longDay(c.retrieved)}, from ${c.url}`;
}

/** BibTeX's special characters in text fields. */
const BIB_SPECIAL: Record<string, string> = { "\\": "\\textbackslash{}", "~": "\\~{}", "^": "\\^{}" };
const bibText = (s: string) => s.replace(/[\\~^{}&%$#_]/g, (ch) => BIB_SPECIAL[ch] ?? `\\${ch}`);

export function bibtexKey(c: Pick<CitationInput, "chartId" | "release" | "retrieved">): string {
  const when = c.release ? c.release.replace(/\./g, "_") : isoDay(c.retrieved).replace(/-/g, "");
  return `spd_portal_${c.chartId.replace(/[^a-z0-9]/g, "_")}_${when}`;
}

export function bibtexCitation(c: CitationInput): string {
  const note = [
    c.release ? `Release ${c.release}` : null,
    c.dataVersions?.length ? `Data versions: ${c.dataVersions.join("; ")}` : null,
    `Retrieved ${isoDay(c.retrieved)}`,
  ].filter((x): x is string => x !== null);
  const fields: [string, string][] = [
    ["author", `{${bibText(PORTAL_NAME)}}`],
    ["title", `{${bibText(c.title)}}`],
    ...(c.release ? ([["year", releaseYear(c.release)]] as [string, string][]) : []),
    ["howpublished", "Data visualization"],
    // biblatex reads url verbatim; BibTeX passes braces' content through.
    ["url", c.url],
    ["urldate", isoDay(c.retrieved)],
    ["note", bibText(note.join(". "))],
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  return `@misc{${bibtexKey(c)},\n${fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(",\n")}\n}`;
}
