import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { DatasetVersionDto } from "@/lib/dal/datasets";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

/** Shown on every page while any served dataset is the synthetic sample, so nobody mistakes it for real data. */
export async function SyntheticBanner({ datasets }: { datasets: DatasetVersionDto[] }) {
  const synthetic = datasets.filter((d) => d.synthetic);
  if (synthetic.length === 0) return null;
  const [{ locale }, t, format] = await Promise.all([requestLocale(), getTranslations("banner"), getFormatter()]);
  const titles = format.list(
    synthetic.map((d) => d.title),
    { type: "conjunction" },
  );
  return (
    <div className="synthetic-banner" role="note" aria-label={t("label")}>
      <strong>{t("heading")}</strong> {t("text", { titles, count: synthetic.length })}{" "}
      <Link href={localePath(locale, "/data")}>{t("why")}</Link>
    </div>
  );
}
