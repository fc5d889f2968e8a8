import { z } from "zod";
import { jsonNumber } from "@/lib/db/json-column";
import type { CitResults } from "@/lib/analysis/cit-types";
import { CALL_RISK_GROUPS } from "@/lib/analysis/call-risk";
import type { CommunityResults } from "@/lib/community/compute";
import { RACE_GROUPS } from "@/lib/community/race-groups";
import type { CoverageStore } from "@/lib/coverage/store";
import type { BeatGeometry } from "@/lib/trends/beat-geometry";
import type { CrisisCube } from "@/lib/trends/crisis-cube";
import type { UofAggregates } from "@/lib/trends/uof-aggregates";
import type { CrisisYearly } from "./crisis-summary";
import type { ResultPayloads } from "./results";
import type { UseOfForceYearly } from "./uof-summary";

/**
 * The shape of every stored result payload (table Result, column payload: JSON text), one schema per key of
 * ResultPayloads. Each is typed `z.ZodType<Payload>`, so the compiler checks the schema against the payload's
 * interface: a field added to an interface and not here fails typecheck. The reader (lib/pipeline/result-store.ts)
 * validates with these and then returns the JSON as stored, so what pages see is byte for byte what was written.
 */

const count = z.number();
const str = z.string();
const nullableStr = z.string().nullable();

const CrisisYearlySchema: z.ZodType<CrisisYearly> = z.object({
  versionId: count,
  years: z.array(
    z.object({
      year: count,
      templates: count,
      contacts: count,
      rows: count,
      contactsWithForce: count,
      contactsCitCertified: count,
      templatesWithForce: count,
      templatesCitCertified: count,
    }),
  ),
  totals: z.object({
    templates: count,
    contacts: count,
    rows: count,
    contactsWithForce: count,
    templatesWithForce: count,
  }),
  periodStart: nullableStr,
  periodEnd: nullableStr,
});

const UseOfForceYearlySchema: z.ZodType<UseOfForceYearly> = z.object({
  versionId: count,
  years: z.array(
    z.object({
      year: count,
      incidents: count,
      rows: count,
      incidentsByLevel: z.object({ "1": count, "2": count, "3": count, "4": count }),
      officers: count,
    }),
  ),
  totals: z.object({ incidents: count, rows: count, officers: count, subjects: count }),
  partialLastYear: z.boolean(),
  periodStart: nullableStr,
  periodEnd: nullableStr,
});

const CrisisCubeSchema: z.ZodType<CrisisCube> = z.object({
  versionId: count,
  cells: z.array(
    z.object({
      month: str,
      precinct: str,
      callType: str,
      templates: count,
      withForce: count,
      arrest: count,
      emergentDetention: count,
      referral: count,
      noAction: count,
      dispositionUnknown: count,
      arrestOrForce: count,
      citCertified: count,
      citRequested: count,
      citDispatched: count,
      citArrived: count,
    }),
  ),
  precincts: z.array(str),
  callTypes: z.array(z.object({ callType: str, templates: count })),
  months: z.array(str),
});

const UofAggregatesSchema: z.ZodType<UofAggregates> = z.object({
  versionId: count,
  incidents: z.array(z.object({ month: str, precinct: str, level: count, incidents: count })),
  officers: z.array(z.object({ period: str, precinct: str, level: count, officers: count })),
  subjects: z.array(z.object({ year: count, precinct: str, race: str, gender: str, subjects: count })),
  places: z.array(z.object({ year: count, precinct: str, sector: str, beat: str, incidents: count })),
  concentration: z.array(
    z.object({
      period: str,
      officers: count,
      incidents: count,
      top10Officers: count,
      top10Share: jsonNumber,
      curve: z.array(z.object({ percentOfOfficers: count, shareOfIncidents: jsonNumber })),
    }),
  ),
  precincts: z.array(str),
  firstDate: nullableStr,
  lastDate: nullableStr,
});

