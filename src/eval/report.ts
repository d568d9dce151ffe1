import type { CallEval } from './calls.js';
import type { DealAgreement, DealEval } from './deals.js';
import type { Prf } from './metrics.js';
import type { OutsideEval } from './outside.js';
import type { Comparison, UtteranceEval } from './utterances.js';

/** Plain-text tables for `walkpoint eval` (the numbers come from the eval modules). */

const pct = (n: number) => n.toFixed(3);

function row(name: string, p: Prf, width = 24): string {
  return `  ${name.padEnd(width)} ${pct(p.precision).padStart(9)} ${pct(p.recall).padStart(7)} ${pct(p.f1).padStart(7)} ${String(p.support).padStart(8)}`;
}

const HEADER = (width = 24) =>
  `  ${''.padEnd(width)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(7)} ${'support'.padStart(8)}`;

function comparison(title: string, c: Comparison): string[] {
  const lines = [title, HEADER(), row('engine', c.engine)];
  for (const [name, p] of Object.entries(c.baselines)) {
    lines.push(
      row(name.startsWith('rules only') ? 'rules only (no model)' : `baseline: ${name}`, p),
    );
  }
  return lines;
}

function table(title: string, rows: Record<string, Prf>, baseline?: Record<string, Prf>): string[] {
  const lines = [title, `${HEADER()}${baseline ? `   ${'keyword F1'.padStart(10)}` : ''}`];
  for (const [name, p] of Object.entries(rows)) {
    if (p.support === 0 && p.fp === 0) continue;
    const b = baseline?.[name];
    lines.push(`${row(name, p)}${b ? `   ${pct(b.f1).padStart(10)}` : ''}`);
  }
  return lines;
}

export function renderUtteranceEval(r: UtteranceEval, misses = 10): string {
  const out = [
    `${r.file}${r.split ? ` (split: ${r.split})` : ''}: ${r.evaluated} utterances evaluated of ${r.lines} lines`,
  ];
  if (r.unlabelled.length > 0) {
    out.push(
      `  ${r.unlabelled.length} lines have no gold label and were not counted (lines ${r.unlabelled.slice(0, 10).join(', ')}${r.unlabelled.length > 10 ? ', ...' : ''})`,
    );
  }
  if (r.question) {
    out.push('', ...comparison('Questions, as given', r.question.asGiven));
    out.push('', ...comparison('Questions, all punctuation removed', r.question.noPunctuation));
  }
  if (r.anyTrigger)
    out.push('', ...comparison('Resistance: any trigger on prospect lines', r.anyTrigger));
  if (r.byKind) out.push('', ...table('By kind', r.byKind.engine, r.byKind.keywords));
  if (r.bySubtype && Object.keys(r.bySubtype).length > 0)
    out.push('', ...table('By trigger subtype', r.bySubtype));
  const missKinds = Object.entries(r.misses);
  if (missKinds.length > 0 && misses > 0) {
    out.push('', 'Misses (gold -> engine):');
    for (const [kind, list] of missKinds) {
      out.push(`  ${kind}:`);
      for (const m of list.slice(0, misses)) {
        out.push(
          `    line ${m.line}: [${m.gold.join(', ') || '-'}] -> [${m.predicted.join(', ') || '-'}] ${JSON.stringify(m.text.slice(0, 140))}`,
        );
      }
    }
  }
  return out.join('\n');
}

