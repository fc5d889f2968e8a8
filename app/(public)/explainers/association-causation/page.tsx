import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { dispatchDifferenceText, UNIT } from "@/lib/charts/units";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { formatEstimate } from "@/lib/format";

export const generateMetadata = pageMetadata("Association is not causation", "/explainers/association-causation");

export default async function AssociationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/association-causation", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  const cit = f.cit;
  return (
    <article className="explainer">
      <h1>Association is not causation</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        The portal&apos;s models compare {UNIT.officerContact.qualified} handled by CIT-certified officers with other{" "}
        {UNIT.officerContact.many}. They show associations. They cannot show that training causes any difference.
      </p>
      {cit?.force && (
        <p data-testid="cit-association">
          In the current data, the force model&apos;s odds ratio for CIT certification is{" "}
          {formatEstimate(cit.force.oddsRatio)}
          {cit.violentCall
            ? `, against ${formatEstimate(cit.violentCall.oddsRatio)} for a violent or weapon call compared with a welfare check`
            : ""}
          . The situation matters far more than training, and neither number says what would happen if an officer took
          the course.
        </p>
      )}
      <h2>Why the comparison is not a fair test</h2>
      <ul>
        <li>
          <strong>Self-selection.</strong> CIT certification is voluntary. Officers who choose a 40-hour crisis course
          may differ from others in ways that also shape how their contacts end.
        </li>
        <li>
          <strong>Dispatch.</strong> CIT officers may be sent to different calls.{" "}
          {cit?.dispatchDifferencePp != null
            ? `Here ${dispatchDifferenceText(cit.dispatchDifferencePp)} (test p = ${cit.dispatchP !== null && cit.dispatchP < 0.001 ? "< 0.001" : cit.dispatchP?.toFixed(3)}). `
            : ""}
          The model adjusts for the call type recorded at dispatch, but not for what the dispatcher knew and did not
          record.
        </li>
        <li>
          <strong>Unmeasured factors.</strong> The data has no field for weapons, intoxication, the person&apos;s state,
          injuries, or how the encounter unfolded: exactly the factors most likely to drive force.
        </li>
        <li>
          <strong>Time.</strong> Certification grew until 2020 while much else changed (the consent decree, COVID-19,
          the 2020 protests). The model&apos;s era term and the CIT x era sensitivity model separate some of this, not
          all.
        </li>
      </ul>
      <h2>What could show causation</h2>
      <p>
        A design that assigns training independently of officers&apos; choices (for example a staggered roll-out across
        squads in an order set in advance), or data on the same officers before and after certification with comparable
        calls, together with records of weapons, injuries and the subject&apos;s state. The portal lists these gaps in{" "}
        <Link href={keepPin(page.frame, "/explainers/data-limits")}>what the data cannot answer</Link>.
      </p>
    </article>
  );
}
