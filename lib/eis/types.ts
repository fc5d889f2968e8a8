/**
 * Contracts of the Early Intervention System (issue 8). `lib/eis` is pure (no I/O): the pipeline loads force records
 * from the database, calls `computeEisRun` (lib/eis/compute-run.ts) and stores the result (lib/eis/store.ts); the staff
 * area reads stored runs through lib/dal/staff-eis.ts. Officer-level: nothing here may reach a public route.
 */

/** Intervention level: 0 = present without using force (a witness), 1-3 = Level 1-3, 4 = Level 3 - OIS. */
export type ForceLevel = 0 | 1 | 2 | 3 | 4;

/** One officer's part in one EIS incident (lib/eis/incidents.ts builds these from Use of Force rows). */
export interface EisForceRecord {
  /** Source officer ID (Use of Force Officer_ID; ID space "seattle-uof"). */
  officerId: string;
  /** The EIS incident this record belongs to (see lib/eis/incidents.ts for how incidents are formed). */
  incidentKey: string;
  /** Source subject ID; null when the source has none (the record then counts for no subject-based score). */
  subjectKey: string | null;
  level: ForceLevel;
  /** Seattle wall-clock time stored as UTC, as everywhere in the portal. */
  occurredAt: Date;
  /** Precinct of the incident; null when unknown ("-", "X", "OOJ", blank). */
  precinct: string | null;
}

/** Windows in days/months and flag thresholds; defaults and their rationale in lib/eis/config.ts. */
export interface EisConfig {
  incidentWindowMonths: number; // default 1
  subjectWindowMonths: number; // default 2
  engagementWindowMonths: number; // default 12
  volumeWindowMonths: number; // see config.ts
  escalationWindowMonths: number; // see config.ts
  minQualifying: number; // default 3 (incidents or subjects)
  scoreThreshold: number; // default 1.0
  pTop5Threshold: number; // default 0.8
  volumeFdr: number; // e.g. 0.05
  priorSd: number; // N(0, priorSd^2) prior on lambda, default 1
  /** Added by lib/eis (optional so that stored configs from before stay valid); defaults in config.ts. */
  volumePeerWindowMonths?: number;
  volumeMinPeers?: number;
  escalationMinPeerGroup?: number;
  posteriorDraws?: number;
  seed?: string;
}

export interface EscalationScore {
  lambda: number;
  ciLow: number;
  ciHigh: number;
  /** lambda minus the mean lambda of the officer's peers (officers connected through shared incidents). */
  lambdaVsPeers: number;
  /** Posterior probability of being in the top 5% of the peer group. */
  pTop5: number;
  peerGroupSize: number;
  nIncidents: number;
  /** Counts of the officer's records by level, index = level (0..4). */
  levelCounts: number[];
}

export interface VolumeScore {
  count: number;
  peerRate: number;
  /** Posterior mean of the officer's rate; null when the peers show no over-dispersion (no prior can be fitted). */
  shrunkRate: number | null;
  /** shrunkRate / peerRate; null with shrunkRate. */
  ratio: number | null;
  pValue: number;
  qValue: number;
  /** Who the officer was compared with: a precinct name, or NO_PRECINCT_GROUP (lib/eis/volume.ts). */
  peerGroup?: string;
}

export interface FlagReason {
  /** Stable code, e.g. "incident_score", "subject_score", "escalation", "volume". */
  code: string;
  /** The reason in words, with the numbers, for supervisors. */
  text: string;
}

/** One officer in one run. Matches the `eis run --json` contract (plus the extra fields the staff pages use). */
export interface EisOfficerResult {
  officerId: string;
  precinct: string | null;
  incidentsInWindow: number;
  incidentScore: number | null;
  incidentN: number;
  subjectScore: number | null;
  subjectN: number;
  /** null when the data does not record witnesses ("not available in this data") or the officer had no incident in the past year. */
  engagementScore: number | null;
  engagementAvailable: boolean;
  /** Incidents in the engagement window where the officer used force / was present without using force (optional: set when engagementAvailable). */
  engagementInvolved?: number;
  engagementWitness?: number;
  escalation: EscalationScore | null;
  volume: VolumeScore | null;
  flagged: boolean;
  reasons: FlagReason[];
}

export interface EisWindows {
  /** ISO dates (YYYY-MM-DD), start inclusive, end exclusive (= asOf). */
  incident: { start: string; end: string };
  subject: { start: string; end: string };
  engagement: { start: string; end: string };
  volume: { start: string; end: string };
  escalation: { start: string; end: string };
}

export interface EisRunResult {
  asOf: string;
  windows: EisWindows;
  config: EisConfig;
  witnessesRecorded: boolean;
  officers: EisOfficerResult[];
  diagnostics: {
    escalation: { incidents: number; officers: number; iterations: number; converged: boolean; seconds: number } | null;
    [key: string]: unknown;
  };
}
