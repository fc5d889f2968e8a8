/**
 * Value vocabularies of the synthetic SPD Crisis Data sample, each with a relative weight (weights need not sum to
 * anything). The values are spelled exactly as SPD publishes them: they come from the 2018 Socrata data dictionary
 * of i2q9-thny (shared/data/seattle-crisis-data-socrata-metadata-2018.json) and, for call types and squads the
 * dictionary only lists the top 20 of, from SPD's Terry Stops data, which uses the same CAD and HR vocabularies.
 * The weights are estimates: the dictionary gives ranks, not frequencies.
 */

export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Call-risk group of an initial call type: the situational proxy that drives use of force and dispositions.
 * "welfare" (welfare checks, assists, medic calls) is the reference group of the force model.
 */
export type CallRisk = "violent" | "disorder" | "crisis" | "welfare";

/** Disposition groups, matching lib/ingest/sources/crisis-dispositions.ts (kept separate so the sample stays stable). */
export type DispositionKind = "arrest" | "emergent_detention" | "referral" | "no_action";

export const CALL_TYPES: Weighted<string> = [
  ["911", 60],
  ["TELEPHONE OTHER, NOT 911", 26],
  ["ONVIEW", 10],
  ["IN PERSON COMPLAINT", 1.5],
  ["PROACTIVE (OFFICER INITIATED)", 1],
  ["HISTORY CALL (RETRO)", 1],
  ["ALARM CALL (NOT POLICE ALARM)", 0.5],
];

export interface InitialCallType {
  name: string;
  weight: number;
  risk: CallRisk;
  /** The call's own final classifications, the usual one first (see finalCallType in the calibration). */
  finals: readonly string[];
  /** Officer-initiated types are always on-view calls. */
  onViewOnly?: boolean;
}

export const CRISIS_FINAL_CALL_TYPES: Weighted<string> = [
  ["--CRISIS COMPLAINT - GENERAL", 88],
  ["--CRISIS COMPLAINT - PICK-UP OR TRANSPORT", 12],
];

const t = (name: string, weight: number, risk: CallRisk, finals: string[], onViewOnly = false): InitialCallType => ({
  name,
  weight,
  risk,
  finals,
  onViewOnly,
});

