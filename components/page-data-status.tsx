import { getTranslations } from "next-intl/server";
import { SYNTHETIC_STAMP } from "@/lib/charts/stamp";
import { getActiveDatasets } from "@/lib/dal/datasets";
import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { requestLocale } from "@/lib/i18n/locale";

/**
 * Under a page's title: which of the page's figures come from a generated sample. The site banner names the
 * synthetic dataset; this says what it means for the page in hand (every figure, or all but the named ones).
 */
export async function PageDataStatus({ datasets, realExceptions }: { datasets: string[]; realExceptions?: string }) {
  const active = (await getActiveDatasets()).filter((d) => datasets.includes(d.dataset));
  const synthetic = active.filter((d) => d.synthetic);
  const all = synthetic.length === active.length;
  return (
    <>
      <PageFreshness datasets={datasets} />
      {synthetic.length > 0 && <SyntheticNote all={all} realExceptions={realExceptions} />}
    </>
  );
}

/**
 * Under a page's title: a source that has not changed for longer than its expected cadence, in plain words, so a
 * stopped feed is never read as a drop in incidents (lib/ingest/freshness.ts). Nothing when every source is current.
 * The sentence itself is still English (lib/ingest writes it) and marked so in other locales.
 */
export async function PageFreshness({ datasets }: { datasets: string[] }) {
  const stale = (await getActiveDatasets()).flatMap((d) =>
    datasets.includes(d.dataset) && d.freshness.state === "stale" ? [d.freshness.sentence] : [],
  );
  if (stale.length === 0) return null;
  const [{ locale }, t] = await Promise.all([requestLocale(), getTranslations("common")]);
  return stale.map((sentence) => (
    <p
      key={sentence}
      className="synthetic-page-note"
      role="note"
      aria-label={t("freshnessLabel")}
      data-testid="data-freshness"
    >
      <strong>{t("notUpdated")}</strong>{" "}
      <span lang={locale === DEFAULT_LOCALE ? undefined : DEFAULT_LOCALE}>{sentence}</span>
    </p>
  ));
}

function SyntheticNote({ all, realExceptions }: { all: boolean; realExceptions?: string }) {
  return (
    <p className="synthetic-page-note" role="note" aria-label="Data status of this page" data-testid="page-data-status">
      <strong>{SYNTHETIC_STAMP}.</strong>{" "}
      {all && !realExceptions
        ? "Every figure on this page is computed from a generated sample that follows the published schema. It illustrates the method and must not be cited."
        : `Every figure on this page is computed from a generated sample, except ${realExceptions ?? "those marked as real"}. Each chart says which data it uses.`}
    </p>
  );
}
