/**
 * `npm run in-domain -- FILE.jsonl`: how far the trigger model's features can go inside one
 * domain. Trains a fresh model on the even-numbered dialogs of a labelled utterance file (rows
 * with `dialog`, `role`, `text` and a gold `trigger`, as in ../shared/data/resper-p4g.jsonl) and
 * reports resistance (any trigger) on the odd-numbered dialogs only. Nothing is written: the
 * shipped model never sees such data. It answers "is the miss a domain gap or a ceiling of the
 * features?".
 */
import { readFileSync } from 'node:fs';
import { annotate } from '../src/annotate/index.js';
import { featurize } from '../src/model/features.js';
import { compile, predict } from '../src/model/softmax.js';
import { fitModel } from '../src/training/train.js';
import { mergeSentences, type Unit } from '../src/training/units.js';

interface Row {
  dialog: string;
  role: string;
  text: string;
  trigger: string | null;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run in-domain -- FILE.jsonl (rows with dialog, role, text, trigger)');
  process.exit(2);
}
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.role === 'prospect');
const dialogs = [...new Set(rows.map((r) => r.dialog))];
const half = new Map(dialogs.map((d, i) => [d, i % 2]));
const units = (part: number): Unit[] =>
  rows.flatMap((r, i) => {
    if (half.get(r.dialog) !== part) return [];
    const [turn] = annotate([{ index: 0, speaker: 'P', role: 'prospect', text: r.text }]);
    if (turn.sentences.length === 0) return [];
    const label = r.trigger ? 'resist' : 'none';
    return [{ sentence: mergeSentences(turn.sentences), role: 'prospect', label, source: `${i}` }];
  });
const train = units(0);
const test = units(1);
const { model } = fitModel(['none', 'resist'], train, train);
const c = compile(model);
console.log(
  `${file}: trained on ${train.length} prospect rows (even dialogs), measured on ${test.length} (odd dialogs)`,
);
for (const threshold of [0.1, 0.2, 0.3, 0.4, 0.5]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const u of test) {
    const got = predict(c, featurize(u.sentence, 'prospect'), 0).probs[1] >= threshold;
    const gold = u.label === 'resist';
    if (got && gold) tp++;
    else if (got) fp++;
    else if (gold) fn++;
  }
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  const f1 = (2 * p * r) / Math.max(1e-9, p + r);
  console.log(`  threshold ${threshold}: P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`);
}
