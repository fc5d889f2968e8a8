import Link from "next/link";
import type { DatasetVersionDto } from "@/lib/dal/datasets";
import { formatDate } from "@/lib/format";

export function SiteFooter({ datasets }: { datasets: DatasetVersionDto[] }) {
  const lastUpdated =
    datasets
      .map((d) => d.activatedAt)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>
          <strong>Data last updated:</strong> {lastUpdated ? formatDate(lastUpdated) : "no data loaded yet"}
        </p>
        {datasets.length > 0 && (
          <ul className="footer-versions" aria-label="Dataset versions in use">
            {datasets.map((d) => (
              <li key={d.id}>
                {d.title}: <code>{d.label}</code>
              </li>
            ))}
          </ul>
        )}
        <p>
          Source: City of Seattle open data (public domain).{" "}
          <Link href="/data">Versions, provenance and row accounting</Link>.{" "}
          <Link href="/notes">Corrections and notes</Link>. Open-source software; figures are reproducible from the
          published data.
        </p>
      </div>
    </footer>
  );
}
