import { resolveEisConfig, type ResolvedEisConfig } from "./config";
import { fitEscalation, type EscalationFit, type EscalationIncident, type EscalationOptions } from "./escalation";
import { flagReasons } from "./flags";
import {
  engagementCounts,
  incidentScores,
  incidentViews,
  subjectScores,
  type EngagementCounts,
  type IncidentView,
} from "./scores";
import type { EisConfig, EisForceRecord, EisOfficerResult, EisRunResult } from "./types";
import { volumeScores } from "./volume";
import { inWindow, runWindows, windowsAsIso, type DateWindow } from "./windows";

/**
 * One EIS run (pure): every officer with a record in any window gets a row with each score, or null where a score
 * cannot be computed, and the flags with their reasons in words. Definitions: docs/eis-methods.md.
 */

const byId = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

function escalationInput(incidents: IncidentView[], window: DateWindow) {
  return incidents
    .filter((inc) => inWindow(inc.occurredAt, window))
    .map((inc) => ({ id: inc.key, officers: [...inc.levels].map(([officerId, level]) => ({ officerId, level })) }));
}

function escalationDiagnostics(fit: EscalationFit) {
  const d = fit.diagnostics;
  return {
    incidents: d.incidentsUsed,
    officers: d.officers,
    iterations: d.iterations,
    converged: d.converged,
    seconds: d.seconds,
  };
}

/**
 * Escalation fits shared between the runs of a series (runEisSeries), keyed by the model's whole input: the
 * informative incidents of the escalation window and the options. Weekly runs often have the same incidents in
 * their 36-month window (7 of the demo's 35 dates), and the fit is a pure function of that input, so a run whose
 * input was already fitted reuses the fit: the same numbers, without the fit's cost.
 */
export type EscalationCache = Map<string, EscalationFit>;

function fitEscalationShared(
  input: EscalationIncident[],
  options: EscalationOptions,
  cache: EscalationCache | undefined,
): { fit: EscalationFit; reused: boolean } {
  if (!cache) return { fit: fitEscalation(input, options), reused: false };
  const key = JSON.stringify([options, input]);
  const hit = cache.get(key);
  if (hit) return { fit: hit, reused: true };
  const fit = fitEscalation(input, options);
  cache.set(key, fit);
  return { fit, reused: false };
}

export function computeEisRun(
  records: EisForceRecord[],
  asOf: Date,
  config: EisConfig,
  opts: { witnessesRecorded: boolean; escalationCache?: EscalationCache },
): EisRunResult {
  // Validated (a stored or hand-written configuration may be wrong); missing optional fields take the defaults.
  const c: ResolvedEisConfig = resolveEisConfig(config);
  const w = runWindows(asOf, c);
  // Records on or after the as-of date are the future for this run.
  const incidents = incidentViews(records.filter((r) => r.occurredAt.getTime() < w.incident.end.getTime()));

  const incident = incidentScores(incidents, w.incident);
  const subject = subjectScores(incidents, w.subject);
  const engagement = opts.witnessesRecorded
    ? engagementCounts(incidents, w.engagement)
    : new Map<string, EngagementCounts>();
  const volume = volumeScores(incidents, w.volume, w.volumePeers, c.volumeMinPeers);
  const { fit, reused } = fitEscalationShared(
    escalationInput(incidents, w.escalation),
    { priorSd: c.priorSd, draws: c.posteriorDraws, seed: c.seed },
    opts.escalationCache,
  );
  const escalation = new Map(fit.officers.map((o) => [o.officerId, o]));

  const officers = new Set<string>();
  for (const inc of incidents) {
    if (Object.values(w).some((win: DateWindow) => inWindow(inc.occurredAt, win)))
      for (const o of inc.levels.keys()) officers.add(o);
  }
  const inVolumeWindow = new Map<string, number>();
  for (const inc of incidents)
    if (inWindow(inc.occurredAt, w.volume))
      for (const o of inc.levels.keys()) inVolumeWindow.set(o, (inVolumeWindow.get(o) ?? 0) + 1);

  const results: EisOfficerResult[] = [...officers].sort(byId).map((officerId) => {
    const e = escalation.get(officerId);
    const eng = engagement.get(officerId);
    const scores: Omit<EisOfficerResult, "flagged" | "reasons"> = {
      officerId,
      precinct: volume.unit.get(officerId) ?? null,
      incidentsInWindow: inVolumeWindow.get(officerId) ?? 0,
      incidentScore: incident.get(officerId)?.score ?? null,
      incidentN: incident.get(officerId)?.n ?? 0,
      subjectScore: subject.get(officerId)?.score ?? null,
      subjectN: subject.get(officerId)?.n ?? 0,
      engagementScore: eng?.score ?? null,
      engagementAvailable: opts.witnessesRecorded,
      ...(opts.witnessesRecorded
        ? { engagementInvolved: eng?.involved ?? 0, engagementWitness: eng?.witness ?? 0 }
        : {}),
      escalation: e
        ? {
            lambda: e.lambda,
            ciLow: e.ciLow,
            ciHigh: e.ciHigh,
            lambdaVsPeers: e.lambdaVsPeers,
            pTop5: e.pTop5,
            peerGroupSize: e.peerGroupSize,
            nIncidents: e.nIncidents,
            levelCounts: e.levelCounts,
          }
        : null,
      volume: volume.scores.get(officerId) ?? null,
    };
    const reasons = flagReasons(scores, c);
    return { ...scores, flagged: reasons.length > 0, reasons };
  });

  return {
    asOf: w.incident.end.toISOString().slice(0, 10),
    windows: windowsAsIso(w),
    config: c,
    witnessesRecorded: opts.witnessesRecorded,
    officers: results,
    diagnostics: {
      escalation: escalationDiagnostics(fit),
      escalationDetail: { ...fit.diagnostics, scale: fit.scale, ...(reused ? { reusedFromEarlierRun: true } : {}) },
      volume: {
        priors: volume.priors,
        unscored: volume.unscored,
        peerWindow: {
          start: w.volumePeers.start.toISOString().slice(0, 10),
          end: w.volumePeers.end.toISOString().slice(0, 10),
        },
      },
      officers: results.length,
      flagged: results.filter((o) => o.flagged).length,
      flagsByCode: Object.fromEntries(
        ["incident_score", "subject_score", "escalation", "volume"].map((code) => [
          code,
          results.filter((o) => o.reasons.some((r) => r.code === code)).length,
        ]),
      ),
    },
  };
}
