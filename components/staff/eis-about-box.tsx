import Link from "next/link";

/**
 * "What these scores are and are not": shown on every EIS page, in plain words, before any number. The method
 * notes live with the scoring library (docs/eis-methods.md) and on the public methodology page.
 */
export function EisAboutBox({ compact = false }: { compact?: boolean }) {
  return (
    <aside className="eis-about" aria-labelledby="eis-about-title" data-testid="eis-about">
      <h2 id="eis-about-title">What these scores are, and are not</h2>
      <ul>
        <li>
          <strong>A prompt for a supervisor&apos;s review, not a finding.</strong> A flag is not discipline and not
          evidence of misconduct; it asks a supervisor to look at the incidents and decide, with a written reason when
          they disagree.
        </li>
        <li>
          <strong>Compared with peers in the same situations.</strong> Scores compare an officer with the other officers
          at the same incidents, or with the same subjects, so a busy beat or a hard assignment does not by itself raise
          a score.
        </li>
        {!compact && (
          <>
            <li>
              <strong>Uncertain, especially with few incidents.</strong> A score from three incidents can move a lot
              with one more. Intervals show the uncertainty; a score that cannot be computed is shown as not available,
              never as 0.
            </li>
            <li>
              <strong>Only what the data records.</strong> Seattle&apos;s Use of Force data lists officers who used
              force, not officers who were present without using force, so the engagement score is not available in this
              data. Use of Force officer IDs are a different ID space from the crisis-data officer IDs on the Officers
              pages.
            </li>
          </>
        )}
      </ul>
      <p className="meta">
        How the scores are computed: the <Link href="/methodology">methodology page</Link> and the method notes that
        ship with the scoring library (docs/eis-methods.md).
      </p>
    </aside>
  );
}
