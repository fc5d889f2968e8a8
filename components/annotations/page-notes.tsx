import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PublicNote } from "@/lib/annotations/model";
import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";
import { NoteItem } from "./note-item";

/**
 * Site-wide and page notes, once per page, folded so that they do not push the figures down. The frame is in the
 * reader's language; the notes themselves are written by staff in English and marked so (lang) in other locales.
 */
export async function PageNotes({ notes }: { notes: PublicNote[] }) {
  if (notes.length === 0) return null;
  const [{ locale }, t] = await Promise.all([requestLocale(), getTranslations("common")]);
  const notesLang = locale === DEFAULT_LOCALE ? undefined : DEFAULT_LOCALE;
  return (
    <aside className="page-notes" aria-label={t("notesLabel")} data-testid="page-notes" lang={locale}>
      <details>
        <summary>{t("notesSummary", { count: notes.length })}</summary>
        <div lang={notesLang}>
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} headingLevel={2} />
          ))}
        </div>
        <p>
          <Link href={localePath(locale, "/notes")}>{t("allNotes")}</Link>
        </p>
      </details>
    </aside>
  );
}
