/** Small practice pieces: outcome and difficulty chips, the openness meter, the feedback line. */
import type { PracticeGrade, PracticeOutcome, PracticeTrigger } from '../../api';
import { triggerName } from '../../vocab';

export const OUTCOME_LABEL: Record<PracticeOutcome, string> = {
  'next-step': 'Next step booked',
  'clean-no': 'Clean no',
  'prospect-left': 'Prospect left',
  'walked-out': 'You walked out',
};

/** A booked next step is the win; an honest no is fine; losing them is not. */
const OUTCOME_TONE: Record<PracticeOutcome, 'good' | 'soft' | 'hard'> = {
  'next-step': 'good',
  'clean-no': 'soft',
  'prospect-left': 'hard',
  'walked-out': 'hard',
};

export function OutcomeBadge({ outcome }: { outcome: PracticeOutcome | null }) {
  if (!outcome) return <span className="badge tone-none">In progress</span>;
  return <span className={`badge tone-${OUTCOME_TONE[outcome]}`}>{OUTCOME_LABEL[outcome]}</span>;
}

const DIFFICULTY_TONE: Record<string, 'good' | 'soft' | 'hard'> = {
  easy: 'good',
  medium: 'soft',
  hard: 'hard',
};

export function DifficultyPill({ difficulty }: { difficulty: string }) {
  return (
    <span className={`practice-difficulty tone-${DIFFICULTY_TONE[difficulty] ?? 'none'}`}>
      {difficulty}
    </span>
  );
}

/** `objection:price` (as the scenario list gives it) or a trigger object, as a label. */
export function triggerLabel(t: string | PracticeTrigger): string {
  if (typeof t !== 'string') return triggerName(t.kind, t.subtype);
  const [kind, subtype] = t.split(':');
  return triggerName(kind, subtype);
}

export function OpennessMeter({ value }: { value: number }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="practice-meter" title={`Openness ${pct}%`}>
      <div className="meter">
        <span className={pct < 30 ? 'warn' : ''} style={{ width: `${pct}%` }} />
      </div>
      <span className="muted small">{pct}%</span>
    </div>
  );
}

/** The one line coach mode shows under a reply: what worked, or what would have. */
export function feedbackLine(g: PracticeGrade): string {
  if (g.response === 'challenged') return g.praise ?? 'You stayed and challenged.';
  if (g.suggestion) return `Nothing to lose: “${g.suggestion.text}”`;
  return g.explanation;
}

export function shortDate(iso: string): string {
  return iso.slice(0, 10);
}