const BeatGeometrySchema: z.ZodType<BeatGeometry> = z.object({
  source: str,
  sha256: str,
  width: count,
  height: count,
  beats: z.array(z.object({ beat: str, sector: nullableStr, precinct: nullableStr, path: str, cx: count, cy: count })),
});

const AmePp = z.object({
  pp: jsonNumber,
  se: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  perThousand: jsonNumber,
});
const Proportion = z.object({ count, total: count, share: jsonNumber, ciLow: jsonNumber, ciHigh: jsonNumber });
const CallRiskGroup = z.enum(CALL_RISK_GROUPS);
const CitTerm = z.object({
  term: str,
  label: str,
  variable: str,
  level: nullableStr,
  reference: nullableStr,
  estimate: jsonNumber,
  se: jsonNumber,
  z: jsonNumber,
  p: jsonNumber,
  oddsRatio: jsonNumber,
  ciLow: jsonNumber,
  ciHigh: jsonNumber,
  seModel: jsonNumber,
  ame: AmePp.nullable(),
  flag: z.literal("separation").nullable(),
});
const Diagnostics = z.object({
  status: z.enum(["converged", "separation", "not_converged", "singular", "failed"]),
  converged: z.boolean(),
  iterations: count,
  logLik: z.number().nullable(),
  dropped: z.array(z.object({ column: str, reason: z.enum(["empty", "collinear"]), detail: str })),
  separation: z.array(z.object({ column: str, outcome: nullableStr, detail: str })),
  warnings: z.array(str),
});
const BinaryModel = z.object({
  formula: str,
  n: count,
  events: count,
  clusters: count,
  terms: z.array(CitTerm),
  diagnostics: Diagnostics,
});
const Counts = z.record(str, count);

const CitResultsSchema: z.ZodType<CitResults> = z.object({
  kind: z.literal("cit-models"),
  methodVersion: str,
  datasetVersionId: count,
  datasetVersionLabel: str,
  synthetic: z.boolean(),
  n: count,
  seMethod: z.literal("cluster-robust HC1 by officer"),
  clusters: count,
  modality: z.object({
    kind: z.enum(["binary", "three_level"]),
    levels: z.array(str),
    reference: str,
    labels: z.record(str, str),
    note: str,
  }),
  exclusions: z.object({
    contactsInVersion: count,
    quarantinedAtIngest: z.object({
      reason: z.literal("impossible_experience"),
      rows: count,
      contacts: count,
      description: str,
    }),
    excluded: z.array(
      z.object({ reason: z.enum(["missing_officer_id", "missing_experience"]), contacts: count, description: str }),
    ),
    dispositionNotRecorded: count,
  }),
  referenceLevels: z.record(str, str),
  pooledLevels: z.array(z.object({ variable: str, levels: z.array(str), into: str, reason: str })),
  callRisk: z.object({
    mappingVersion: str,
    reference: CallRiskGroup,
    counts: Counts,
    viaPrefix: z.array(z.object({ initialCallType: str, group: CallRiskGroup, contacts: count })),
    unmapped: z.array(z.object({ initialCallType: str, contacts: count })),
  }),
  force: BinaryModel,
  forceEraInteraction: BinaryModel.extend({
    citByEra: z.array(
      z.object({
        term: str,
        era: str,
        oddsRatio: jsonNumber,
        ciLow: jsonNumber,
        ciHigh: jsonNumber,
        p: jsonNumber,
        ame: AmePp.nullable(),
      }),
    ),
  }),
  disposition: z.object({
    formula: str,
    reference: z.literal("no_action"),
    n: count,
    counts: Counts,
    clusters: count,
    outcomes: z.record(str, z.object({ terms: z.array(CitTerm) })),
    ameByTerm: z.array(z.object({ term: str, label: str, byOutcome: z.record(str, AmePp) })),
    diagnostics: Diagnostics,
  }),
  dispatchBalance: z.object({
    groups: z.array(CallRiskGroup),
    rows: z.array(
      z.object({
        modality: str,
        label: str,
        total: count,
        counts: Counts,
        shares: z.record(str, Proportion),
      }),
    ),
    test: z.object({
      method: str,
      statistic: jsonNumber,
      df: count,
      p: jsonNumber,
      cramersV: jsonNumber,
      smallExpectedCells: count,
    }),
    violentShareDifferencePp: z.number().nullable(),
    note: str,
  }),
  rawRates: z.array(
    z.object({
      modality: str,
      label: str,
      contacts: count,
      force: Proportion.extend({ perThousand: jsonNumber }),
      disposition: z.record(str, Proportion),
    }),
  ),
  caveats: z.array(str),
  timingsMs: z.object({ load: count, fit: count }),
});

