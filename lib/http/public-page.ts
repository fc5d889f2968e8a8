import "server-only";
import { notFound } from "next/navigation";
import { getPageNotes } from "@/lib/dal/annotations";
import { getActiveDatasets } from "@/lib/dal/datasets";
import { resolveReleaseParam, withRelease, type PinnedRelease } from "@/lib/dal/releases";

/**
 * The frame of every public page (issue 18): `?release=ID` resolved once, the page's data loaded inside
 * `withRelease` together with everything the page's head shows (its notes, freshness, the synthetic-data note), so
 * one pin spans the whole render. Why here and not in each component: AsyncLocalStorage does not span React's
 * render of child server components, so a child that read the DAL itself would read the latest release on a pinned
 * page. Pages therefore load everything through `publicPage` and pass the results down (components/page-frame.tsx).
 *
 * A malformed id is answered with a message on the page (a page cannot set a 400 status; the chart CSV and embed
 * answer 400), an unknown or pruned one with the 404 page.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

export interface PageRelease {
  number: string;
  createdAt: string;
  methodologyVersion: string;
  methodology: PinnedRelease["methodology"];
}

export interface PageFrame {
  /** The page's path, as listed in PUBLIC_PAGES (lib/annotations/targets.ts): what page notes are scoped to. */
  path: string;
  /** The page with its other parameters and without the pin: "see the latest". */
  latestHref: string;
  release: PageRelease | null;
  /** Site-wide notes and those for this page, as published at the pinned release (or now). */
  notes: Awaited<ReturnType<typeof getPageNotes>>;
  /** Plain sentences for sources that stopped updating (never for a pinned release: it says what it held). */
  freshness: string[];
  /** Set when the page's datasets include the generated sample and the page says so under its title. */
  synthetic: { all: boolean; realExceptions?: string } | null;
}

export type PublicPage<T> =
  | { ok: true; frame: PageFrame; data: T }
  | { ok: false; frame: Pick<PageFrame, "path" | "latestHref">; message: string };

export interface PageOptions {
  /** The datasets the page's figures come from: stale ones are named under the title. */
  datasets?: string[];
  /** Also say under the title which figures come from the generated sample (the synthetic-data note). */
  dataStatus?: boolean;
  realExceptions?: string;
  /**
   * The listed page whose page notes it shows, for a page not in PUBLIC_PAGES (notes can only be scoped to listed
   * pages): a release's own page, /releases/{id}, shows those of /releases.
   */
  notesOf?: string;
}

/** The page's address without `release` (other parameters kept, in their order). */
export function latestHrefOf(path: string, params: SearchParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (k !== "release") for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function publicPage<T = null>(
  path: string,
  searchParams: SearchParams | Promise<SearchParams> | undefined,
  load: (params: SearchParams) => Promise<T> = async () => null as T,
  options: PageOptions = {},
): Promise<PublicPage<T>> {
  const all = (await searchParams) ?? {};
  const { release: raw, ...params } = all;
  const latestHref = latestHrefOf(path, all);
  const pin = await resolveReleaseParam(raw);
  if (!pin.ok) {
    if (pin.error.code === "not_found") notFound();
    return { ok: false, frame: { path, latestHref }, message: pin.error.message };
  }
  return withRelease(pin.value, async () => {
    const [data, notes, datasets] = await Promise.all([
      load(params),
      getPageNotes(options.notesOf ?? path),
      getActiveDatasets(),
    ]);
    const used = datasets.filter((d) => options.datasets?.includes(d.dataset));
    const synthetic = used.filter((d) => d.synthetic);
    const r = pin.value;
    return {
      ok: true,
      data,
      frame: {
        path,
        latestHref,
        release: r
          ? {
              number: r.number,
              createdAt: r.createdAt,
              methodologyVersion: r.methodologyVersion,
              methodology: r.methodology,
            }
          : null,
        notes,
        freshness: used.flatMap((d) => (d.freshness.state === "stale" ? [d.freshness.sentence] : [])),
        synthetic:
          options.dataStatus && synthetic.length > 0
            ? { all: synthetic.length === used.length, realExceptions: options.realExceptions }
            : null,
      },
    };
  });
}