export function renderCallEval(r: CallEval, misses = 30): string {
  const out = [
    `Labelled calls${r.split ? ` (split: ${r.split})` : ''}: ${r.calls} calls, ${r.moments} labelled moments`,
    ...(r.note ? [`Note: ${r.note}`] : []),
    '',
    'Walk-point turns (is there a trigger in this prospect turn?)',
    HEADER(),
    row('engine', r.anyTrigger.engine),
    row('rules only (no model)', r.anyTrigger.rulesOnly),
    row('baseline: keywords', r.anyTrigger.keywords),
    '',
    ...table('Trigger kind (the strongest trigger of the turn)', r.byKind),
    '',
    ...table('Trigger subtype', r.bySubtype),
    '',
    `Response at the labelled moments: accuracy ${pct(r.response.accuracy)} of ${r.response.total} (baseline, always the most common response: ${pct(r.response.majorityBaseline)})`,
    `Response end to end, on moments the engine found: accuracy ${pct(r.responseEndToEnd.accuracy)} of ${r.responseEndToEnd.total}`,
    '',
    'Confusion (rows gold, columns engine):',
  ];
  const kinds = ['challenged', 'caved', 'gave-up', 'walked-out', 'pitched-through', 'none'];
  out.push(`  ${''.padEnd(16)}${kinds.map((k) => k.slice(0, 10).padStart(11)).join('')}`);
  for (const g of kinds) {
    const cells = r.response.matrix[g];
    if (!cells) continue;
    out.push(`  ${g.padEnd(16)}${kinds.map((k) => String(cells[k] ?? 0).padStart(11)).join('')}`);
  }
  if (misses > 0 && r.misses.length > 0) {
    out.push('', 'Misses:');
    for (const m of r.misses.slice(0, misses)) {
      const trig =
        m.gold !== m.predicted ? ` trigger ${m.gold ?? '-'} -> ${m.predicted ?? '-'}` : '';
      const resp =
        m.goldResponse && m.goldResponse !== m.predictedResponse
          ? ` response ${m.goldResponse} -> ${m.predictedResponse}`
          : '';
      out.push(`  ${m.call} turn ${m.turn}:${trig}${resp} ${JSON.stringify(m.text.slice(0, 120))}`);
    }
    if (r.misses.length > misses)
      out.push(`  ... ${r.misses.length - misses} more (--misses N, or --json)`);
  }
  return out.join('\n');
}

export function renderOutsideEval(r: OutsideEval, misses = 30): string {
  const out = [
    `Outside set ${r.folder}: ${r.files} conversations, ${r.labelled} labelled walk-points (blind labels)`,
    '',
    'Walk-point turns (a moment of one of the labelled kinds on the labelled turn)',
    HEADER(),
    row('engine', r.turns),
    ...Object.entries(r.byGroup).map(([g, p]) => row(`  ${g}`, p)),
    '',
    `Grades on the walk-points found: ${pct(r.grades.accuracy)} (${r.grades.right} of ${r.grades.total} match a labeller)`,
    `Grades not flagged for review: ${pct(r.confident.accuracy)} (${r.confident.right} of ${r.confident.total}; ${pct(r.confident.share)} of found moments are not flagged)`,
    '',
    'Reliability (stated confidence against how often the grade is right):',
    `  ${'confidence'.padEnd(12)} ${'moments'.padStart(8)} ${'mean'.padStart(6)} ${'right'.padStart(6)}`,
    ...r.reliability
      .filter((b) => b.moments > 0)
      .map(
        (b) =>
          `  ${`${b.from.toFixed(1)}-${b.to.toFixed(1)}`.padEnd(12)} ${String(b.moments).padStart(8)} ${pct(b.confidence).padStart(6)} ${pct(b.accuracy).padStart(6)}`,
      ),
  ];
  if (misses > 0 && r.misses.length > 0) {
    out.push('', 'Misses (gold -> engine):');
    for (const m of r.misses.slice(0, misses)) {
      const gold = m.gold ? `${m.gold.join('|')} ${m.goldResponses?.join('|')}` : '-';
      const got = m.predicted
        ? `${m.predicted} ${m.predictedResponse}${m.needsReview ? ' (review)' : ''}`
        : '-';
      out.push(`  ${m.file}:${m.line} ${gold} -> ${got} ${JSON.stringify(m.text.slice(0, 120))}`);
    }
    if (r.misses.length > misses)
      out.push(`  ... ${r.misses.length - misses} more (--misses N, or --json)`);
  }
  return out.join('\n');
}

