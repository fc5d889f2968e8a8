"use client";

import { useId, useState } from "react";
import { UNIT } from "@/lib/charts/units";
import { applyOddsRatio, describeOddsRatio } from "@/lib/explainers/odds";
import { IconArray } from "./icon-array";

/** Move the odds ratio and watch what it means in contacts per 1,000 at the portal's current baseline. */
export function OddsPlayground({ baseline, initialOddsRatio }: { baseline: number; initialOddsRatio: number }) {
  const [or, setOr] = useState(initialOddsRatio);
  const id = useId();
  const base = Math.round(baseline * 1000);
  const after = applyOddsRatio(baseline, or) * 1000;
  // The difference is rounded once, to 0.1 (as every per-1,000 figure on the site); the icons draw whole contacts.
  const extra = Math.round((after - baseline * 1000) * 10) / 10;
  return (
    <div className="playground">
      <label htmlFor={id}>
        Odds ratio: <strong>{or.toFixed(2)}</strong> ({describeOddsRatio(or)})
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
        Out of 1,000 {UNIT.officerContact.many}, {base} involve force at the baseline; with {describeOddsRatio(or)} that
        becomes about {after.toFixed(1)}: {extra >= 0 ? `${extra.toFixed(1)} more` : `${(-extra).toFixed(1)} fewer`} per
        1,000 at this baseline.
      </p>
      <IconArray base={Math.min(base, base + Math.round(extra))} extra={Math.max(0, Math.round(extra))} />
      <p className="legend-line">
        <span className="swatch" style={{ background: "#b2182b" }} aria-hidden="true" /> baseline{" "}
        <span className="swatch" style={{ background: "#f4a582" }} aria-hidden="true" /> added by the odds ratio
      </p>
    </div>
  );
}
