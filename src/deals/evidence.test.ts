import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../engine/analyze.js';
import { type LinkedCall, proposeEvidence } from './evidence/index.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

/** An example call analysed with the rep its labels name. */
function example(name: string): LinkedCall {
  const labelsName = name.replace(/\.[a-z]+$/, '.labels.json');
  const { rep } = JSON.parse(readFileSync(new URL(labelsName, EXAMPLES), 'utf8'));
  return {
    label: name,
    analysis: analyze(readFileSync(new URL(name, EXAMPLES)), { rep, file: name }),
  };
}

function inline(text: string, rep: string): LinkedCall {
  return { label: 'inline', analysis: analyze(text, { rep: [rep], file: 'inline.txt' }) };
}

const payroll = example('saas-payroll-think-it-over.csv');
const healthcare = example('healthcare-it-happy-ears.json');
const manufacturing = example('manufacturing-incumbent.txt');
const logistics = example('logistics-send-info.csv');

describe('evidence from the example calls', () => {
  test('a budget the prospect stated is proposed with the figure quoted', () => {
    const { budget } = proposeEvidence([payroll]);
    assert.ok(budget.score >= 1, budget.why);
    const amount = budget.evidence.find((e) => e.piece === 'amount' && e.strength === 'stated');
    assert.ok(amount, 'a stated amount');
    assert.match(amount.quote, /sixty thousand/);
    assert.equal(payroll.analysis.turns[amount.turn].role, 'prospect');
  });

  test('a range the rep offered and the prospect confirmed is said, not evidenced', () => {
    const { budget } = proposeEvidence([logistics]);
    assert.equal(budget.score, 1);
    assert.ok(
      budget.evidence.some((e) => e.reason === 'range-confirmed' && /million/.test(e.quote)),
    );
    assert.ok(budget.missing.includes('amount'));
  });

  test('a dated next step the prospect agreed to is proposed with the date', () => {
    const next = proposeEvidence([manufacturing])['next-step'];
    assert.ok(next.score >= 1, next.why);
    const date = next.evidence.find((e) => e.piece === 'date');
    assert.ok(date);
    assert.match(date.quote, /Tuesday|14th/);
  });

  test('a slot named and taken in speech without punctuation is a next step, both turns quoted', () => {
    const call = inline(
      [
        'Ravi: ok so do we get your ops lead on a call next week and go through the route numbers',
        'Mo: yeah fine she is around on thursday',
        'Ravi: thursday at nine then and i will bring the route numbers',
        'Mo: nine works for us',
      ].join('\n'),
      'Ravi',
    );
    const next = proposeEvidence([call])['next-step'];
    const dates = next.evidence.filter((e) => e.piece === 'date').map((e) => e.quote);
    assert.ok(
      dates.includes('thursday at nine then and i will bring the route numbers'),
      dates.join(' | '),
    );
    assert.ok(dates.includes('nine works for us'), dates.join(' | '));
    assert.ok(next.score >= 1, next.why);
  });

  test("the engine's price objection is budget evidence, said but not a budget (1)", () => {
    const call = inline(
      [
        'Ravi: The plan for all four shops comes to four thousand a month.',
        'Mo: Four thousand? That is way too expensive for a shop our size.',
      ].join('\n'),
      'Ravi',
    );
    assert.ok(
      call.analysis.findings.some((f) => f.kind === 'objection:price'),
      'the engine reads a price objection',
    );
    const { budget } = proposeEvidence([call]);
    const reaction = budget.evidence.find((e) => e.reason === 'price-objection');
    assert.ok(reaction, budget.why);
    assert.equal(reaction.strength, 'vague');
    assert.match(reaction.quote, /too expensive/);
    assert.equal(budget.score, 1);
  });

  test("the engine's demand is decision-process evidence, and an ultimatum says who decides", () => {
    const call = inline(
      [
        'Ravi: What would you need to see from us?',
        'Mo: Beat the quote we have from Harlow by twenty percent, today, or we are done here.',
      ].join('\n'),
      'Ravi',
    );
    assert.ok(
      call.analysis.findings.some((f) => f.kind.startsWith('demand')),
      call.analysis.findings.map((f) => f.kind).join(', '),
    );
    const process = proposeEvidence([call])['decision-process'];
    const terms = process.evidence.find((e) => e.reason === 'terms-demanded');
    assert.ok(terms, process.why);
    assert.equal(terms.piece, 'criteria');
    assert.match(terms.quote, /Beat the quote/);
    // an ultimatum is set by the one who decides, on the call
    const dm = proposeEvidence([call])['decision-maker'];
    assert.ok(
      dm.evidence.some((e) => e.reason === 'ultimatum-decider'),
      dm.why,
    );
    assert.equal(dm.score, 2);
  });

  test('a slot only mentioned, a bare yes to a statement, or "at one point" takes no meeting', () => {
    for (const lines of [
      ['Ravi: so your drivers work saturdays and most mondays', 'Mo: yeah that is about right'],
      ['Ravi: we had this at one point.', 'Mo: sure, works for me I guess'],
      ['Ravi: At seven, the fee is ninety a month.', 'Mo: Okay.'],
    ]) {
      const next = proposeEvidence([inline(lines.join('\n'), 'Ravi')])['next-step'];
      assert.deepEqual(
        next.evidence.filter((e) => e.reason === 'date-accepted').map((e) => e.quote),
        [],
        lines.join(' / '),
      );
    }
  });

  test('a call that ends on "run it by the team" has no next step and no budget', () => {
    const p = proposeEvidence([healthcare]);
    assert.equal(p['next-step'].score, 0);
    assert.equal(p.budget.score, 0);
  });

  test('a decider who is not on the call makes decision-maker access 1 at best', () => {
    const dm = proposeEvidence([healthcare])['decision-maker'];
    assert.equal(dm.score, 1);
    assert.ok(dm.evidence.some((e) => /Marsh/.test(e.quote)));
    assert.deepEqual(dm.missing, ['decider-on-call']);
  });

  test("a cost in the prospect's words, with a personal stake, evidences the compelling reason", () => {
    const cr = proposeEvidence([manufacturing])['compelling-reason'];
    assert.equal(cr.score, 2, cr.why);
    assert.ok(cr.evidence.some((e) => e.piece === 'cost' && /grand/.test(e.quote)));
    assert.ok(cr.evidence.some((e) => e.piece === 'personal'));
  });

  test('"get my director off my back" is not a person in the decision process', () => {
    const p = proposeEvidence([manufacturing]);
    for (const id of ['decision-process', 'decision-maker'] as const) {
      assert.ok(!p[id].evidence.some((e) => /off my back/.test(e.quote)), id);
    }
  });

  test('an incumbent and staying put both count for alternatives', () => {
    const alt = proposeEvidence([manufacturing]).alternatives;
    assert.equal(alt.score, 2);
    assert.ok(alt.evidence.some((e) => e.piece === 'competitors' && /Brenner/.test(e.quote)));
  });

  test('a date given as a reason to wait is not a why-now', () => {
    const wn = proposeEvidence([healthcare])['why-now'];
    assert.ok(wn.score < 2, wn.why);
    assert.ok(!wn.evidence.some((e) => e.strength === 'stated' && /July/.test(e.quote)));
  });

  test('every item points at a real turn of its call, spoken by that speaker', () => {
    const calls = [payroll, healthcare, manufacturing, logistics];
    for (const proposal of Object.values(proposeEvidence(calls))) {
      for (const e of proposal.evidence) {
        const turn = calls[e.call].analysis.turns[e.turn];
        assert.ok(turn, `${proposal.criterion}: turn ${e.turn}`);
        assert.equal(turn.speaker, e.speaker);
        assert.ok(e.quote.length > 0 && e.note.length > 0 && e.reason.length > 0);
      }
      if (proposal.score === 0) assert.equal(proposal.evidence.length, 0);
    }
  });

  test('several calls pool their evidence', () => {
    const alone = proposeEvidence([healthcare]);
    const both = proposeEvidence([healthcare, payroll]);
    assert.ok(both.budget.score > alone.budget.score);
    assert.ok(both.budget.evidence.every((e) => e.call === 1));
  });
});

