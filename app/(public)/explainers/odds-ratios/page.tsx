import { keepPin, PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import Link from "next/link";
import { IconArray } from "@/components/explainers/icon-array";
import { OddsPlayground } from "@/components/explainers/odds-playground";
import { UNIT } from "@/lib/charts/units";
import { getExplainerFigures } from "@/lib/dal/explainers";
import { describeOddsRatio, extraPerThousand } from "@/lib/explainers/odds";
import { formatInt, formatPercent } from "@/lib/format";

export const generateMetadata = pageMetadata("Reading an odds ratio", "/explainers/odds-ratios");

export default async function OddsRatiosPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/explainers/odds-ratios", searchParams, getExplainerFigures);
  if (!page.ok) return <ReleaseParamError page={page} />;
  const f = page.data;
  const p0 = f.crisis?.forceRate ?? null;
  const citOr = f.cit?.force?.oddsRatio ?? null;
  // One number for one quantity: the CIT effect in contacts is the model's average marginal effect, the figure /cit
  // shows (rounded to 0.1 there and here); the baseline-only formula is the fallback when it is missing.
  const extra = citOr === null || p0 === null ? 0 : (f.cit?.force?.ame?.perThousand ?? extraPerThousand(p0, citOr));
  const pctLikely = citOr === null ? 0 : Math.round(Math.abs(citOr - 1) * 100);
  return (
    <article className="explainer">
      <h1>Reading an odds ratio</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Models on this site report odds ratios. An odds ratio is not a probability, and a big-sounding odds ratio can
        mean a small change in how often something happens.
      </p>
      {p0 === null ? (
        <p>No crisis data is loaded, so the live example below cannot be shown.</p>
      ) : (
        <>
          <h2>Odds are not probabilities</h2>
          <p data-testid="baseline-sentence">
            In the current data ({f.crisis!.synthetic ? "synthetic sample " : ""}
            <code>{f.crisis!.label}</code>), force is used in {formatPercent(p0)} of {UNIT.officerContact.qualified},
            the unit of the CIT models: about {Math.round(p0 * 1000)} in every 1,000 (counted by{" "}
            {UNIT.crisisContact.qualified}, {formatPercent(f.crisis!.templateForceRate)}). The <em>probability</em> is{" "}
            {p0.toFixed(4)}; the <em>odds</em> are force against no force, {p0.toFixed(4)} / {(1 - p0).toFixed(4)} ={" "}
            {(p0 / (1 - p0)).toFixed(4)}. When an event is rare, odds and probability are close; an odds ratio then
            multiplies a small number.
          </p>
          <h2>What the CIT odds ratio means in {UNIT.officerContact.many}</h2>
          {citOr !== null ? (
            <p data-testid="cit-sentence">
              The force model estimates that {UNIT.officerContact.many} handled by a CIT-certified officer have an odds
              ratio of {citOr.toFixed(2)} (95% interval {f.cit!.force!.ciLow.toFixed(2)} to{" "}
              {f.cit!.force!.ciHigh.toFixed(2)}): {describeOddsRatio(citOr)}, holding the model&apos;s other factors
              fixed. In {UNIT.officerContact.many} that is about {Math.abs(extra).toFixed(1)}{" "}
              {extra >= 0 ? "more" : "fewer"} uses of force per 1,000 {UNIT.officerContact.many} (the model&apos;s
              average marginal effect, the figure on the CIT page), against a baseline of {Math.round(p0 * 1000)} per
              1,000. Saying CIT-certified officers are &quot;{pctLikely}% {citOr >= 1 ? "more" : "less"} likely to use
              force&quot; would be badly misleading.
            </p>
          ) : (
            <p>The CIT models have not been computed for this dataset version yet.</p>
          )}
          <figure>
            <IconArray base={Math.round(p0 * 1000)} extra={citOr !== null ? Math.round(extra) : 0} />
            <figcaption>
              1,000 {UNIT.officerContact.many}. Dark: {UNIT.officerContact.many} with force at the current rate (
              {formatInt(Math.round(p0 * 1000))}).
              {citOr !== null &&
                ` Light: the additional ${UNIT.officerContact.many} the CIT term implies (about ${Math.abs(extra).toFixed(1)} per 1,000, drawn to the nearest whole contact).`}
            </figcaption>
          </figure>
          <h2>Try it</h2>
          <OddsPlayground baseline={p0} initialOddsRatio={citOr ?? 1.13} />
        </>
      )}
      <h2>A multinomial odds ratio compares with the reference outcome</h2>
      <p>
        The disposition model compares each outcome with <strong>no action</strong>.{" "}
        {f.cit?.arrest
          ? `Its CIT odds ratio for arrest, ${f.cit.arrest.oddsRatio.toFixed(2)}, means the odds of an arrest rather than no action are ${describeOddsRatio(f.cit.arrest.oddsRatio)} for certified officers`
          : "An odds ratio for arrest means the odds of an arrest rather than no action"}{" "}
        — not that arrests are that much more likely than every other outcome. An outcome can become more likely against
        &quot;no action&quot; while its share of all {UNIT.officerContact.many} barely moves.
      </p>
      <h2>Association, not causation</h2>
      <p>
        Every odds ratio here describes an association in observational data. Read{" "}
        <Link href={keepPin(page.frame, "/explainers/association-causation")}>why association is not causation</Link>{" "}
        before drawing a conclusion about training.
      </p>
    </article>
  );
}
