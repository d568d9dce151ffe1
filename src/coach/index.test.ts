import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import {
  listQuestions,
  loadQuestionBank,
  parseQuestionBank,
  praise,
  quoteFragment,
  suggest,
  techniqueOf,
} from './index.js';

const bank = loadQuestionBank();
const byId = new Map(bank.map((e) => [e.id, e]));
const moment = (kind: string, subtype: string | undefined, quote: string, response = 'caved') => ({
  trigger: { kind, ...(subtype ? { subtype } : {}), quote },
  response: { kind: response },
});
const allCombos: [string, string | undefined][] = TRIGGER_KINDS.flatMap((kind) =>
  TRIGGER_SUBTYPES[kind].length
    ? TRIGGER_SUBTYPES[kind].map((s): [string, string | undefined] => [kind, s])
    : [[kind, undefined] as [string, string | undefined]],
);
const throwsWalkpoint = (fn: () => unknown, code: string, match: RegExp) =>
  assert.throws(
    fn,
    (e: unknown) => isWalkpointError(e) && e.code === code && match.test(e.message),
  );

describe('loadQuestionBank', () => {
  it('loads the bundled bank with generic moves having no subtype', () => {
    assert.ok(bank.length >= 60);
    assert.equal(byId.get('stall-info-kind-goodbye')?.subtype, 'info');
    assert.equal('subtype' in (byId.get('brush-off-reschedule') ?? {}), false);
  });

  it('returns a fresh array each time, so callers cannot damage the cache', () => {
    const first = loadQuestionBank();
    first.length = 0;
    assert.equal(loadQuestionBank().length, bank.length);
  });
});

