import type { CallsComparison } from './compare.js';
import type { HistoryEntry } from './history.js';
import type { SelfCheckResult } from './score.js';

/** The self-check as plain text: subscales and bands, gaps against the calls, the trend. */
export function renderSelfCheck(
  result: SelfCheckResult,
  comparison?: CallsComparison,
  previous?: HistoryEntry,
): string {
  const out: string[] = [
    'Mindset self-check (higher = more of it; a self-rating, not a validated sales assessment)',
  ];
  for (const s of result.subscales) {
    const score = s.score === null ? 'no answers' : `${s.score.toFixed(2)}  ${s.band}`;
    const partial = s.complete ? '' : `  (incomplete: ${s.answered} of ${s.items} answered)`;
    const before = previous?.subscales.find((p) => p.id === s.id)?.score;
    const trend =
      s.score !== null && typeof before === 'number' ? `  (last time ${before.toFixed(2)})` : '';
    out.push(`  ${s.label.padEnd(26)} ${score}${partial}${trend}`);
  }
  if (result.unanswered.length > 0) {
    out.push(`Unanswered (not scored): ${result.unanswered.map((n) => `item ${n}`).join(', ')}`);
  }
  if (comparison) {
    const mix = Object.entries(comparison.mix)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    out.push(
      '',
      `On the calls: ${comparison.rep}, ${comparison.calls} call(s), ${comparison.moments} walk-points (${mix || 'none'})`,
    );
    const order = { overrates: 0, underrates: 1, consistent: 2, 'too-few': 3 } as const;
    for (const g of [...comparison.gaps].sort((a, b) => order[a.kind] - order[b.kind])) {
      const mark = g.kind === 'overrates' || g.kind === 'underrates' ? 'GAP ' : '    ';
      out.push(`  ${mark}${g.text}`);
    }
  }
  return `${out.join('\n')}\n`;
}
