import pc from 'picocolors';
import type { DebriefMoment, PracticeReport } from './debrief.js';
import type { PracticeTurn } from './grade.js';
import type { ScenarioSummary } from './scenario.js';
import type { ReplyGrade } from './session.js';

/** Text for the terminal. Renderers only read the session and report; they never decide. */

type Paint = (s: string) => string;
const plain: Paint = (s) => s;

function paints(color: boolean) {
  return {
    bold: color ? pc.bold : plain,
    dim: color ? pc.dim : plain,
    good: color ? pc.green : plain,
    bad: color ? pc.red : plain,
    warn: color ? pc.yellow : plain,
  };
}

function triggerName(t: { kind: string; subtype?: string }): string {
  return t.subtype ? `${t.kind}:${t.subtype}` : t.kind;
}

function gradeColour(response: string, color: boolean): string {
  const p = paints(color);
  if (response === 'challenged') return p.good(response);
  if (response === 'walked-out' || response === 'gave-up') return p.bad(response);
  return p.warn(response);
}

/** The scenario list: one line each, by difficulty. */
export function renderScenarioList(list: ScenarioSummary[], color: boolean): string {
  const p = paints(color);
  const width = Math.max(...list.map((s) => s.name.length));
  const lines = list.map(
    (s) =>
      `${p.bold(s.name.padEnd(width))}  ${s.difficulty.padEnd(6)}  ${s.title}\n${' '.repeat(width + 10)}${p.dim(s.triggers.join(', '))}`,
  );
  return `${lines.join('\n')}\n\nPlay one with: walkpoint practice NAME\n`;
}

/** The setting before the call starts. */
export function renderBrief(s: ScenarioSummary, color: boolean): string {
  const p = paints(color);
  const { persona } = s;
  return [
    p.bold(s.title),
    `${persona.name}, ${persona.title}, ${persona.company} (${persona.industry}). ${s.difficulty}.`,
    p.dim(s.brief),
    p.dim('Type your reply and press Enter. Ctrl-D ends the call.'),
    '',
  ].join('\n');
}

/** One line of the call. */
export function renderTurn(t: PracticeTurn, color: boolean): string {
  const p = paints(color);
  return `${t.role === 'prospect' ? p.bold(t.speaker) : t.speaker}: ${t.text}\n`;
}

/** Live feedback after a reply (`--coach`). */
export function renderFeedback(
  g: ReplyGrade,
  moment: DebriefMoment | undefined,
  color: boolean,
): string {
  const p = paints(color);
  const lines = [`  ${p.dim('→')} ${gradeColour(g.response, color)}: ${g.explanation}`];
  if (g.revealed) lines.push(`  ${p.dim('→')} earned: ${g.revealed}`);
  if (g.response !== 'challenged' && moment?.suggestion) {
    lines.push(`  ${p.dim('→')} nothing to lose: "${moment.suggestion.text}"`);
  }
  return `${lines.join('\n')}\n`;
}

function renderMoment(m: DebriefMoment, i: number, rep: string, color: boolean): string {
  const p = paints(color);
  const lines = [
    `${i + 1}. ${p.dim(`[${triggerName(m.trigger)}]`)} "${m.prospect}"`,
    `   ${rep}: "${m.reply}"`,
    `   ${gradeColour(m.response, color)}: ${m.explanation}`,
  ];
  if (m.praise) lines.push(`   ${p.good('✓')} ${m.praise}`);
  if (m.suggestion) {
    const label = m.response === 'challenged' ? 'also works' : 'nothing to lose';
    lines.push(`   ${label}: "${m.suggestion.text}"`, `   ${p.dim(m.suggestion.why)}`);
  }
  return lines.join('\n');
}

const OUTCOME_TEXT: Record<string, string> = {
  'next-step': 'a booked next step',
  'clean-no': 'a clean no (a result: you know where you stand)',
  'prospect-left': 'the prospect left with no next step',
  'walked-out': 'you walked out',
};

/** The debrief: outcome, score, facts earned and missed, then each moment. */
export function renderDebrief(r: PracticeReport, color: boolean): string {
  const p = paints(color);
  const outcome = r.outcome ? OUTCOME_TEXT[r.outcome] : 'unfinished';
  const lines = [
    '',
    p.bold(`Debrief: ${r.title}`),
    `Outcome: ${outcome}`,
    `Score: ${p.bold(String(r.score))}/100 (willing to walk)`,
    `Facts earned: ${r.revealed.map((f) => f.id).join(', ') || 'none'}`,
    `Facts missed: ${r.missed.map((f) => `${f.id} (ask about ${f.topic})`).join(', ') || 'none'}`,
    '',
    ...r.moments.map((m, i) => `${renderMoment(m, i, r.rep, color)}\n`),
  ];
  return `${lines.join('\n')}\n`;
}
