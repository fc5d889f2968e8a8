import type { ResolvedEisConfig } from "./config";
import type { EisOfficerResult, FlagReason } from "./types";
import { NO_PRECINCT_GROUP } from "./volume";

/**
 * Flag rules (thresholds in lib/eis/config.ts). Each reason states the officer's numbers and the rule, in words a
 * supervisor can check against the officer's incidents.
 */

const f2 = (x: number) => x.toFixed(2);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const pValue = (p: number) => (p < 0.001 ? "< 0.001" : `= ${p.toFixed(3)}`);

const peerWords = (group: string | null | undefined) =>
  !group
    ? ""
    : group === NO_PRECINCT_GROUP
      ? " among officers whose incidents carry no precinct (mixed assignments)"
      : ` in the ${group} precinct`;

type Scores = Omit<EisOfficerResult, "flagged" | "reasons">;

export function flagReasons(o: Scores, c: ResolvedEisConfig): FlagReason[] {
  const reasons: FlagReason[] = [];
  const rule = `threshold ${c.scoreThreshold.toFixed(1)} over at least ${c.minQualifying}`;
  if (o.incidentScore !== null && o.incidentN >= c.minQualifying && o.incidentScore >= c.scoreThreshold) {
    reasons.push({
      code: "incident_score",
      text: `Incident-based score ${f2(o.incidentScore)} over ${plural(o.incidentN, "incident")} (${rule})`,
    });
  }
  if (o.subjectScore !== null && o.subjectN >= c.minQualifying && o.subjectScore >= c.scoreThreshold) {
    reasons.push({
      code: "subject_score",
      text: `Subject-based score ${f2(o.subjectScore)} over ${plural(o.subjectN, "subject")} (${rule})`,
    });
  }
  const e = o.escalation;
  if (e && e.peerGroupSize >= c.escalationMinPeerGroup && e.pTop5 >= c.pTop5Threshold) {
    reasons.push({
      code: "escalation",
      text:
        `Escalation propensity in the top 5% of ${plural(e.peerGroupSize, "peer")} with probability ${f2(e.pTop5)} ` +
        `(threshold ${f2(c.pTop5Threshold)}); propensity ${f2(e.lambda)} [95% interval ${f2(e.ciLow)} to ${f2(e.ciHigh)}], ` +
        `${f2(e.lambdaVsPeers)} above the peers' mean, over ${plural(e.nIncidents, "shared incident")}`,
    });
  }
  const v = o.volume;
  if (v && v.qValue <= c.volumeFdr) {
    const times = v.peerRate > 0 ? ` (${(v.count / v.peerRate).toFixed(1)} times)` : "";
    // The shrunk rate is stated only where the prior could be fitted; without it the sentence would put the officer
    // "at the peer average" while the count test flags them (lib/eis/volume.ts).
    const shrunk =
      v.shrunkRate !== null && v.ratio !== null
        ? `shrunk rate ${v.shrunkRate.toFixed(1)} (${v.ratio.toFixed(2)} times the peers')`
        : `no shrunk rate (the peers' counts vary no more than chance would, so no prior can be fitted; the count is tested against Poisson(${v.peerRate.toFixed(1)}))`;
    reasons.push({
      code: "volume",
      text:
        `${plural(v.count, "incident")} in ${c.volumeWindowMonths} months against a peer average of ${v.peerRate.toFixed(1)}${times}` +
        `${peerWords(v.peerGroup ?? o.precinct)}; ${shrunk}, ` +
        `p ${pValue(v.pValue)}, false-discovery-adjusted q ${pValue(v.qValue)} (threshold ${c.volumeFdr})`,
    });
  }
  return reasons;
}
