import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/testing.js';
import { analyze } from '../engine/analyze.js';
import { reviewDealFile } from './load.js';
import { callPlan } from './plan.js';
import { reviewDeal } from './review.js';
import { PLAN_ORDER } from './rubric/criteria.js';
import { parseDeal } from './schema.js';

const DEALS = fileURLToPath(new URL('../../examples/deals/', import.meta.url));
const BASE = { name: 'Lane', company: 'Acme', stage: 'discovery', value: 1000, owner: 'Kay' };

const CALL = [
  'Kay: Thanks for the time. What made you take the call?',
  'Sam: Our current vendor keeps missing deadlines. It cost us about ten thousand dollars last month and my boss is on me about it.',
  'Kay: What budget do you have for fixing it?',
  'Sam: I have about thirty thousand dollars approved for this year.',
  'Kay: Who else decides?',
  'Sam: I will have to run it by our CFO.',
].join('\n');

describe('reviewDeal', () => {
  const calls = [
    { label: 'call.txt', analysis: analyze(CALL, { rep: ['Kay'], file: 'call.txt' }) },
  ];

  test('proposals count when nothing is confirmed', () => {
    const review = reviewDeal(parseDeal(BASE), calls);
    const budget = review.rubric.find((r) => r.criterion === 'budget')!;
    assert.equal(budget.source, 'proposed');
    assert.equal(budget.score, budget.proposed.score);
    assert.equal(budget.score, 2, budget.proposed.why);
    assert.equal(
      review.total,
      review.rubric.reduce((s, r) => s + r.score, 0),
    );
  });

  test('a confirmed score overrides the proposal, and both are kept', () => {
    const deal = parseDeal({
      ...BASE,
      scores: { budget: { score: 0, note: 'the approval fell through' } },
    });
    const review = reviewDeal(deal, calls);
    const budget = review.rubric.find((r) => r.criterion === 'budget')!;
    assert.equal(budget.score, 0);
    assert.equal(budget.source, 'confirmed');
    assert.equal(budget.corrected, true);
    assert.equal(budget.proposed.score, 2);
    assert.ok(review.plan.some((s) => s.criterion === 'budget'));
  });

  test('a confirmed 0 on compelling reason makes the deal hope', () => {
    const deal = parseDeal({
      ...BASE,
      scores: Object.fromEntries(
        PLAN_ORDER.map((id) => [id, { score: id === 'compelling-reason' ? 0 : 2 }]),
      ),
    });
    const review = reviewDeal(deal, calls);
    assert.equal(review.total, 12);
    assert.equal(review.band, 'hope');
  });

  test("the deal file's next step is the owner's word: a 1, never a 2", () => {
    const deal = parseDeal({
      ...BASE,
      nextStep: { date: '2025-11-03', purpose: 'demo to the CFO' },
    });
    const next = reviewDeal(deal, []).rubric.find((r) => r.criterion === 'next-step')!;
    assert.equal(next.score, 1);
    assert.ok(next.proposed.evidence.some((e) => e.quote === 'demo to the CFO'));
  });

  test('the plan covers every criterion below 2, in the order to ask', () => {
    const review = reviewDeal(parseDeal(BASE), calls);
    const below = review.rubric.filter((r) => r.score < 2).map((r) => r.criterion);
    const planned = review.plan.map((s) => s.criterion);
    assert.deepEqual([...planned].sort(), [...below].sort());
    const positions = planned.map((id) => PLAN_ORDER.indexOf(id));
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    for (const step of review.plan) assert.ok(step.questions.length > 0);
  });

  test("the budget range is bracketed from the deal's value, in its currency", () => {
    const deal = parseDeal({ ...BASE, value: 120000, currency: 'USD' });
    const budget = reviewDeal(deal, []).plan.find((s) => s.criterion === 'budget');
    assert.match(budget?.questions[0].text ?? '', /between \$96,000 and \$140,000 for this/);
  });

  test('the decider question names who the prospect said decides', () => {
    const review = reviewDeal(parseDeal(BASE), calls);
    const dm = review.plan.find((s) => s.criterion === 'decision-maker')!;
    assert.ok(
      dm.questions.some((q) => /your CFO/.test(q.text)),
      JSON.stringify(dm.questions),
    );
  });
});

