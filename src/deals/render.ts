import type { EvidenceItem } from './evidence/index.js';
import type { DealReview, RubricLine } from './review.js';

const BAND_LABELS = { real: 'real', gaps: 'gaps to close', hope: 'hope' } as const;
/** Evidence lines shown per criterion in text; JSON carries them all. */
const SHOWN = 3;

/** The deal review as plain text: header, rubric with evidence, total and band, call plan. */
export function renderDealReview(review: DealReview): string {
  const { deal } = review;
  const out: string[] = [];
  out.push(`Deal: ${deal.name} (${deal.company})`);
  const value = `${deal.value.toLocaleString('en-US')}${deal.currency ? ` ${deal.currency}` : ''}`;
  out.push(`Stage: ${deal.stage} | Value: ${value} | Owner: ${deal.owner}`);
  if (deal.nextStep)
    out.push(`Next step (deal file): ${deal.nextStep.date}, ${deal.nextStep.purpose}`);
  review.calls.forEach((c, i) => {
    out.push(
      `Call ${i + 1}: ${c.label} (${c.turns} turns, ${c.moments} walk-points${c.nextStep ? ', ends with a next step' : ''})`,
    );
  });
  if (review.calls.length === 0) out.push("Calls: none linked; every score is the owner's word");
  for (const w of review.warnings) out.push(`warning: ${w}`);
  out.push('', 'Rubric (0 hoped, 1 said but unverified, 2 evidenced)');
  for (const line of review.rubric) out.push(...rubricLine(line));
  out.push(
    '',
    `Total ${review.total}/14 | Band: ${BAND_LABELS[review.band]} (${review.bandReason})`,
  );
  out.push(
    '',
    review.plan.length > 0
      ? 'Call plan: ask in this order'
      : 'Call plan: nothing below 2; confirm it all still holds',
  );
  review.plan.forEach((step, i) => {
    out.push(`${i + 1}. ${step.label} (${step.score}/2), missing: ${step.missing.join(', ')}`);
    for (const q of step.questions) out.push(`   - "${q.text}"`, `     ${q.why}`);
  });
  return `${out.join('\n')}\n`;
}

function rubricLine(line: RubricLine): string[] {
  const { proposed, confirmed } = line;
  const who = confirmed
    ? `confirmed ${confirmed.score}, calls propose ${proposed.score}${line.corrected ? ' (corrected)' : ''}`
    : `proposed from the calls`;
  const out = [`  ${line.label.padEnd(22)} ${line.score}  ${who}`];
  if (confirmed?.evidence) out.push(`      you: "${confirmed.evidence}"`);
  if (confirmed?.note) out.push(`      note: ${confirmed.note}`);
  out.push(`      calls: ${proposed.why}`);
  const ranked = [...proposed.evidence].sort((a, b) => rank(a) - rank(b));
  for (const e of ranked.slice(0, SHOWN)) out.push(`      ${evidenceLine(e)}`);
  if (ranked.length > SHOWN) out.push(`      (+${ranked.length - SHOWN} more in --format json)`);
  for (const e of proposed.counter.slice(0, 1)) out.push(`      against: ${evidenceLine(e)}`);
  return out;
}

function rank(e: EvidenceItem): number {
  return e.strength === 'stated' ? 0 : 1;
}

function evidenceLine(e: EvidenceItem): string {
  const where = e.call < 0 ? 'deal file' : `call ${e.call + 1}, turn ${e.turn}, ${e.speaker}`;
  return `[${e.piece}, ${e.strength}] "${e.quote}" (${where}; ${e.reason})`;
}