export const INITIAL_CALL_TYPES: readonly InitialCallType[] = [
  // Crisis calls: the bulk of crisis templates.
  t("PERSON IN BEHAVIORAL/EMOTIONAL CRISIS", 26, "crisis", ["--CRISIS COMPLAINT - GENERAL"]),
  t("SUICIDE - IP/JO SUICIDAL PERSON AND ATTEMPTS", 8, "crisis", [
    "--CRISIS COMPLAINT - GENERAL",
    "--CRISIS COMPLAINT - PICK-UP OR TRANSPORT",
  ]),
  t("SUICIDE, SUICIDAL PERSON AND ATTEMPTS", 5, "crisis", [
    "--CRISIS COMPLAINT - GENERAL",
    "--CRISIS COMPLAINT - PICK-UP OR TRANSPORT",
  ]),
  // Welfare checks and service calls (reference group).
  t("SERVICE - WELFARE CHECK", 9, "welfare", ["--ASSIST PUBLIC - OTHER (NON-SPECIFIED)"]),
  t("ASSIST OTHER AGENCY - ROUTINE SERVICE", 3, "welfare", [
    "--ASSIST OTHER AGENCY - CITY AGENCY",
    "--ASSIST OTHER AGENCY - COUNTY AGENCY",
  ]),
  t("SFD - ASSIST ON FIRE OR MEDIC RESPONSE", 2.5, "welfare", [
    "--ASSIST OTHER AGENCY - CITY AGENCY",
    "--ASSIST PUBLIC - OTHER (NON-SPECIFIED)",
  ]),
  t("PREMISE CHECK, OFFICER INITIATED ONVIEW ONLY", 1.5, "welfare", ["--PREMISE CHECKS - CRIME PREVENTION"], true),
  t("DOWN - CHECK FOR PERSON DOWN", 1.5, "welfare", ["--ASSIST PUBLIC - OTHER (NON-SPECIFIED)"]),
  t("UNKNOWN - COMPLAINT OF UNKNOWN NATURE", 1.5, "welfare", [
    "--DISTURBANCE - OTHER",
    "--SUSPICIOUS CIRCUM. - SUSPICIOUS PERSON",
  ]),
  t("OVERDOSE - DRUG RELATED CASUALTY", 1, "welfare", [
    "--NARCOTICS - OTHER",
    "--ASSIST PUBLIC - OTHER (NON-SPECIFIED)",
  ]),
  t("ASSIST PUBLIC - NO WELFARE CHK OR DV ORDER SERVICE", 1, "welfare", ["--ASSIST PUBLIC - OTHER (NON-SPECIFIED)"]),
  t("FOLLOW UP", 0.8, "welfare", [
    "--ASSIST PUBLIC - OTHER (NON-SPECIFIED)",
    "--DV - ARGUMENTS, DISTURBANCE (NO ARREST)",
  ]),
  t("UNKNOWN - ANI/ALI - WRLS PHNS (INCL OPEN LINE)", 0.6, "welfare", ["--DISTURBANCE - OTHER"]),
  t("MVC - WITH INJURIES (INCLUDES HIT AND RUN)", 0.4, "welfare", ["--TRAFFIC - MV COLLISION INVESTIGATION"]),
  // Disturbances, disorder and property calls.
  t("DISTURBANCE, MISCELLANEOUS/OTHER", 7, "disorder", ["--DISTURBANCE - OTHER", "--MISCHIEF OR NUISANCE - GENERAL"]),
  t("SUSPICIOUS PERSON, VEHICLE OR INCIDENT", 4, "disorder", ["--SUSPICIOUS CIRCUM. - SUSPICIOUS PERSON"]),
  t("DIST - IP/JO - DV DIST - NO ASLT", 4, "disorder", [
    "--DV - ARGUMENTS, DISTURBANCE (NO ARREST)",
    "--DV - DOMESTIC VIOLENCE (ARREST DISCRETIONARY)",
  ]),
  t("TRESPASS", 2, "disorder", ["--PROWLER - TRESPASS"]),
  t("DIST - DV - NO ASLT", 1.5, "disorder", ["--DV - ARGUMENTS, DISTURBANCE (NO ARREST)"]),
  t("HAZ - POTENTIAL THRT TO PHYS SAFETY (NO HAZMAT)", 1.5, "disorder", [
    "--MISC MISD AND VIOLS - RECKLESS ENDANGERMENT",
    "--DISTURBANCE - OTHER",
  ]),
  t("THEFT (DOES NOT INCLUDE SHOPLIFT OR SVCS)", 1.2, "disorder", ["--THEFT - ALL OTHER"]),
  t(
    "SUSPICIOUS STOP - OFFICER INITIATED ONVIEW",
    1,
    "disorder",
    ["--SUSPICIOUS CIRCUM. - SUSPICIOUS PERSON", "--WARRANT SERVICES - MISDEMEANOR"],
    true,
  ),
  t("PROPERTY - DAMAGE", 0.8, "disorder", ["--PROPERTY DEST (DAMG)"]),
  t("SHOPLIFT - THEFT", 0.6, "disorder", ["--THEFT - SHOPLIFT"]),
  t("NUISANCE - MISCHIEF", 0.6, "disorder", ["--MISCHIEF OR NUISANCE - GENERAL"]),
  t("LEWD -  (EXPOSING, FLASHING, URINATING IN PUB)", 0.4, "disorder", ["--SEX OFFENSES (NON-RAPE) - LEWD CONDUCT"]),
  t("TRAFFIC - ROAD RAGE", 0.3, "disorder", ["--TRAFFIC - MOVING VIOLATION"]),
  // Violent and weapon calls: the high-risk group.
  t("ASLT - IP/JO - WITH OR W/O WPNS (NO SHOOTINGS)", 2.5, "violent", [
    "--ASSAULTS, OTHER",
    "--ASSAULTS - HARASSMENT, THREATS",
  ]),
  t("ASLT - WITH OR W/O WEAPONS (NO SHOOTINGS)", 2, "violent", ["--ASSAULTS, OTHER"]),
  t("THREATS (INCLS IN-PERSON/BY PHONE/IN WRITING)", 2, "violent", ["--ASSAULTS - HARASSMENT, THREATS"]),
  t("WEAPN-IP/JO-GUN,DEADLY WPN (NO THRT/ASLT/DIST)", 1, "violent", [
    "--WEAPON, PERSON WITH - GUN",
    "--WEAPON,PERSON WITH - OTHER WEAPON",
  ]),
  t("ASLT - IP/JO - DV", 1, "violent", ["--DV - DOMESTIC VIOL/ASLT (ARREST MANDATORY)"]),
  t("FIGHT - IP - PHYSICAL (NO WEAPONS)", 0.8, "violent", ["--DISTURBANCE - FIGHT", "--ASSAULTS, OTHER"]),
  t("FIGHT - IP/JO - WITH WEAPONS", 0.3, "violent", ["--WEAPON,PERSON WITH - OTHER WEAPON", "--ASSAULTS, OTHER"]),
  t("ROBBERY - IP/JO (INCLUDES STRONG ARM)", 0.3, "violent", ["--ROBBERY - STRONG ARM"]),
  t("WARRANT - FELONY PICKUP", 0.3, "violent", ["--WARRANT SERVICES - FELONY"]),
];

