import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateTurn } from '../annotate/index.js';
import { mentionsWhen, turnMentionsWhen } from './when.js';

const turnOf = (text: string) => annotateTurn({ index: 0, speaker: 'Rita', role: 'rep', text });

test('a day or a clock time is named', () => {
  const fires = [
    'How about Tuesday?',
    'Does Thursday work?',
    'Tues works for me.',
    "Let's talk tomorrow.",
    'I can do tomorrow morning.',
    'Call me tonight.',
    'We could meet this afternoon.',
    "I'll send it by end of day.",
    'Shall we say noon?',
    "Let's meet March 3.",
    'Would Sept 14th suit?',
    'How about the 14th?',
    'Does the 2nd work?',
    'Call me at 10am.',
    'Say 2:30pm then.',
    'Is 9 a.m. too early?',
    'Can we talk at 4?',
    'See you at 4:15.',
    'We have a slot at 16:30.',
    "Let's say 16:30 then.",
    "I'll call you at ten o'clock.",
  ];
  for (const text of fires) assert.equal(turnMentionsWhen(turnOf(text)), true, text);
});

test('a vague time, a period or a number that is no time is not', () => {
  const silent = [
    "I'll circle back next quarter.",
    'Maybe sometime soon.',
    'Reach out whenever you are ready.',
    "Let's talk later.",
    'We have 40 people on the team.',
    'It costs 500 dollars a month.',
    'Version 2 shipped last year.',
    'We may revisit it.',
    'Give me a few weeks.',
    "That's a lot to take in.",
  ];
  for (const text of silent) assert.equal(turnMentionsWhen(turnOf(text)), false, text);
});

test('a turn names a day when any of its sentences does; one sentence is asked alone', () => {
  const turn = turnOf('Thanks for that. Does Tuesday at 10 work?');
  assert.equal(turnMentionsWhen(turn), true);
  assert.deepEqual(turn.sentences.map(mentionsWhen), [false, true]);
  assert.equal(turnMentionsWhen(undefined), false);
});
