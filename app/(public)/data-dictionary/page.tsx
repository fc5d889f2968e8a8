import { PageHead, ReleaseParamError } from "@/components/page-frame";
import { publicPage, type SearchParams } from "@/lib/http/public-page";
import { pageMetadata } from "@/lib/http/social-meta";
import { SOURCES } from "@/lib/ingest/sources";

export const generateMetadata = pageMetadata("Data dictionary and glossary", "/data-dictionary");

const GLOSSARY: [string, string][] = [
  [
    "Crisis template",
    "SPD's record of one person in one crisis contact, identified by Template ID. The unit the portal counts as a crisis contact.",
  ],
  [
    "Officer contact",
    "One crisis template handled by one officer (Template ID + Officer ID). The unit of the CIT models.",
  ],
  ["Disposition", "How a crisis contact ended, as reported by the officer. A template can have several."],
  ["CIT", "Crisis Intervention Team training. CIT-certified officers completed a 40-hour course."],
  ["Use-of-force incident", "One Incident_Num in the Use of Force data; it can involve several officers and subjects."],
  [
    "Level 1 / 2 / 3 / OIS",
    "SPD's force levels: transient pain; injury or expected injury; substantial injury; officer-involved shooting.",
  ],
  ["Odds ratio", "How a factor multiplies the odds (not the probability) of an outcome. See Reading an odds ratio."],
  [
    "95% interval",
    "A range that would contain the true value in 95% of repeated samples; wide intervals mean uncertain figures.",
  ],
  ["Dataset version", "One load of a source file or API pull, identified by the SHA-256 of its input."],
  ["Quarantined row", "A source row that failed validation; kept with its reason, never used in figures."],
];

export default async function DataDictionaryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await publicPage("/data-dictionary", searchParams);
  if (!page.ok) return <ReleaseParamError page={page} />;
  return (
    <article className="explainer">
      <h1>Data dictionary and glossary</h1>
      <PageHead frame={page.frame} />
      <p className="lede">
        Every column the pipeline reads, with its meaning and how it is cleaned. Generated from the pipeline&apos;s own
        source mappings, so it cannot drift from what is loaded.
      </p>
      {Object.values(SOURCES).map((m) => (
        <section key={m.dataset} aria-labelledby={`dict-${m.dataset}`}>
          <h2 id={`dict-${m.dataset}`}>{m.title}</h2>
          <p>
            Source: <a href={m.sourceUrl}>{m.sourceName}</a>. Mapping version <code>{m.mappingVersion}</code>.
          </p>
          <div className="table-scroll" role="region" aria-label={`Table: columns of ${m.title}`} tabIndex={0}>
            <table className="data-table" data-testid={`dictionary-${m.dataset}`}>
              <thead>
                <tr>
                  <th scope="col">Column (export)</th>
                  <th scope="col">API field</th>
                  <th scope="col">Meaning</th>
                  <th scope="col">Cleaning</th>
                  <th scope="col">Required</th>
                </tr>
              </thead>
              <tbody>
                {m.columns.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.aliases[0]}</th>
                    <td>
                      <code>{c.aliases.find((a) => /^[a-z_]+$/.test(a)) ?? c.aliases[1] ?? c.key}</code>
                    </td>
                    <td>{c.description}</td>
                    <td>{c.normalisation}</td>
                    <td>{c.required ? "yes" : "no"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section aria-labelledby="glossary">
        <h2 id="glossary">Glossary</h2>
        <dl className="facts">
          {GLOSSARY.map(([t, d]) => [<dt key={`${t}-t`}>{t}</dt>, <dd key={`${t}-d`}>{d}</dd>])}
        </dl>
      </section>
    </article>
  );
}