describe('evidence from short calls', () => {
  test('a prospect who says they sign, with no one else deciding, is a 2', () => {
    const call = inline(
      [
        'Kay: Who else is involved in a decision like this?',
        "Sam: Nobody. I'm the owner, I sign everything here.",
        'Kay: Good to know. What is this costing you today?',
        'Sam: We lose about twenty thousand dollars a month to missed orders, and it is on me.',
      ].join('\n'),
      'Kay',
    );
    const p = proposeEvidence([call]);
    assert.equal(p['decision-maker'].score, 2, p['decision-maker'].why);
    assert.equal(p['compelling-reason'].score, 2, p['compelling-reason'].why);
  });

  test('the rep saying it does not count: evidence needs the prospect', () => {
    const call = inline(
      [
        'Kay: Our clients usually set aside a budget of fifty thousand dollars, approved by finance.',
        'Sam: Interesting.',
        "Kay: And I'm the owner, I sign.",
        'Sam: Okay.',
      ].join('\n'),
      'Kay',
    );
    const p = proposeEvidence([call]);
    assert.equal(p.budget.score, 0);
    assert.equal(p['decision-maker'].score, 0);
  });

  test('a call with nothing in it proposes all zeros', () => {
    const call = inline(
      'Kay: Hi Sam, how was the weekend?\nSam: Good thanks.\nKay: Great.\nSam: Bye.',
      'Kay',
    );
    for (const p of Object.values(proposeEvidence([call]))) assert.equal(p.score, 0, p.criterion);
  });
});

