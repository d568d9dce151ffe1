import type { Analysis, Moment, Turn } from '../core/types.js';
import {
  countsLine,
  excerpt,
  metricRows,
  momentTurns,
  shownGrade,
  speakerSummary,
  splitBySpans,
  triggerLabel,
  turnHeading,
} from './view.js';

/** Backslash-escapes Markdown syntax and angle brackets so transcript text stays text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`).replace(/\n/g, ' ');
}

/** A Markdown report of one analysed call (for wikis, tickets and pull requests). */
export function renderMarkdown(a: Analysis): string {
  const e = escapeMarkdown;
  const out: string[] = [`# Walkpoint report: ${e(a.source.file ?? '(input)')}`, ''];
  out.push(`Format: ${a.source.format}, ${a.turns.length} turns, ${a.source.bytes} bytes`, '');
  out.push('## Speakers', '');
  for (const s of a.speakers) out.push(`- ${e(speakerSummary(s))}`);
  if (a.warnings.length > 0) {
    out.push('', '## Warnings', '');
    for (const w of a.warnings) out.push(`- ${e(w)}`);
  }
  out.push('', `## Walk-point moments (${a.moments.length})`, '');
  if (a.moments.length === 0) out.push('No walk-points found in this call.', '');
  a.moments.forEach((m, i) => {
    out.push(...renderMoment(a, m, i), '');
  });
  out.push(...renderScorecard(a));
  return `${out.join('\n')}\n`;
}

function renderMoment(a: Analysis, m: Moment, i: number): string[] {
  const e = escapeMarkdown;
  const lines = [
    `### ${i + 1}. ${triggerLabel(m)}: **${shownGrade(m).label}** (turn ${m.turn + 1})`,
    '',
  ];
  for (const t of momentTurns(a, m)) lines.push(renderTurn(t, t.index === m.turn ? m : null), '>');
  lines.pop();
  lines.push('', `**Grade: ${shownGrade(m).label}.** ${e(m.response.explanation)}`);
  if (m.needsReview && m.reviewReason) lines.push('', e(m.reviewReason));
  if (m.praise) lines.push('', `What worked: ${e(m.praise)}`);
  if (m.suggestions.length > 0) {
    lines.push('', 'Nothing-to-lose moves:', '');
    for (const s of m.suggestions) lines.push(`- **${e(s.text)}** (${e(s.why)})`);
  }
  return lines;
}

function renderTurn(t: Turn, trigger: Moment | null): string {
  const cut = excerpt(t.text, trigger?.trigger.span);
  const body = splitBySpans(cut.text, cut.span ? [cut.span] : [])
    .map((p) => (p.mark === undefined ? escapeMarkdown(p.text) : `**${escapeMarkdown(p.text)}**`))
    .join('');
  return `> **${escapeMarkdown(turnHeading(t))}:** ${body}`;
}

function renderScorecard(a: Analysis): string[] {
  const e = escapeMarkdown;
  const lines = ['## Scorecard', '', '| Metric | Value |', '| --- | --- |'];
  for (const [label, value] of metricRows(a)) lines.push(`| ${label} | ${e(value)} |`);
  lines.push(`| Moments by response | ${countsLine(a.metrics.momentsByResponse)} |`);
  lines.push(`| Moments by trigger | ${countsLine(a.metrics.momentsByTrigger)} |`);
  lines.push('', `### Willing-to-walk score: ${a.score.willingToWalk}/100`, '');
  lines.push('| Component | Points | Detail |', '| --- | --- | --- |');
  for (const k of a.score.components) {
    lines.push(`| ${e(k.label)} | ${k.points}/${k.max} | ${e(k.detail)} |`);
  }
  return lines;
}
