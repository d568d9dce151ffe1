import { formatTime } from '../render/view.js';
import type { LiveEvent, LiveSummary } from './events.js';

/**
 * Live events as terminal text, for a rep reading beside the call. Only reads the events; a
 * grade is printed when its line changes.
 */
export function textRenderer(): {
  event(e: LiveEvent): string;
  summary(s: LiveSummary): string;
} {
  const lastLine = new Map<number, string>();
  return {
    event(e) {
      switch (e.type) {
        case 'card': {
          const when = e.start === undefined ? '' : `[${formatTime(e.start)}] `;
          const kind = e.trigger.subtype
            ? `${e.trigger.kind} (${e.trigger.subtype})`
            : e.trigger.kind;
          const tag = e.provisional ? ' (provisional)' : '';
          const lines = [
            `${when}WALK-POINT${tag}: ${kind}: ${e.speaker} ${e.trigger.plain}`,
            `  "${e.words}"`,
            `  Why: ${e.trigger.explanation ?? e.trigger.reason}`,
            '  Ask, with nothing to lose:',
            ...e.questions.map((q, i) => `   ${i + 1}. ${q.text}`),
          ];
          return `${lines.join('\n')}\n`;
        }
        case 'grade': {
          const line = e.needsReview ? `unsure: review (${e.line})` : e.line;
          if (lastLine.get(e.turn) === line) return '';
          lastLine.set(e.turn, line);
          return `  ${e.final ? 'Graded' : 'Your reply'}: ${line}\n`;
        }
        case 'retract':
          return `  (walk-point at turn ${e.turn} withdrawn: ${e.reason})\n`;
        case 'roles':
          return `Roles: ${e.speakers.map((s) => `${s.name} is the ${s.role === 'other' ? 'speaker (role not known yet)' : s.role}`).join('; ')}\n`;
      }
    },
    summary(s) {
      if (s.error) return `Call over (${s.utterances} captions): no analysis: ${s.error}\n`;
      const a = s.analysis!;
      const g = s.agreement!;
      const by = Object.entries(a.metrics.momentsByResponse)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      return [
        `Call over: ${s.utterances} captions, ${a.moments.length} walk-points${by ? ` (${by})` : ''}; willing-to-walk score ${a.score.willingToWalk}/100.`,
        `Cards agreed with the call's analysis on ${g.matched} of ${g.moments} walk-points${g.differences.length ? `; differences: ${g.differences.join('; ')}` : ''}.`,
        ...(s.droppedPartial
          ? ['The last partial caption was never made final and is left out.']
          : []),
        '',
      ].join('\n');
    },
  };
}