export function renderDealEval(r: DealEval, misses = 10): string {
  const head = `  ${''.padEnd(18)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'gold'.padStart(5)}   ${'kw P'.padStart(6)} ${'kw R'.padStart(6)} ${'kw F1'.padStart(6)}   ${'score acc'.padStart(9)} ${'kw acc'.padStart(6)}`;
  const line = (name: string, e: Prf, b: Prf, acc: number, kwAcc: number) =>
    `  ${name.padEnd(18)} ${pct(e.precision).padStart(9)} ${pct(e.recall).padStart(7)} ${pct(e.f1).padStart(6)} ${String(e.support).padStart(5)}   ${pct(b.precision).padStart(6)} ${pct(b.recall).padStart(6)} ${pct(b.f1).padStart(6)}   ${pct(acc).padStart(9)} ${pct(kwAcc).padStart(6)}`;
  const out = [
    `Deal evidence: ${r.calls} labelled calls${r.split ? ` (split: ${r.split})` : ''}; engine beside a keyword baseline (kw)`,
    `  matching: ${r.matching}`,
    '',
    head,
  ];
  for (const [id, c] of Object.entries(r.criteria)) {
    out.push(line(id, c.evidence, c.baseline, c.score.accuracy, c.baselineScore));
  }
  const o = r.overall;
  out.push(line('all criteria', o.evidence, o.baseline, o.scoreAccuracy, o.baselineScoreAccuracy));
  if (misses > 0 && r.misses.length > 0) {
    out.push(
      '',
      'Misses (missed: labelled, not found; extra: found, not labelled; score: labelled -> engine):',
    );
    for (const id of Object.keys(r.criteria)) {
      const list = r.misses.filter((m) => m.criterion === id);
      if (list.length === 0) continue;
      out.push(`  ${id}:`);
      for (const m of list.slice(0, misses)) {
        out.push(
          m.type === 'score'
            ? `    score   ${m.file}: ${m.gold} -> ${m.predicted}`
            : `    ${m.type.padEnd(7)} ${m.file} turn ${m.turn}: "${m.quote}"${m.reason ? ` (${m.reason})` : ''}`,
        );
      }
      if (list.length > misses) out.push(`    (+${list.length - misses} more)`);
    }
  }
  if (misses > 0) {
    out.push('', 'Evidence by cue (labelled / not labelled):');
    for (const [id, { hits, extras }] of Object.entries(r.reasons).sort()) {
      out.push(`  ${id.padEnd(44)} ${String(hits).padStart(4)} / ${extras}`);
    }
  }
  if (r.warnings.length > 0) out.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w}`));
  return out.join('\n');
}

export function renderDealAgreement(r: DealAgreement): string {
  const head = `  ${''.padEnd(18)} ${'human P'.padStart(8)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'engine P'.padStart(8)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'both P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'score: human'.padStart(12)} ${'engine'.padStart(6)}`;
  const line = (name: string, c: DealAgreement['overall']) =>
    `  ${name.padEnd(18)} ${pct(c.human.precision).padStart(8)} ${pct(c.human.recall).padStart(6)} ${pct(c.human.f1).padStart(6)}   ${pct(c.engine.precision).padStart(8)} ${pct(c.engine.recall).padStart(6)} ${pct(c.engine.f1).padStart(6)}   ${pct(c.engineBoth.precision).padStart(6)} ${pct(c.engineBoth.recall).padStart(6)} ${pct(c.engineBoth.f1).padStart(6)}   ${pct(c.humanScore).padStart(12)} ${pct(c.engineScore).padStart(6)}`;
  const out = [
    `Deal evidence agreement: ${r.calls} calls labelled twice${r.split ? ` (split: ${r.split})` : ''}; the second labeller (human) and the engine, each measured against the first labeller`,
    `  matching: ${r.matching}`,
    '  both: the engine against both labellings (precision over sentences either cited, recall of those both cited)',
    '',
    head,
    ...Object.entries(r.criteria).map(([id, c]) => line(id, c)),
    line('all criteria', r.overall),
  ];
  if (r.unmatched.length > 0) {
    out.push('', `Labelled once only (left out): ${r.unmatched.join(', ')}`);
  }
  if (r.warnings.length > 0) out.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w}`));
  return out.join('\n');
}