export interface DispositionValue {
  name: string;
  weight: number;
  kind: DispositionKind;
  /** "Unable to Contact" cannot sensibly be combined with another disposition of the same contact. */
  combinable: boolean;
}

const d = (name: string, weight: number, kind: DispositionKind, combinable = true): DispositionValue => ({
  name,
  weight,
  kind,
  combinable,
});

/** The 14 values of the 2018 dictionary, plus "Resources Offered" (a later value the ingest already maps). */
export const DISPOSITIONS: readonly DispositionValue[] = [
  d("No Action Possible or Necessary", 30, "no_action"),
  d("Resources Declined", 11, "no_action"),
  d("Unable to Contact", 5, "no_action", false),
  d("Chronic Complaint", 3, "no_action"),
  d("Emergent Detention/ITA", 12, "emergent_detention"),
  d("Subject Arrested", 6, "arrest"),
  d("Mental Health Agency or Case Manager Notified", 11, "referral"),
  d("Voluntary Committal", 7, "referral"),
  d("Mobile Crisis Team", 4, "referral"),
  d("DMHP Referral", 4, "referral"),
  d("Drug/Alcohol Treatment Referral", 2.5, "referral"),
  d("Crisis Clinic", 2, "referral"),
  d("Resources Offered", 2, "referral"),
  d("Shelter Transport", 1.5, "referral"),
  d("Geriatric Regional Assessment Team", 1, "referral"),
];

export const SUBJECT_VETERAN: Weighted<string> = [
  ["Unknown", 47],
  ["No", 42],
  ["-", 8],
  ["Yes", 3],
];

export const OFFICER_GENDERS: Weighted<string> = [
  ["M", 83],
  ["F", 16],
  ["N", 1],
];

export const OFFICER_RACES: Weighted<string> = [
  ["White", 70],
  ["Asian", 8],
  ["Black or African American", 6],
  ["Hispanic or Latino", 6],
  ["Two or More Races", 5],
  ["Not Specified", 2],
  ["American Indian/Alaska Native", 1],
  ["Nat Hawaiian/Oth Pac Islander", 1],
  ["Unknown", 1],
];

export type PrecinctName = "NORTH" | "EAST" | "SOUTH" | "WEST" | "SOUTHWEST";

/** Sectors by precinct; a beat is the sector's initial plus 1..3 (e.g. DAVID -> D1, D2, D3). */
export const SECTORS_BY_PRECINCT: Record<PrecinctName, readonly string[]> = {
  WEST: ["DAVID", "KING", "MARY", "QUEEN"],
  EAST: ["CHARLIE", "EDWARD", "GEORGE"],
  NORTH: ["BOY", "JOHN", "LINCOLN", "NORA", "UNION"],
  SOUTH: ["OCEAN", "ROBERT", "SAM"],
  SOUTHWEST: ["FRANK", "WILLIAM"],
};

/** Share of patrol officers (and so of crisis contacts) by precinct: downtown (WEST) writes the most templates. */
export const PATROL_PRECINCTS: Weighted<PrecinctName> = [
  ["WEST", 31],
  ["NORTH", 24],
  ["EAST", 19],
  ["SOUTH", 15],
  ["SOUTHWEST", 11],
];

/** Patrol squads (watch and sector), as spelled in SPD's HR data. */
export const PATROL_SQUADS: Record<PrecinctName, readonly string[]> = {
  WEST: [
    "WEST PCT 1ST W - DAVID/MARY",
    "WEST PCT 1ST W - KING/QUEEN",
    "WEST PCT 1ST W - KQ/DM RELIEF",
    "WEST PCT 2ND W - D/M RELIEF",
    "WEST PCT 2ND W - KING",
    "WEST PCT 2ND W - K/Q RELIEF",
    "WEST PCT 3RD W - DAVID",
    "WEST PCT 3RD W - KING",
    "WEST PCT 3RD W - MARY",
    "WEST PCT 3RD W - QUEEN",
  ],
  EAST: [
    "EAST PCT 1ST W - E/G RELIEF (CHARLIE)",
    "EAST PCT 2ND W - CHARLIE",
    "EAST PCT 2ND W - CHARLIE RELIEF",
    "EAST PCT 2ND W - EDWARD",
    "EAST PCT 2ND W - GEORGE",
    "EAST PCT 3RD W - E/G RELIEF",
    "EAST PCT 3RD W - EDWARD",
  ],
  NORTH: [
    "NORTH PCT 1ST W - BOY (JOHN)",
    "NORTH PCT 1ST W - LINCOLN",
    "NORTH PCT 2ND W - JOHN",
    "NORTH PCT 2ND W - LINCOLN",
    "NORTH PCT 2ND W - NORA",
    "NORTH PCT 2ND W - UNION",
    "NORTH PCT 3RD W - BOY",
    "NORTH PCT 3RD W - JOHN",
    "NORTH PCT 3RD W - L/U RELIEF",
    "NORTH PCT 3RD W - NORA",
  ],
  SOUTH: [
    "SOUTH PCT 1ST W - R/S RELIEF",
    "SOUTH PCT 1ST W - ROBERT",
    "SOUTH PCT 1ST W - SAM",
    "SOUTH PCT 2ND W - ROBERT",
    "SOUTH PCT 2ND W - SAM",
    "SOUTH PCT 3RD W - ROBERT",
  ],
  SOUTHWEST: ["SOUTHWEST PCT 2ND W - FRANK", "SOUTHWEST PCT 2ND W - WILLIAM", "SOUTHWEST PCT 2ND WATCH - F/W RELIEF"],
};

