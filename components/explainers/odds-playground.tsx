"use client";

import { useId, useState } from "react";
import { applyOddsRatio } from "@/lib/explainers/odds";
import { IconArray } from "./icon-array";

/**
 * The playground's words, translated on the server (explainers.odds in lib/i18n/messages): the templates arrive raw
 * with {name} slots filled here, so no catalogue or message formatter is sent to the browser.
 */
export interface PlaygroundText {
  label: string;
  sentence: string;
  more: string;
  fewer: string;
  higher: string;
  lower: string;
  baseline: string;
  added: string;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);

/** Move the odds ratio and watch what it means in contacts per 1,000 at the portal's current baseline. */
export function OddsPlayground({
  baseline,
  initialOddsRatio,
  text,
  locale = "en-US",
}: {
  baseline: number;
  initialOddsRatio: number;
  text: PlaygroundText;
  /** BCP 47 tag for the numbers (English: toFixed, as before). */
  locale?: string;
}) {
  const [or, setOr] = useState(initialOddsRatio);
  const id = useId();
  const fixed = (x: number, digits: number) =>
    locale === "en-US"
      ? x.toFixed(digits)
      : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  const describe = fill(or >= 1 ? text.higher : text.lower, { pct: String(Math.round(Math.abs(or - 1) * 100)) });
  const base = Math.round(baseline * 1000);
  const after = applyOddsRatio(baseline, or) * 1000;
  // The difference is rounded once, to 0.1 (as every per-1,000 figure on the site); the icons draw whole contacts.
  const extra = Math.round((after - baseline * 1000) * 10) / 10;
  const change = fill(extra >= 0 ? text.more : text.fewer, { n: fixed(Math.abs(extra), 1) });
  return (
    <div className="playground">
      <label htmlFor={id}>
        {text.label} <strong>{fixed(or, 2)}</strong> ({describe})
      </label>
      <input
        id={id}
        type="range"
        min={0.5}
        max={3}
        step={0.01}
        value={or}
        onChange={(e) => setOr(Number(e.target.value))}
      />
      <p aria-live="polite" data-testid="playground-sentence">
        {fill(text.sentence, { base: String(base), describe, after: fixed(after, 1), change })}
      </p>
      <IconArray base={Math.min(base, base + Math.round(extra))} extra={Math.max(0, Math.round(extra))} />
      <p className="legend-line">
        <span className="swatch" style={{ background: "#b2182b" }} aria-hidden="true" /> {text.baseline}{" "}
        <span className="swatch" style={{ background: "#f4a582" }} aria-hidden="true" /> {text.added}
      </p>
    </div>
  );
}
