import type { EscalationScore, FlagReason, VolumeScore } from "@/lib/eis/types";
import { NO_PRECINCT_GROUP } from "@/lib/eis/volume";

/**
 * Each flag reason as one plain sentence a supervisor can check against the incident list, before the statistics
 * (the stored reason text, shown behind a disclosure). Pure: derived when read from the stored score, so that runs
 * stored before this existed read the same way. No sentence states a comparison the flag contradicts: the volume
 * sentence compares the count with the peers' average, which is what the test flags.
 */
export interface ReasonFacts {
  precinct: string | null;
  incidentScore: number | null;
  incidentN: number;
  subjectScore: number | null;
  subjectN: number;
  escalation: Pick<EscalationScore, "pTop5" | "peerGroupSize" | "nIncidents"> | null;
  volume: Pick<VolumeScore, "count" | "peerRate" | "peerGroup"> | null;
}

/** Window lengths of the run in months (from its stored configuration); null when the run did not store them. */
export interface ReasonWindows {
  incident: number | null;
  subject: number | null;
  volume: number | null;
  escalation: number | null;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;
const levels = (x: number) => `${Math.abs(x).toFixed(1)} level${Math.abs(x) === 1 ? "" : "s"}`;
/** "on average 1.5 levels of force above the other officers", or "on average the same level of force as ..." (rounds to 0.0). */
const compared = (x: number, others: string) =>
  Math.abs(x) < 0.05
    ? `on average the same level of force as ${others}`
    : `on average ${levels(x)} of force ${x > 0 ? "above" : "below"} ${others}`;

/** "the last month", "the last 6 months", "the last 3 years"; "the run's window" when unknown. */
export function lastMonthsWords(months: number | null): string {
  if (months === null) return "the run's window";
  if (months === 1) return "the last month";
  if (months % 12 === 0) return months === 12 ? "the last year" : `the last ${months / 12} years`;
  return `the last ${months} months`;
}

function peersWords(v: ReasonFacts["volume"] & object, precinct: string | null): string {
  const group = v.peerGroup ?? precinct;
  if (group === NO_PRECINCT_GROUP || group === null)
    return "officers whose incidents have no recorded precinct averaged";
  return `officers in the same precinct (${group}) averaged`;
}

/** The plain sentence of one reason, or null for a reason this module does not know (the caller shows its text). */
export function plainReason(code: string, f: ReasonFacts, w: ReasonWindows): string | null {
  switch (code) {
    case "incident_score":
      return f.incidentScore === null
        ? null
        : `At ${plural(f.incidentN, "incident")} with other officers in ${lastMonthsWords(w.incident)}, this officer used ${compared(f.incidentScore, "the other officers present")}.`;
    case "subject_score":
      return f.subjectScore === null
        ? null
        : `With ${plural(f.subjectN, "person", "people")} who also met other officers in ${lastMonthsWords(w.subject)}, this officer used ${compared(f.subjectScore, "the other officers")}.`;
    case "escalation":
      return f.escalation === null
        ? null
        : `Across ${plural(f.escalation.nIncidents, "incident")} shared with other officers in ${lastMonthsWords(w.escalation)}, this officer used a higher ` +
            `level of force than the others often enough to be, with ${Math.round(f.escalation.pTop5 * 100)}% probability, among the top 5% of the ` +
            `${plural(f.escalation.peerGroupSize, "officer")} they can be compared with.`;
    case "volume":
      return f.volume === null
        ? null
        : `${plural(f.volume.count, "incident")} in ${lastMonthsWords(w.volume)}; ${peersWords(f.volume, f.precinct)} ${f.volume.peerRate.toFixed(1)}.`;
    default:
      return null;
  }
}

export interface ReadableReason extends FlagReason {
  /** One plain sentence (the stored text when there is none). */
  plain: string;
}

export function readableReasons(reasons: readonly FlagReason[], f: ReasonFacts, w: ReasonWindows): ReadableReason[] {
  return reasons.map((r) => ({ ...r, plain: plainReason(r.code, f, w) ?? r.text }));
}