describe('a fresh call, as a new user would try it (issue 17)', () => {
  const call = inline(
    [
      'Jordan: Thanks for making time, Mia. What made you take the call?',
      'Mia: Our customer satisfaction score dropped to 78 this quarter, and repeat purchases are falling. Our CEO asked me about it on Monday. So it is on my plate now.',
      'Jordan: How are you handling support today?',
      'Mia: Everything runs through Freshdesk right now, with a couple of shared inboxes on top.',
      'Jordan: If this made sense, how would a decision get made?',
      'Mia: Honestly, let me run it by the team first. Our VP of customer experience, Dana Ortiz, signs off on anything like this.',
      'Jordan: What would change for you if it worked?',
      "Mia: It'd get my director off my back, for a start.",
    ].join('\n'),
    'Jordan',
  );
  const p = proposeEvidence([call]);
  const quotes = (id: keyof typeof p) => p[id].evidence.map((e) => e.quote);

  test('a measured drop plus the CEO asking is a compelling reason, quoted sentence by sentence', () => {
    assert.equal(p['compelling-reason'].score, 2, p['compelling-reason'].why);
    assert.ok(
      quotes('compelling-reason').includes(
        'Our customer satisfaction score dropped to 78 this quarter, and repeat purchases are falling.',
      ),
    );
    assert.ok(quotes('compelling-reason').includes('Our CEO asked me about it on Monday.'));
  });

  test('the tool they use today is an alternative', () => {
    assert.equal(p.alternatives.score, 1, p.alternatives.why);
    assert.deepEqual(
      [...new Set(quotes('alternatives'))],
      ['Everything runs through Freshdesk right now, with a couple of shared inboxes on top.'],
    );
  });

  test('the decider is the VP who signs off, not the team it is run by', () => {
    assert.equal(p['decision-maker'].score, 1, p['decision-maker'].why);
    assert.deepEqual(
      [...new Set(quotes('decision-maker'))],
      ['Our VP of customer experience, Dana Ortiz, signs off on anything like this.'],
    );
  });

  test('a director to get off my back is a personal stake, not a person in the decision', () => {
    const director = "It'd get my director off my back, for a start.";
    assert.ok(!quotes('decision-process').includes(director));
    assert.ok(!quotes('decision-maker').includes(director));
    assert.ok(quotes('compelling-reason').includes(director));
  });
});
