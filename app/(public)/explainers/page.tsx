import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";

export const generateMetadata = pageMetadata("How to read the numbers", "/explainers");

const EXPLAINERS = [
  {
    href: "/explainers/odds-ratios",
    title: "Reading an odds ratio",
    text: "Odds are not probabilities: what the models' numbers mean in contacts per 1,000.",
  },
  {
    href: "/explainers/association-causation",
    title: "Association is not causation",
    text: "Why a difference between CIT-certified and other officers is not evidence that training caused it.",
  },
  {
    href: "/explainers/counting",
    title: "How we count",
    text: "A row is not a contact, and a contact is not an incident.",
  },
  {
    href: "/explainers/data-limits",
    title: "What the data cannot answer",
    text: "Gaps that future reports should fill.",
  },
  {
    href: "/methodology",
    title: "Methodology",
    text: "Every definition, mapping table and model specification, and the dataset versions.",
  },
  {
    href: "/data-dictionary",
    title: "Data dictionary and glossary",
    text: "Every column of every source, generated from the pipeline's own mappings.",
  },
];

export default async function ExplainersIndex({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers", searchParams);
  if (!page.ok) return <ReleaseParamError page={page} />;
  return (
    <>
      <h1>How to read the numbers</h1>
      <PageHead frame={page.frame} />
      <p className="lede">Data never tells the whole story. These pages say what each number can and cannot say.</p>
      <ul className="card-list">
        {EXPLAINERS.map((e) => (
          <li key={e.href}>
            <Link href={keepPin(page.frame, e.href)}>{e.title}</Link>
            <p>{e.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