describe('parseQuestionBank', () => {
  const good = {
    id: 'stall-x',
    trigger: 'stall',
    subtype: 'info',
    text: 'What happens next?',
    why: 'Tests the exit.',
    technique: 'tough-question',
    quote: false,
  };
  const cases: [string, unknown, RegExp][] = [
    ['not an array', { entries: [] }, /must be a JSON array/],
    [
      'an unknown subtype',
      [{ ...good, subtype: 'cost' }],
      /entry "stall-x": subtype "cost" is not a subtype of stall/,
    ],
    ['an unknown trigger', [{ ...good, trigger: 'ghost' }], /entry "stall-x": trigger/],
    ['an empty text', [{ ...good, text: '  ' }], /entry "stall-x": text must not be empty/],
    [
      'quote true without {quote}',
      [{ ...good, quote: true }],
      /entry "stall-x": quote is true but the text lacks \{quote\}/,
    ],
    [
      '{quote} with quote false',
      [{ ...good, text: 'You said "{quote}"?' }],
      /entry "stall-x": quote is false/,
    ],
    ['a duplicate id', [good, good], /entry "stall-x" appears twice/],
    ['a typo in a key', [{ ...good, tehcnique: 'label' }], /entry "stall-x"/],
    ['an entry with no id', [{ ...good, id: undefined }], /entry #1: id/],
    ['an unknown response in suits', [{ ...good, suits: ['ghosted'] }], /entry "stall-x": suits/],
  ];
  for (const [name, data, message] of cases) {
    it(`rejects ${name}, naming the file and entry`, () => {
      throwsWalkpoint(() => parseQuestionBank(data, 'bank.json'), 'question-bank-invalid', message);
      throwsWalkpoint(
        () => parseQuestionBank(data, 'bank.json'),
        'question-bank-invalid',
        /^bank\.json: /,
      );
    });
  }

  it('accepts a valid entry and drops a null subtype', () => {
    const [entry] = parseQuestionBank([{ ...good, subtype: null }], 'bank.json');
    const { subtype: _dropped, ...rest } = good;
    assert.deepEqual(entry, rest);
    assert.equal('subtype' in entry, false);
  });
});

describe('listQuestions', () => {
  it('lists the whole bank without a trigger', () => {
    assert.equal(listQuestions().length, bank.length);
  });

  it('lists every move of a kind for a bare kind', () => {
    const stalls = listQuestions('stall');
    assert.equal(stalls.length, bank.filter((e) => e.trigger === 'stall').length);
    assert.ok(stalls.every((e) => e.trigger === 'stall'));
  });

  it('lists subtype moves first, then the generic moves of the kind', () => {
    const price = listQuestions('objection:price');
    const firstGeneric = price.findIndex((e) => e.subtype === undefined);
    assert.ok(firstGeneric > 0);
    assert.ok(price.slice(0, firstGeneric).every((e) => e.subtype === 'price'));
    assert.ok(price.slice(firstGeneric).every((e) => e.subtype === undefined));
    assert.ok(price.every((e) => e.trigger === 'objection'));
  });

  it('accepts any case', () => {
    assert.deepEqual(listQuestions('Demand:Ultimatum'), listQuestions('demand:ultimatum'));
  });

  for (const bad of ['ghost', 'objection:cost', 'brush-off:rude', 'stall:']) {
    it(`rejects the unknown trigger "${bad}" and lists the known ones`, () => {
      throwsWalkpoint(
        () => listQuestions(bad),
        'unknown-trigger',
        /stall:info.*objection:price.*demand:ultimatum/,
      );
    });
  }
});

describe('quoteFragment', () => {
  // a whole sentence said back, or nothing: never a piece cut to fit
  const cases: [string, string | undefined][] = [
    [
      'Okay, look. You have got ten minutes, just give me the price.',
      'you have got ten minutes, just give me the price',
    ],
    [
      'Well, um, you know, we have been with Brenner for eleven years.',
      'we have been with Brenner for eleven years',
    ],
    ['Spend, I am not going to get into that.', 'spend, I am not going to get into that'],
    [
      "I'll be honest, we got burned pretty bad by the last agency",
      'we got burned pretty bad by the last agency',
    ],
    ['Brenner has been great to us', 'Brenner has been great to us'],
    [
      'Well, just so you know, anything like this would have to go through Dr. Marsh.',
      'anything like this would have to go through Dr. Marsh',
    ],
    // an unpunctuated run-on: no sentence to quote ("about that I've been going through...")
    [
      "yeah so about that um I've been going through the numbers with craig and honestly the price went up a lot",
      undefined,
    ],
    ['by Friday, or', undefined],
    ["that's that's a lot of money", undefined],
    ['[Reject-Deal] I want the food', undefined],
    ['Can you do eleven hundred or not?', undefined],
    ['uh, okay.', undefined],
    ['', undefined],
  ];
  for (const [quote, expected] of cases) {
    it(`${JSON.stringify(quote)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(quoteFragment(quote), expected);
    });
  }

  it('never cuts a sentence to fit: a long one gives nothing', () => {
    const long = 'we would need every single one of the twelve sites audited in full first';
    assert.equal(quoteFragment(long), undefined);
  });
});

describe('suggest', () => {
  for (const [kind, subtype] of allCombos) {
    const label = subtype ? `${kind}:${subtype}` : kind;
    it(`gives three moves fitted to ${label}, subtype-specific first`, () => {
      const got = suggest(moment(kind, subtype, 'We would need to see the numbers first.'));
      assert.equal(got.length, 3);
      const entries = got.map((s) => byId.get(s.id));
      assert.ok(
        entries.every((e) => e?.trigger === kind),
        `${label}: ${got.map((s) => s.id)}`,
      );
      if (subtype) assert.equal(entries[0]?.subtype, subtype);
      assert.equal(new Set(got.map((s) => s.id)).size, 3);
      for (const s of got) {
        assert.doesNotMatch(s.text, /\{quote\}/);
        assert.ok(s.why.length > 0);
      }
    });
  }

  it('inserts a clean fragment of the prospect words', () => {
    const got = suggest(
      moment(
        'objection',
        'price',
        "Um, honestly that's way more than we budgeted for this year, you know.",
        'pitched-through',
      ),
    );
    const compared = got.find((s) => s.id === 'objection-price-compared-with-what');
    assert.equal(
      compared?.text,
      'You said "that\'s way more than we budgeted for this year". Compared with what?',
    );
  });

  it('mirrors only the noun phrase that ends the first clause, capitalised', () => {
    const cases: [string, string, string, string][] = [
      ['demand', 'ultimatum', 'My last offer stands, or I walk.', '"My last offer stands?"'],
      ['stall', 'info', 'just send me the deck and I will look', '"The deck?"'],
      ['brush-off', '', 'Can you just give me the short version?', '"The short version?"'],
      ['stall', 'info', 'Just send me something and I will look at it.', '"Send me something?"'],
    ];
    for (const [kind, subtype, quote, start] of cases) {
      const got = suggest(moment(kind, subtype || undefined, quote, 'walked-out'), 8);
      const mirror = got.find((s) => byId.get(s.id)?.technique === 'mirror');
      assert.ok(mirror?.text.startsWith(start), `${quote} -> ${mirror?.text}`);
    }
  });

  it('leaves out a mirror that would echo a verb or an adverb ("Get into budget?")', () => {
    for (const quote of ['We are not going to get into budget.', 'Sign by Friday, or we go.']) {
      const got = suggest(moment('withholding', undefined, quote, 'walked-out'), 12);
      assert.ok(got.length >= 3);
      assert.ok(
        got.every((s) => byId.get(s.id)?.technique !== 'mirror'),
        got.map((s) => s.text).join(' | '),
      );
    }
  });

  it('skips quote moves when the quote is unusable', () => {
    for (const [kind, subtype] of allCombos) {
      for (const response of ['caved', 'walked-out', 'pitched-through']) {
        const got = suggest(moment(kind, subtype, 'Uh, okay.', response), 6);
        assert.ok(got.length >= 3);
        assert.ok(
          got.every((s) => byId.get(s.id)?.quote === false),
          `${kind}:${subtype} ${response}`,
        );
      }
    }
  });

  it('is deterministic', () => {
    const m = moment('stall', 'think', 'Let me sleep on it over the weekend.');
    assert.deepEqual(suggest(m), suggest(m));
  });

  it('varies the advice between moments of the same kind', () => {
    const quotes = [
      'Let me think about it.',
      'We need to digest all this.',
      'I want to run it past the team first.',
      'Give me a few days to mull it over.',
      'I need to sleep on it.',
      'Let me chew on it with my partner.',
    ];
    const sets = new Set(
      quotes.map((q) =>
        suggest(moment('stall', 'think', q, 'challenged'))
          .map((s) => s.id)
          .join(),
      ),
    );
    assert.ok(sets.size >= 2, 'every quote got identical advice');
  });

  it('prefers trading moves after a cave', () => {
    const got = suggest(
      moment('demand', 'concession', 'We need thirty percent off to renew.', 'caved'),
    );
    for (const s of got.slice(0, 2)) {
      const e = byId.get(s.id);
      assert.ok(e?.suits?.includes('caved'), `${s.id} does not suit a cave`);
    }
  });

  it('prefers staying and labelling after a walk-out', () => {
    const got = suggest(
      moment('brush-off', undefined, 'You have got ten minutes, give me the price.', 'walked-out'),
    );
    const first = byId.get(got[0].id);
    assert.ok(['label', 'mirror', 'negative-reverse'].includes(first?.technique ?? ''), got[0].id);
  });

  it('prefers questions after a pitch-through', () => {
    for (const [kind, subtype] of allCombos) {
      const got = suggest(
        moment(kind, subtype, 'We are not sure about this at all.', 'pitched-through'),
      );
      assert.ok(
        got.every((s) => s.text.includes('?')),
        `${kind}:${subtype}: ${got.map((s) => s.id)}`,
      );
    }
  });

  it('falls back to the generic moves when the subtype is missing', () => {
    const got = suggest(moment('objection', undefined, 'That does not work for us.'));
    assert.equal(byId.get(got[0].id)?.subtype, undefined);
  });

  it('never borrows moves from another subtype', () => {
    const got = suggest(moment('objection', 'timing', 'Bad timing for us.'), 50);
    assert.ok(got.length >= 4);
    assert.ok(got.every((s) => [undefined, 'timing'].includes(byId.get(s.id)?.subtype)));
  });

  it('honours the count', () => {
    assert.equal(
      suggest(moment('withholding', undefined, 'We do not share budgets.'), 2).length,
      2,
    );
    assert.deepEqual(suggest(moment('withholding', undefined, 'We do not share budgets.'), 0), []);
  });

  it('rejects an unknown trigger kind', () => {
    throwsWalkpoint(
      () => suggest(moment('ghost', undefined, 'Silence.')),
      'unknown-trigger',
      /ghost.*stall, objection/,
    );
  });
});

describe('praise', () => {
  const challenged = (reasons: string[], kind = 'objection', subtype?: string) => ({
    trigger: { kind, ...(subtype ? { subtype } : {}) },
    response: { kind: 'challenged', reasons },
  });
  const cases: [string[], string][] = [
    [['tough-question/cost-of-inaction'], 'tough-question'],
    [['pushback/disagree-because'], 'push-back'],
    [['label/sounds-like'], 'label'],
    [['label/mirror-last-words'], 'mirror'],
    [['tough-question/is-it-a-no', 'negative-reverse'], 'negative-reverse'],
    [['upfront-contract/agenda-outcome'], 'upfront-contract'],
    [['next-step/dated'], ''],
  ];
  for (const [reasons, technique] of cases) {
    it(`infers ${technique || 'no technique'} from ${reasons.join(', ')}`, () => {
      assert.equal(techniqueOf(reasons) ?? '', technique);
    });
  }

  it('names the trigger and the move', () => {
    const line = praise(challenged(['pushback/disagree'], 'objection', 'price'));
    assert.match(line, /the price objection/);
    assert.match(line, /disagreed/);
    assert.doesNotMatch(line, /\{trigger\}/);
  });

  it('gives different lines for different moves', () => {
    const lines = new Set(
      ['tough-question', 'pushback', 'label', 'negative-reverse', 'upfront-contract', 'mirror'].map(
        (r) => praise(challenged([r], 'stall', 'info')),
      ),
    );
    assert.equal(lines.size, 6);
  });

  it('falls back to a general line when no move is recognised', () => {
    assert.match(praise(challenged([], 'brush-off')), /the brush-off/);
  });

  it('praises nothing that was not a challenge', () => {
    for (const kind of ['caved', 'gave-up', 'walked-out', 'pitched-through', 'none']) {
      assert.equal(
        praise({ trigger: { kind: 'stall' }, response: { kind, reasons: ['label'] } }),
        '',
      );
    }
  });
});
