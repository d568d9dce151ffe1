/** The end-of-call debrief: each walk-point, the grade, and a nothing-to-lose reply that works. */
import type { PracticeDebrief } from '../../api';
import { quoted } from '../../vocab';
import { ResponseBadge, ScorePill } from '../ui';
import { OutcomeBadge, triggerLabel } from './bits';

export function Debrief({ debrief, prospect }: { debrief: PracticeDebrief; prospect: string }) {
  return (
    <section className="card practice-debrief" aria-label="Debrief">
      <div className="practice-debrief-head">
        <div>
          <h2>Debrief</h2>
          <OutcomeBadge outcome={debrief.outcome} />
        </div>
        <div className="head-score">
          <ScorePill score={debrief.score} large />
          <span className="muted small">willing to walk</span>
        </div>
      </div>
      <div className="practice-facts">
        <span className="eyebrow">Earned</span>
        {debrief.revealed.length === 0 && <span className="muted">nothing</span>}
        {debrief.revealed.map((f) => (
          <span key={f.id} className="tag tag-technique">
            {f.topic}
          </span>
        ))}
        <span className="eyebrow">Missed</span>
        {debrief.missed.length === 0 && <span className="muted">nothing</span>}
        {debrief.missed.map((f) => (
          <span key={f.id} className="tag practice-missed">
            {f.topic}
          </span>
        ))}
      </div>
      {debrief.moments.length === 0 && (
        <p className="muted">No walk-point was reached before the call ended.</p>
      )}
      <ol className="practice-moments">
        {debrief.moments.map((m, i) => (
          <li key={m.turn} className="practice-moment">
            <div className="practice-moment-head">
              <span className="practice-moment-n">{i + 1}</span>
              <span className="tag">{triggerLabel(m.trigger)}</span>
              <ResponseBadge kind={m.response} />
            </div>
            <blockquote>
              <span className="quote-who">{prospect}:</span> {quoted(m.prospect)}
            </blockquote>
            <blockquote className="evidence">
              <span className="quote-who practice-you">You:</span> {quoted(m.reply)}
            </blockquote>
            {m.praise && <p className="practice-praise">{m.praise}</p>}
            {m.response !== 'challenged' && m.suggestion && (
              <div className="practice-suggestion">
                <span className="eyebrow">Nothing to lose</span>
                <p className="suggestion">{quoted(m.suggestion.text)}</p>
                <p className="muted small">{m.suggestion.why}</p>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
