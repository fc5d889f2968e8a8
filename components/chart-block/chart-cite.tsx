"use client";

import { useEffect, useState } from "react";
import { apaCitation, bibtexCitation, type CitationInput } from "@/lib/embed/citation";
import { CopyButton } from "./copy-button";

/**
 * The "Cite" part of a chart's Share tab: APA-like and BibTeX text (lib/embed/citation.ts). Drawn on the server
 * with the render's date; once hydrated, the retrieval date is the reader's today (a cached page may be older).
 */
export function ChartCite({ renderedAt, ...input }: Omit<CitationInput, "retrieved"> & { renderedAt: string }) {
  const [retrieved, setRetrieved] = useState(() => new Date(renderedAt));
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the reader's date, known only in the browser
  useEffect(() => setRetrieved(new Date()), []);
  const apa = apaCitation({ ...input, retrieved });
  const bibtex = bibtexCitation({ ...input, retrieved });
  return (
    <div className="chart-cite">
      <h3>Cite (APA)</h3>
      <p className="chart-cite__text" data-testid="cite-apa">
        {apa}
      </p>
      <CopyButton text={apa} label="Copy citation" />
      <h3>Cite (BibTeX)</h3>
      <pre className="snippet" data-testid="cite-bibtex">
        <code>{bibtex}</code>
      </pre>
      <CopyButton text={bibtex} label="Copy BibTeX" />
    </div>
  );
}
