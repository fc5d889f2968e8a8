import { LABELS } from "@/lib/labels";

/**
 * Call risk group of a crisis contact, from its Initial Call Type: how the communication center classified the call
 * at dispatch, before any officer decision. It is the models' proxy for how dangerous the encounter looked, so it
 * must not use anything the officer did (the Final Call Type is the officer's own classification and is not used).
 *
 * Groups (reference: welfare_or_service):
 * - violent_or_weapon: violence against a person, a weapon, a threat of violence, or a felony arrest situation.
 * - crisis_or_suicide: a person in behavioural or emotional crisis, suicidal person or attempt.
 * - disturbance: disorder, domestic disturbance without assault, suspicious people, trespass and property crime.
 * - welfare_or_service: welfare checks, assists to the public or other agencies, medical and collision calls.
 * - other_or_unknown: no CAD event linked (Initial Call Type blank), complaints of unknown nature, and any call
 *   type not in this table (these are counted and listed in the results so the table can be extended).
 *
 * Reviewed against the Initial Call Type vocabulary of the 2018 data dictionary of i2q9-thny (its top 20 values)
 * and the synthetic sample's catalog. Exact entries first; the documented prefix rules below catch the many CAD
 * variants of the same call (e.g. every "ASLT - ..." type). Matching ignores case and repeated spaces.
 */

export const CALL_RISK_GROUPS = [
  "welfare_or_service",
  "crisis_or_suicide",
  "disturbance",
  "violent_or_weapon",
  "other_or_unknown",
] as const;
export type CallRiskGroup = (typeof CALL_RISK_GROUPS)[number];
export const CALL_RISK_REFERENCE: CallRiskGroup = "welfare_or_service";
export const CALL_RISK_MAPPING_VERSION = "call-risk-1";

/** Reader labels of the groups: lib/labels.ts, the one table. */
export const CALL_RISK_LABELS: Record<CallRiskGroup, string> = LABELS.callRisk;

type Entry = { group: CallRiskGroup; why: string };
const e = (group: CallRiskGroup, why: string): Entry => ({ group, why });

export const CALL_RISK_MAP: Readonly<Record<string, Entry>> = {
  // Crisis and suicide.
  "PERSON IN BEHAVIORAL/EMOTIONAL CRISIS": e("crisis_or_suicide", "Dispatched as a behavioural or emotional crisis."),
  "SUICIDE - IP/JO SUICIDAL PERSON AND ATTEMPTS": e(
    "crisis_or_suicide",
    "Suicidal person or attempt in progress or just occurred.",
  ),
  "SUICIDE, SUICIDAL PERSON AND ATTEMPTS": e("crisis_or_suicide", "Suicidal person or attempt (older CAD spelling)."),
  // Violence, weapons, threats, felony arrests.
  "ASLT - IP/JO - WITH OR W/O WPNS (NO SHOOTINGS)": e("violent_or_weapon", "Assault in progress or just occurred."),
  "ASLT - WITH OR W/O WEAPONS (NO SHOOTINGS)": e("violent_or_weapon", "Assault, possibly armed."),
  "ASLT - IP/JO - DV": e("violent_or_weapon", "Domestic-violence assault in progress or just occurred."),
  "THREATS (INCLS IN-PERSON/BY PHONE/IN WRITING)": e("violent_or_weapon", "Threat of violence against a person."),
  "WEAPN-IP/JO-GUN,DEADLY WPN (NO THRT/ASLT/DIST)": e("violent_or_weapon", "Person with a gun or deadly weapon."),
  "FIGHT - IP - PHYSICAL (NO WEAPONS)": e("violent_or_weapon", "Physical fight in progress: violence between people."),
  "FIGHT - IP/JO - WITH WEAPONS": e("violent_or_weapon", "Fight with weapons."),
  "ROBBERY - IP/JO (INCLUDES STRONG ARM)": e("violent_or_weapon", "Robbery: theft by force or threat of force."),
  "WARRANT - FELONY PICKUP": e(
    "violent_or_weapon",
    "Custodial arrest on a felony warrant: a high-risk arrest situation (review: not itself a violent call).",
  ),
  "ABDUCTION - IP/JO - UNK KIDNAPPING": e("violent_or_weapon", "Abduction or kidnapping in progress."),
  // Disturbance, disorder, property.
  "DISTURBANCE, MISCELLANEOUS/OTHER": e("disturbance", "General disturbance without reported violence."),
  "DIST - IP/JO - DV DIST - NO ASLT": e("disturbance", "Domestic disturbance, no assault reported."),
  "DIST - DV - NO ASLT": e("disturbance", "Domestic disturbance, no assault reported."),
  "SUSPICIOUS PERSON, VEHICLE OR INCIDENT": e(
    "disturbance",
    "Suspicious person or circumstance, no violence reported.",
  ),
  "SUSPICIOUS STOP - OFFICER INITIATED ONVIEW": e("disturbance", "Officer-initiated stop of a suspicious person."),
  TRESPASS: e("disturbance", "Trespass."),
  "HAZ - POTENTIAL THRT TO PHYS SAFETY (NO HAZMAT)": e(
    "disturbance",
    "Hazard to physical safety without a reported threat, assault or weapon.",
  ),
  "THEFT (DOES NOT INCLUDE SHOPLIFT OR SVCS)": e("disturbance", "Property crime without force."),
  "SHOPLIFT - THEFT": e("disturbance", "Property crime without force."),
  "PROPERTY - DAMAGE": e("disturbance", "Property damage."),
  "NUISANCE - MISCHIEF": e("disturbance", "Nuisance or mischief."),
  "LEWD -  (EXPOSING, FLASHING, URINATING IN PUB)": e("disturbance", "Public lewd conduct: disorder."),
  "TRAFFIC - ROAD RAGE": e("disturbance", "Road-rage dispute without reported assault."),
  // Welfare and service (reference group).
  "SERVICE - WELFARE CHECK": e("welfare_or_service", "Welfare check."),
  "ASSIST OTHER AGENCY - ROUTINE SERVICE": e("welfare_or_service", "Routine assist to another agency."),
  "SFD - ASSIST ON FIRE OR MEDIC RESPONSE": e("welfare_or_service", "Assist to the fire department or medics."),
  "PREMISE CHECK, OFFICER INITIATED ONVIEW ONLY": e("welfare_or_service", "Officer-initiated premise check."),
  "DOWN - CHECK FOR PERSON DOWN": e("welfare_or_service", "Check on a person down: a medical or welfare call."),
  "OVERDOSE - DRUG RELATED CASUALTY": e("welfare_or_service", "Overdose: a medical emergency."),
  "ASSIST PUBLIC - NO WELFARE CHK OR DV ORDER SERVICE": e("welfare_or_service", "Assist to the public."),
  "FOLLOW UP": e("welfare_or_service", "Follow-up on an earlier call."),
  "MVC - WITH INJURIES (INCLUDES HIT AND RUN)": e(
    "welfare_or_service",
    "Collision with injuries: a service and medical call.",
  ),
  // Other or unknown.
  "UNKNOWN - COMPLAINT OF UNKNOWN NATURE": e("other_or_unknown", "The nature of the call was unknown at dispatch."),
  "UNKNOWN - ANI/ALI - WRLS PHNS (INCL OPEN LINE)": e("other_or_unknown", "Open 911 line: nature unknown at dispatch."),
  Unknown: e("other_or_unknown", "No CAD event linked to the template: the call type is not recorded."),
};

