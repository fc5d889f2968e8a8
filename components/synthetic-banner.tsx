import Link from "next/link";
import type { DatasetVersionDto } from "@/lib/dal/datasets";

/** Shown on every page while any served dataset is the synthetic sample, so nobody mistakes it for real data. */
export function SyntheticBanner({ datasets }: { datasets: DatasetVersionDto[] }) {
  const synthetic = datasets.filter((d) => d.synthetic);
  if (synthetic.length === 0) return null;
  return (
    <div className="synthetic-banner" role="note" aria-label="Synthetic data notice">
      <strong>Synthetic data:</strong> {synthetic.map((d) => d.title).join(" and ")}{" "}
      {synthetic.length > 1 ? "are" : "is"} a generated sample that follows the real schema, not Seattle&apos;s records.
      Figures from {synthetic.length > 1 ? "them" : "it"} illustrate the portal and must not be cited.{" "}
      <Link href="/data">Why?</Link>
    </div>
  );
}
