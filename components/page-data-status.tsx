import { SYNTHETIC_STAMP } from "@/lib/charts/stamp";
import { getActiveDatasets } from "@/lib/dal/datasets";

/**
 * Under a page's title: which of the page's figures come from a generated sample. The site banner names the
 * synthetic dataset; this says what it means for the page in hand (every figure, or all but the named ones).
 */
export async function PageDataStatus({ datasets, realExceptions }: { datasets: string[]; realExceptions?: string }) {
  const active = (await getActiveDatasets()).filter((d) => datasets.includes(d.dataset));
  const synthetic = active.filter((d) => d.synthetic);
  if (synthetic.length === 0) return null;
  const all = synthetic.length === active.length;
  return (
    <p className="synthetic-page-note" role="note" aria-label="Data status of this page" data-testid="page-data-status">
      <strong>{SYNTHETIC_STAMP}.</strong>{" "}
      {all && !realExceptions
        ? "Every figure on this page is computed from a generated sample that follows the published schema. It illustrates the method and must not be cited."
        : `Every figure on this page is computed from a generated sample, except ${realExceptions ?? "those marked as real"}. Each chart says which data it uses.`}
    </p>
  );
}
