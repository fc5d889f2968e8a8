import { LABELS } from "@/lib/labels";

/**
 * Crisis Data "Disposition" values grouped for analysis. A contact's group is the most serious of its rows'
 * groups (arrest > emergent detention > referral to services > no action > unknown). Reviewed against the 2018
 * data dictionary's vocabulary; values not listed here load as "unknown" and are reported by the ingest.
 */
export const DISPOSITION_GROUPS = ["arrest", "emergent_detention", "referral", "no_action", "unknown"] as const;
export type DispositionGroup = (typeof DISPOSITION_GROUPS)[number];

/** Reader labels of the groups: lib/labels.ts, the one table. */
export const DISPOSITION_GROUP_LABELS: Record<DispositionGroup, string> = LABELS.dispositionGroup;

/** Seriousness rank: lower is more serious. */
const RANK: Record<DispositionGroup, number> = {
  arrest: 0,
  emergent_detention: 1,
  referral: 2,
  no_action: 3,
  unknown: 4,
};

export const DISPOSITION_MAP: Readonly<Record<string, { group: DispositionGroup; why: string }>> = {
  "Subject Arrested": { group: "arrest", why: "Custodial arrest." },
  "Emergent Detention/ITA": {
    group: "emergent_detention",
    why: "Involuntary detention for evaluation (Involuntary Treatment Act).",
  },
  "Voluntary Committal": {
    group: "referral",
    why: "The person agreed to go to a treatment facility: a connection to services, not a detention.",
  },
  "DMHP Referral": { group: "referral", why: "Referred to a Designated Mental Health Professional for evaluation." },
  "Mental Health Agency or Case Manager Notified": {
    group: "referral",
    why: "Connected to the person's existing services.",
  },
  "Mobile Crisis Team": { group: "referral", why: "Handed to the mobile crisis team." },
  "Drug/Alcohol Treatment Referral": { group: "referral", why: "Referred to substance-use treatment." },
  "Geriatric Regional Assessment Team": { group: "referral", why: "Referred to the geriatric assessment team." },
  "Shelter Transport": { group: "referral", why: "Transported to shelter services." },
  "Crisis Clinic": { group: "referral", why: "Referred to the crisis clinic." },
  "Resources Offered": { group: "referral", why: "Services offered (accepted or not recorded)." },
  "No Action Possible or Necessary": { group: "no_action", why: "No action possible or necessary." },
  "Resources Declined": { group: "no_action", why: "Services offered and declined: no connection made." },
  "Unable to Contact": { group: "no_action", why: "The person could not be contacted." },
  "Chronic Complaint": { group: "no_action", why: "Recorded as a chronic complaint without further action." },
};

const lookup = new Map(Object.entries(DISPOSITION_MAP).map(([k, v]) => [k.toUpperCase(), v.group]));

export function dispositionGroupOf(disposition: string): DispositionGroup {
  return lookup.get(disposition.trim().toUpperCase()) ?? "unknown";
}

export function isMappedDisposition(disposition: string): boolean {
  return lookup.has(disposition.trim().toUpperCase());
}

export function mostSerious(a: DispositionGroup, b: DispositionGroup): DispositionGroup {
  return RANK[a] <= RANK[b] ? a : b;
}