/** Documented prefix rules for CAD variants not listed above, tried in order. */
export const CALL_RISK_PREFIX_RULES: readonly (Entry & { prefix: string })[] = [
  { prefix: "SUICIDE", ...e("crisis_or_suicide", "Any suicide call type.") },
  { prefix: "ASLT", ...e("violent_or_weapon", "Any assault call type.") },
  { prefix: "WEAPN", ...e("violent_or_weapon", "Any weapon call type.") },
  { prefix: "SHOTS", ...e("violent_or_weapon", "Shots fired or heard.") },
  { prefix: "FIGHT", ...e("violent_or_weapon", "Any fight call type.") },
  { prefix: "ROBBERY", ...e("violent_or_weapon", "Any robbery call type.") },
  { prefix: "THREATS", ...e("violent_or_weapon", "Any threats call type.") },
  { prefix: "DIST", ...e("disturbance", "Any disturbance call type not listed above.") },
  { prefix: "SUSPICIOUS", ...e("disturbance", "Any suspicious-circumstance call type.") },
  { prefix: "THEFT", ...e("disturbance", "Any theft without force.") },
  { prefix: "BURG", ...e("disturbance", "Burglary: property crime.") },
  { prefix: "PROPERTY", ...e("disturbance", "Any property call type.") },
  { prefix: "NUISANCE", ...e("disturbance", "Any nuisance call type.") },
  { prefix: "TRESPASS", ...e("disturbance", "Any trespass call type.") },
  { prefix: "SERVICE", ...e("welfare_or_service", "Any service call type.") },
  { prefix: "ASSIST", ...e("welfare_or_service", "Any assist call type.") },
  { prefix: "SFD", ...e("welfare_or_service", "Any fire-department assist.") },
  { prefix: "MVC", ...e("welfare_or_service", "Any motor-vehicle collision.") },
  { prefix: "UNKNOWN", ...e("other_or_unknown", "Any call of unknown nature.") },
];

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toUpperCase();
const exact = new Map(Object.entries(CALL_RISK_MAP).map(([k, v]) => [norm(k), v]));

export interface CallRiskLookup {
  group: CallRiskGroup;
  /** How the group was found: the exact table, a prefix rule, or nothing (unmapped -> other_or_unknown). */
  via: "table" | "prefix" | "unmapped";
}

export function callRiskOf(initialCallType: string): CallRiskLookup {
  const key = norm(initialCallType);
  const hit = exact.get(key);
  if (hit) return { group: hit.group, via: "table" };
  const rule = CALL_RISK_PREFIX_RULES.find((r) => key.startsWith(r.prefix));
  if (rule) return { group: rule.group, via: "prefix" };
  return { group: "other_or_unknown", via: "unmapped" };
}