const RaceGroup = z.enum(RACE_GROUPS);
const ByGroup = z.record(RaceGroup, count);
const RatioCi = z.object({ ratio: jsonNumber, low: jsonNumber, high: jsonNumber, seLog: jsonNumber });
const BenchmarkWindow = z.object({
  period: str,
  from: str,
  to: str,
  partial: z.boolean(),
  benchmark: z.enum(["population", "terry-stops"]),
  allForce: count,
  allDenominator: count,
  rows: z.array(
    z.object({
      group: str,
      force: count,
      denominator: count,
      rate: z.number().nullable(),
      vsWhite: RatioCi.nullable(),
      vsAll: RatioCi.nullable(),
    }),
  ),
});

const CommunityResultsSchema: z.ZodType<CommunityResults> = z.object({
  versionId: count,
  population: z
    .object({
      file: str,
      sha256: str,
      column: str,
      total: count,
      byGroup: ByGroup,
      byGender: z.object({ Male: count, Female: count }),
    })
    .nullable(),
  tracts: z.object({ file: str, sha256: str, tracts: count, variables: z.array(str) }).nullable(),
  terry: z.array(
    z.object({
      file: str,
      label: str,
      sha256: str,
      rows: count,
      distinctStops: count,
      duplicateRows: count,
      from: str,
      to: str,
      byGroup: ByGroup,
      byLabel: Counts,
    }),
  ),
  subjects: z.array(
    z.object({ year: count, precinct: str, beat: str, group: RaceGroup, gender: str, subjects: count }),
  ),
  firstDate: nullableStr,
  lastDate: nullableStr,
  completeYears: z.array(count),
  populationRates: z.array(BenchmarkWindow),
  genderRates: z.array(BenchmarkWindow),
  terryRates: z.array(BenchmarkWindow),
  notes: z.array(str),
});

const CoverageStoreSchema: z.ZodType<CoverageStore> = z.object({
  versionId: count,
  timeBasis: z.literal("reported"),
  precincts: z.array(str),
  callTypes: z.array(str),
  years: z.array(
    z.object({
      year: count,
      startWeekday: count,
      periodStart: count,
      periodEnd: count,
      daysInYear: count,
      dt: z.array(count),
      p: z.array(count),
      c: z.array(count),
      o: z.array(count),
      officerRecords: count,
    }),
  ),
  heat: z.object({
    y: z.array(count),
    p: z.array(count),
    c: z.array(count),
    h: z.array(count),
    n: z.array(count),
  }),
});

export const RESULT_SCHEMAS = {
  "uof.yearly": UseOfForceYearlySchema,
  "crisis.yearly": CrisisYearlySchema,
  "crisis.cube": CrisisCubeSchema,
  "crisis.cit": CitResultsSchema,
  "uof.aggregates": UofAggregatesSchema,
  "geo.beats": BeatGeometrySchema,
  "community.benchmarks": CommunityResultsSchema,
  "crisis.coverage": CoverageStoreSchema,
} satisfies { [K in keyof ResultPayloads]: z.ZodType<ResultPayloads[K]> };
