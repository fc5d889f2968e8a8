import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { homeFigures } from "@/lib/pipeline/home-figures";
import { getActiveDatasets } from "./datasets";
import { getResult } from "./results";

/**
 * The home page's data: the headline figures (the same ones every release records, lib/pipeline/home-figures.ts),
 * the yearly results they come from and the datasets served. Inside `withRelease` all of it is that release's. The
 * figures' sentences are written in the reader's language from the same numbers.
 */
export async function getHomePage(locale: Locale = "en") {
  const [uof, crisis, datasets] = await Promise.all([
    getResult("uof.yearly"),
    getResult("crisis.yearly"),
    getActiveDatasets(),
  ]);
  const lastUpdated =
    datasets
      .map((d) => d.activatedAt)
      .filter(Boolean)
      .sort()
      .at(-1) ?? null;
  return {
    uof,
    crisis,
    datasets,
    figures: homeFigures(uof?.payload ?? null, crisis?.payload ?? null, locale),
    lastUpdated,
  };
}
