import type { EisOfficerDto } from "@/lib/dal/staff-eis-officer";
import { countRatio } from "@/lib/staff/eis-uncertainty";
import { StripPlot } from "./eis-strip-plot";

/**
 * The selected run's scores of one officer, each against the distribution of the same score among all officers
 * scored in that run, with the uncertainty the method gives: the escalation propensity's 95% interval, and for
 * the level-difference scores the number of incidents or subjects they rest on.
 */
export function EisOfficerScores({ data }: { data: EisOfficerDto }) {
  const { score, peers, run } = data;
  const t = run.thresholds;
  const min = t.minQualifying ?? 3;
  const esc = score.escalation;
  const threshold =
    t.scoreThreshold !== null ? { value: t.scoreThreshold, label: `flag threshold ${t.scoreThreshold}` } : undefined;
  return (
    <section aria-labelledby="scores" data-testid="eis-scores">
      <h2 id="scores">Scores against peers in this run</h2>
      <p className="meta">
        Dots: every officer with this score in the run (no IDs). Diamond: this officer; the line through it is the 95%
        interval where there is one. Incident and subject scores rest on few incidents: the number is in each title, and
        the incident table below shows each incident&apos;s difference.
      </p>
      <StripPlot
        id="incident"
        title={`Incident score: level above the mean of the other officers at the same incidents, averaged over ${score.incidentN} incident${score.incidentN === 1 ? "" : "s"} with another officer`}
        peers={peers.incidentScore}
        officer={
          score.incidentScore === null
            ? null
            : {
                value: score.incidentScore,
                ...(data.incidentInterval ? { low: data.incidentInterval.low, high: data.incidentInterval.high } : {}),
              }
        }
        missing="no incident with another officer in the window"
        threshold={threshold}
        intervalLabel="approximate 95% interval (±1.96 standard errors)"
      />
      {score.incidentScore !== null && score.incidentN < min && (
        <p className="meta">Fewer than {min} incidents: too few for a flag, and too few for an interval.</p>
      )}
      <StripPlot
        id="subject"
        title={`Subject score: level above the other officers who used force on the same subjects, averaged over ${score.subjectN} subject${score.subjectN === 1 ? "" : "s"}`}
        peers={peers.subjectScore}
        officer={score.subjectScore === null ? null : { value: score.subjectScore }}
        missing="no subject who met another officer in the window"
        threshold={threshold}
      />
      {score.subjectScore !== null && score.subjectN < min && (
        <p className="meta">Fewer than {min} subjects: too few for a flag.</p>
      )}
      <StripPlot
        id="escalation"
        title="Escalation propensity (λ): tendency to use a higher level than the other officers at shared incidents, from the escalation model"
        peers={peers.lambda}
        officer={esc ? { value: esc.lambda, low: esc.ciLow, high: esc.ciHigh } : null}
        missing="no informative shared incident in the escalation window"
      />
      {esc && (
        <p data-testid="escalation-detail">
          Compared with the {esc.peerGroupSize} officers of its peer group (officers linked through shared incidents): λ
          is {esc.lambdaVsPeers >= 0 ? "+" : ""}
          {esc.lambdaVsPeers.toFixed(2)} from the peer mean; probability of being in the top 5% of the peer group:{" "}
          {(esc.pTop5 * 100).toFixed(0)}%
          {t.pTop5Threshold !== null ? ` (flag above ${(t.pTop5Threshold * 100).toFixed(0)}%)` : ""}; based on{" "}
          {esc.nIncidents} incident{esc.nIncidents === 1 ? "" : "s"}.
        </p>
      )}
      {esc && (
        <p className="meta" data-testid="peer-counts">
          Two different counts: the dots above are all {peers.lambda.length} officers with a propensity in this run,
          across every group; the peer group is the {esc.peerGroupSize} of them linked to this officer through shared
          incidents (directly or through other officers), the only officers the model can compare them with. The
          &quot;top 5%&quot; is within the peer group.
        </p>
      )}
      {score.volume && (
        <StripPlot
          id="volume"
          title={`Volume: force incidents over the peer group's average (${score.volume.count} in the window against an average of ${score.volume.peerRate.toFixed(1)}; q = ${score.volume.qValue.toFixed(3)})`}
          peers={peers.volumeRatio}
          officer={countRatio(score.volume) === null ? null : { value: countRatio(score.volume)! }}
          missing="the peer group used no force in the window"
          threshold={{ value: 1, label: "peer average" }}
        />
      )}
      <h3>Engagement score</h3>
      <p data-testid="engagement">
        {score.engagementAvailable && score.engagementScore !== null
          ? `Engagement score: ${score.engagementScore.toFixed(2)}.`
          : score.engagementAvailable
            ? "Not computable: no incident in the past year."
            : "Not available in this data: Seattle's Use of Force data lists only officers who used force, not those present without using force."}
      </p>
    </section>
  );
}
