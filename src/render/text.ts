import pc from 'picocolors';
import type { Analysis, Moment, Turn } from '../core/types.js';
import {
  countsLine,
  excerpt,
  metricRows,
  momentTurns,
  shownGrade,
  speakerSummary,
  splitBySpans,
  type Tone,
  triggerLabel,
  turnHeading,
} from './view.js';

export interface TextOptions {
  /** ANSI colours (off for files and pipes). */
  color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

function toneColor(c: Colors, tone: Tone): (s: string) => string {
  return { good: c.green, warn: c.yellow, bad: c.red, dim: c.dim }[tone];
}

/** A readable terminal report of one analysed call. */
export function renderText(a: Analysis, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  out.push(c.bold(`Walkpoint report: ${a.source.file ?? '(input)'}`));
  out.push(`Format: ${a.source.format}, ${a.turns.length} turns, ${a.source.bytes} bytes`);
  out.push('Speakers:');
  for (const s of a.speakers) out.push(`  ${speakerSummary(s)}`);
  for (const w of a.warnings) out.push(c.yellow(`Warning: ${w}`));
  out.push('');

  out.push(c.bold(`Walk-point moments (${a.moments.length})`));
  if (a.moments.length === 0) out.push(c.dim('  No walk-points found in this call.'));
  a.moments.forEach((m, i) => {
    out.push('', ...renderMoment(a, m, i, c, options.color));
  });
  out.push('', ...renderScorecard(a, c));
  return `${out.join('\n')}\n`;
}

function renderMoment(a: Analysis, m: Moment, i: number, c: Colors, colored: boolean): string[] {
  const shown = shownGrade(m);
  const grade = toneColor(c, shown.tone)(shown.label);
  const lines = [`${c.bold(`${i + 1}. ${triggerLabel(m)}`)}  ->  ${grade}  (turn ${m.turn + 1})`];
  for (const t of momentTurns(a, m)) {
    lines.push(...renderTurn(t, t.index === m.turn ? m : null, c, colored));
  }
  lines.push(`   Grade: ${grade}. ${m.response.explanation}`);
  if (m.needsReview && m.reviewReason) lines.push(c.dim(`   ${m.reviewReason}`));
  if (m.praise) lines.push(c.green(`   What worked: ${m.praise}`));
  if (m.suggestions.length > 0) {
    lines.push('   Nothing-to-lose moves:');
    for (const s of m.suggestions) {
      lines.push(`   - ${c.cyan(s.text)}`, c.dim(`     why: ${s.why}`));
    }
  }
  return lines;
}

/** One turn, indented; the trigger quote highlighted when this is the moment's trigger turn. */
function renderTurn(t: Turn, trigger: Moment | null, c: Colors, colored: boolean): string[] {
  const cut = excerpt(t.text, trigger?.trigger.span);
  const body = splitBySpans(cut.text, cut.span ? [cut.span] : [])
    .map((p) => (p.mark === undefined ? p.text : highlight(p.text, c, colored)))
    .join('');
  const who = t.role === 'rep' ? c.blue(turnHeading(t)) : c.magenta(turnHeading(t));
  return [`   ${who}: ${body}`];
}

/** The trigger quote: bold magenta in colour, between guillemets in plain text. */
function highlight(text: string, c: Colors, colored: boolean): string {
  return colored ? c.bold(c.magenta(text)) : `«${text}»`;
}

function renderScorecard(a: Analysis, c: Colors): string[] {
  const lines = [c.bold('Scorecard')];
  const rows = metricRows(a);
  rows.push(['Moments by response', countsLine(a.metrics.momentsByResponse)]);
  rows.push(['Moments by trigger', countsLine(a.metrics.momentsByTrigger)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  lines.push('', c.bold(`Willing-to-walk score: ${a.score.willingToWalk}/100`));
  for (const k of a.score.components) {
    lines.push(`  ${`${k.points}/${k.max}`.padStart(7)}  ${k.label}: ${c.dim(k.detail)}`);
  }
  return lines;
}
