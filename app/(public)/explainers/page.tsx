import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestLocale } from "@/lib/i18n/locale";
import { localePath } from "@/lib/i18n/routing";

export const generateMetadata = pageMetadata(
  async () => (await getTranslations("explainers.index"))("title"),
  "/explainers",
);

// Each card's title and text: keys of explainers.index in lib/i18n/messages.
const EXPLAINERS = [
  { href: "/explainers/odds-ratios", title: "oddsRatiosTitle", text: "oddsRatiosText" },
  { href: "/explainers/association-causation", title: "associationTitle", text: "associationText" },
  { href: "/explainers/counting", title: "countingTitle", text: "countingText" },
  { href: "/explainers/data-limits", title: "dataLimitsTitle", text: "dataLimitsText" },
  { href: "/methodology", title: "methodologyTitle", text: "methodologyText" },
  { href: "/data-dictionary", title: "dictionaryTitle", text: "dictionaryText" },
] as const;

export default async function ExplainersIndex({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers", searchParams);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const [{ locale }, t] = await Promise.all([requestLocale(), getTranslations("explainers.index")]);
  return (
    <>
      <h1>{t("title")}</h1>
      <PageHead frame={page.frame} />
      <p className="lede">{t("lede")}</p>
      <ul className="card-list">
        {EXPLAINERS.map((e) => (
          <li key={e.href}>
            <Link href={keepPin(page.frame, localePath(locale, e.href))}>{t(e.title)}</Link>
            <p>{t(e.text)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