describe('callPlan', () => {
  test('questions fit what is missing', () => {
    const [budget] = callPlan([{ criterion: 'budget', score: 1, missing: ['source'] }]);
    assert.deepEqual(budget.missing, ['source']);
    assert.ok(budget.questions.every((q) => q.id.startsWith('bu-source')));
  });

  test('a 0 asks about every piece, starting with a range for budget', () => {
    const [budget] = callPlan([
      { criterion: 'budget', score: 0, missing: [], fill: { low: '$40,000', high: '$60,000' } },
    ]);
    assert.deepEqual(budget.missing, ['amount', 'source']);
    assert.match(budget.questions[0].text, /between \$40,000 and \$60,000.*close, or way off/);
  });

  test('a question whose slot nothing fills asks its fallback, never a placeholder', () => {
    const [budget] = callPlan([{ criterion: 'budget', score: 0, missing: [] }]);
    assert.equal(budget.questions[0].id, 'bu-amount-range');
    assert.match(budget.questions[0].text, /range did you have in mind/);
    for (const q of budget.questions) {
      assert.doesNotMatch(q.text, /[{}]|\bA and B\b|undefined|null/);
      assert.deepEqual(Object.keys(q).sort(), ['id', 'text', 'why']);
    }
  });

  test('a 1 with nothing known missing asks to verify', () => {
    const [step] = callPlan([{ criterion: 'why-now', score: 1, missing: [] }]);
    assert.deepEqual(step.missing, ['verify']);
  });

  test('2s are left out', () => {
    assert.deepEqual(callPlan([{ criterion: 'budget', score: 2, missing: [] }]), []);
  });
});

describe('example deals', () => {
  const files = readdirSync(DEALS).filter((f) => f.endsWith('.json'));

  test('every example deal reviews from its calls', () => {
    assert.ok(files.length >= 3);
    for (const f of files) {
      const review = reviewDealFile(join(DEALS, f));
      assert.ok(review.calls.length > 0, f);
      assert.equal(review.rubric.length, 7);
    }
  });

  test('the happy-ears deal is hope; the payroll deal is not', () => {
    assert.equal(reviewDealFile(join(DEALS, 'patient-intake-clinics.json')).band, 'hope');
    const payroll = reviewDealFile(join(DEALS, 'payroll-restaurants.json'));
    assert.notEqual(payroll.band, 'hope');
    assert.ok(payroll.total > reviewDealFile(join(DEALS, 'patient-intake-clinics.json')).total);
  });
});

describe('walkpoint deal review', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-deal-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = runCli;

  test('prints the rubric, band and plan as text', async () => {
    const { code, out } = await run('deal', 'review', join(DEALS, 'payroll-restaurants.json'));
    assert.equal(code, 0);
    assert.match(out, /Budget\s+[0-2]/);
    assert.match(out, /sixty thousand/);
    assert.match(out, /Total \d+\/14 \| Band: /);
  });

  test('--format json is the review object', async () => {
    const { code, out } = await run(
      'deal',
      'review',
      join(DEALS, 'freight-phoenix-lane.json'),
      '--format',
      'json',
    );
    assert.equal(code, 0);
    const review = JSON.parse(out);
    assert.equal(review.rubric.length, 7);
    assert.ok(['real', 'gaps', 'hope'].includes(review.band));
  });

  test('a bad deal file exits 2 naming the field', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...BASE, colour: 'red' }));
    const { code, err } = await run('deal', 'review', file);
    assert.equal(code, 2);
    assert.match(err, /unknown field "colour"/);
  });

  test('inline calls work, and a missing call file names its field', async () => {
    const ok = join(dir, 'inline.json');
    writeFileSync(ok, JSON.stringify({ ...BASE, calls: [{ transcript: CALL }] }));
    assert.equal((await run('deal', 'review', ok)).code, 0);
    const missing = join(dir, 'missing.json');
    writeFileSync(missing, JSON.stringify({ ...BASE, calls: ['nope.vtt'] }));
    const { code, err } = await run('deal', 'review', missing);
    assert.equal(code, 2);
    assert.match(err, /calls\.0/);
  });
});
