import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { DatasetVersionDto } from "@/lib/dal/datasets";
import { formatterFor } from "@/lib/format";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

export async function SiteFooter({ datasets }: { datasets: DatasetVersionDto[] }) {
  const [{ locale, tag }, t] = await Promise.all([requestLocale(), getTranslations("footer")]);
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
          <strong>{t("lastUpdated")}</strong> {lastUpdated ? formatterFor(tag).date(lastUpdated) : t("noData")}
        </p>
        {datasets.length > 0 && (
          <ul className="footer-versions" aria-label={t("versionsLabel")}>
            {datasets.map((d) => (
              <li key={d.id}>
                {d.title}: <code>{d.label}</code>
              </li>
            ))}
          </ul>
        )}
        <p>
          {t.rich("source", {
            data: (chunks) => <Link href={localePath(locale, "/data")}>{chunks}</Link>,
            notes: (chunks) => <Link href={localePath(locale, "/notes")}>{chunks}</Link>,
          })}
        </p>
      </div>
    </footer>
  );
}
