import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

export default async function NotFound() {
  const [{ locale }, t] = await Promise.all([requestLocale(), getTranslations("notFound")]);
  // data-page-message: the layout's untranslated-page notice is hidden beside it (globals.css); lang: the layout marks
  // an untranslated address's content English, and this page is translated.
  return (
    <div lang={locale} data-page-message>
      <h1>{t("title")}</h1>
      <p>
        {t.rich("body", {
          home: (chunks) => <Link href={localePath(locale, "/")}>{chunks}</Link>,
          data: (chunks) => <Link href={localePath(locale, "/data")}>{chunks}</Link>,
        })}
      </p>
    </div>
  );
}
