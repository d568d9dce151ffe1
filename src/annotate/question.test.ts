import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateTurn } from './index.js';

const read = (text: string) =>
  annotateTurn({ index: 0, speaker: 'A', role: 'rep', text }).sentences.map((s) => s.questionCue);

const questions: [string, string][] = [
  ['What happens if you do nothing?', 'question-mark'],
  ['so what kind of software are you using now', 'wh-question'],
  ['how much are you spending on overtime', 'wh-question'],
  ['do you have a budget set aside', 'aux-inversion'],
  ['is there anyone else involved', 'aux-inversion'],
  ['you work from home right', 'tag-question'],
  ["it's the team's call, isn't it", 'tag-question'],
  ["I'm curious what happens if you do nothing", 'asking-opener'],
  ['walk me through how you decide', 'asking-opener'],
  ['tell me about the last vendor', 'asking-opener'],
  ['and uh who else weighs in on this', 'wh-question'],
];
const statements = [
  'when I was there we used them',
  'what I mean is the price is high',
  'that is right',
  "you're right",
  'I think we could start in June.',
  'how we do it is pretty manual',
];

for (const [text, cue] of questions) {
  test(`question: ${text}`, () => assert.deepEqual(read(text), [cue]));
}
for (const text of statements) {
  test(`statement: ${text}`, () => assert.deepEqual(read(text), [undefined]));
}

test('sentences carry offsets into the turn text and negation', () => {
  const turn = annotateTurn({
    index: 0,
    speaker: 'A',
    role: 'prospect',
    text: "We can't afford it. Send me a deck?",
  });
  assert.equal(turn.sentences.length, 2);
  const [a, b] = turn.sentences;
  assert.equal(turn.text.slice(a.start, a.end), "We can't afford it.");
  assert.equal(turn.text.slice(b.start, b.end), 'Send me a deck?');
  assert.ok(a.negated);
  assert.ok(!b.negated);
  assert.deepEqual(
    a.tokens.map((t) => t.normal),
    ['we', 'can', 'not', 'afford', 'it', '.'],
  );
});

test('a question inside unpunctuated speech is found after a clause boundary', () => {
  assert.deepEqual(read("okay that's fair so um can i ask how many of those patients book"), [
    'asking-opener',
  ]);
  assert.deepEqual(read('that makes sense so how does the owner usually decide'), [
    'embedded-question',
  ]);
  assert.deepEqual(read('sure a lot of guys do what would they have to get wrong'), [
    'embedded-question',
  ]);
  // a clause that only starts with a wh-word is not a question
  assert.deepEqual(read('right and what we do is route the calls'), [undefined]);
});

test('a sentence the writer ended with a full stop needs a strong question form', () => {
  assert.deepEqual(read('What makes us different is our platform.'), [undefined]);
  assert.deepEqual(read("Don't call me again."), [undefined]);
});

test('an embedded wh-clause with its own subject asks', () => {
  assert.deepEqual(read('of course before you do what part are you least sure about right now'), [
    'embedded-question',
  ]);
  assert.deepEqual(read('higher compared to what though'), ['asking-opener']);
});

test('an embedded question does not make the sentence a question', () => {
  const [s] = annotateTurn({
    index: 0,
    speaker: 'A',
    role: 'rep',
    text: 'sure a lot of guys do what would they have to get wrong',
  }).sentences;
  assert.equal(s.questionCue, 'embedded-question');
  assert.equal(s.question, false);
});

test('in punctuated text a sentence without "?" needs an inverted verb or an asking phrase', () => {
  assert.deepEqual(read('So what kind of software are you using now.'), [undefined]);
  assert.deepEqual(read('Do you have a budget set aside.'), ['aux-inversion']);
  assert.deepEqual(read("I'm curious how you decide."), ['asking-opener']);
});

test('speech disfluencies do not hide a question', () => {
  assert.deepEqual(read('was was that the time'), ['aux-inversion'], 'a stutter is read once');
  assert.deepEqual(read('do would you prefer a judge'), ['aux-inversion'], 'a false start');
  assert.deepEqual(read('you know do you work from home'), ['aux-inversion'], 'a filler pair');
  assert.deepEqual(read('i was just wondering were you there'), ['asking-opener']);
  assert.deepEqual(read('a week at a time or'), ['or-question']);
  // but "you know what" is an idiom, not a question
  assert.deepEqual(read("you know what if that's the budget then fine"), [undefined]);
});

test('a request to repeat or an echo asks nothing a coach would count', () => {
  for (const text of ['Sorry, what?', 'Pardon me?', 'come again', 'You said the what?', 'Hello?']) {
    assert.deepEqual(read(text), [undefined], text);
  }
  // but a real question that happens to end in "what" still counts
  assert.deepEqual(read('Are you coming to the demo or what?'), ['question-mark']);
});

test('a verb tag, an indirect question and a dropped auxiliary ask', () => {
  assert.deepEqual(read("The renewal was last spring, wasn't it."), ['tag-question']);
  assert.deepEqual(read('we never signed that addendum did we'), ['tag-question']);
  assert.deepEqual(read("I don't know if you've seen the new pricing."), ['asking-opener']);
  assert.deepEqual(read('you ready to look at numbers'), ['elliptical-question']);
  assert.deepEqual(read('you ever tried a pilot with them'), ['elliptical-question']);
  assert.deepEqual(read('is uh is that the final number'), ['aux-inversion']);
  assert.deepEqual(read('what happens to the rollout if legal says no'), ['wh-question']);
});

test('look-alikes of those forms stay statements', () => {
  assert.deepEqual(read('I wonder if the budget will ever come back.'), [undefined]);
  assert.deepEqual(read("honestly i don't know the best way to do it"), [undefined]);
  assert.deepEqual(read('we signed with them in march believe it or not'), [undefined]);
  assert.deepEqual(read("i don't know if legal will approve it or not"), [undefined]);
  assert.deepEqual(read("yeah you're probably right"), [undefined]);
  assert.deepEqual(read('what a week it has been'), [undefined]);
  assert.deepEqual(read('what sets us apart is the support'), [undefined]);
});