export interface Assignment {
  bureau: string;
  precinctDesc: string;
  squad: string;
  /** The precinct whose calls the officer mostly answers; null for units that work city-wide. */
  homePrecinct: PrecinctName | null;
  /** How many crisis templates the unit's officers write relative to a patrol officer. */
  activity: number;
  /** Crisis units only take CIT-certified officers. */
  requiresCit?: boolean;
}

/** Units outside precinct patrol whose officers still write some crisis templates (squad names from SPD HR data). */
/** Where new hires spend their first months (SPD's field training squad). */
export const FIELD_TRAINING: Assignment = {
  bureau: "PROFESSIONAL STANDARDS BUREAU",
  precinctDesc: "TRAINING AND EDUCATION SECTION",
  squad: "TRAINING - FIELD TRAINING SQUAD",
  homePrecinct: null,
  activity: 1.2,
};

export const NON_PATROL_ASSIGNMENTS: Weighted<Assignment> = [
  [FIELD_TRAINING, 3], // field training officers
  [
    {
      bureau: "COLLABORATIVE POLICING BUREAU",
      precinctDesc: "COMMUNITY OUTREACH SECTION",
      squad: "CRISIS RESPONSE SQUAD",
      homePrecinct: null,
      activity: 2.5,
      requiresCit: true,
    },
    1,
  ],
  [
    {
      bureau: "HOMELAND SECURITY AND SPECIAL OPERATIONS BUREAU",
      precinctDesc: "TRAFFIC SECTION",
      squad: "TRAF - DUI SQUAD",
      homePrecinct: null,
      activity: 0.3,
    },
    2,
  ],
  [
    {
      bureau: "HOMELAND SECURITY AND SPECIAL OPERATIONS BUREAU",
      precinctDesc: "METROPOLITAN SECTION",
      squad: "SWAT - NIGHT SQUAD 1",
      homePrecinct: null,
      activity: 0.3,
    },
    1,
  ],
  [
    {
      bureau: "INVESTIGATIONS BUREAU",
      precinctDesc: "NARCOTICS SECTION",
      squad: "NARC - PROACTIVE SQUAD C",
      homePrecinct: null,
      activity: 0.3,
    },
    1.5,
  ],
  [
    {
      bureau: "INVESTIGATIONS BUREAU",
      precinctDesc: "VIOLENT CRIMES SECTION",
      squad: "ROBBERY SQUAD A",
      homePrecinct: null,
      activity: 0.2,
    },
    1,
  ],
  [
    {
      bureau: "INVESTIGATIONS BUREAU",
      precinctDesc: "SPECIAL VICTIM CRIMES SECTION",
      squad: "DV SQUAD A - INVESTIGATIONS",
      homePrecinct: null,
      activity: 0.2,
    },
    1,
  ],
  [
    {
      bureau: "COLLABORATIVE POLICING BUREAU",
      precinctDesc: "COMMUNITY OUTREACH SECTION",
      squad: "CRISIS INTERVENTION COORDINATION SQUAD",
      homePrecinct: null,
      activity: 1.5,
      requiresCit: true,
    },
    0.3,
  ],
];

/** Draws from a Weighted list by binary search over its cumulative weights. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(entries: Weighted<T>) {
    this.values = entries.map(([value]) => value);
    let total = 0;
    this.cumulative = entries.map(([, weight]) => (total += weight));
    if (!(total > 0)) throw new RangeError("A weighted table needs a positive total weight");
  }

  /** u is a uniform draw in [0, 1). */
  at(u: number): T {
    const target = u * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/** Convenience draws over one seeded uniform source; the only randomness the generator uses. */
export class Rand {
  constructor(private readonly uniform: () => number) {}

  float(): number {
    return this.uniform();
  }

  chance(probability: number): boolean {
    return this.uniform() < probability;
  }

  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.uniform() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)]!;
  }

  from<T>(table: WeightedTable<T>): T {
    return table.at(this.uniform());
  }

  /** Exponential waiting time with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }
}
