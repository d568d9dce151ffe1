import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import type { Turn } from '../core/types.js';
import { parseTranscript, toTurns } from '../parse/index.js';
import { assignRoles, colleagueCheck, introducedAsColleague } from './index.js';

const turns = (lines: [string, string][]): Turn[] =>
  lines.map(([speaker, text], index) => ({ index, speaker, role: 'other', text }));

const call = turns([
  ['Dana Ortiz', 'Hi Sam, this is Dana from Brightline. We help plants cut unplanned downtime.'],
  ['Sam Lee', 'Okay. We use a spreadsheet for maintenance right now.'],
  ['Dana Ortiz', 'How are you tracking breakdowns today, and who else looks at that data?'],
  ['Sam Lee', 'Mostly me. Just send me something and I will look.'],
  ['Dana Ortiz', 'Our pricing starts at $400 per month. Does Thursday work for a demo?'],
]);

test('infers the salesperson from what they do, with evidence and a confidence', () => {
  const { speakers, turns: out } = assignRoles(call);
  const dana = speakers.find((s) => s.name === 'Dana Ortiz')!;
  const sam = speakers.find((s) => s.name === 'Sam Lee')!;
  assert.equal(dana.role, 'rep');
  assert.equal(sam.role, 'prospect');
  assert.ok(dana.roleConfidence > 0.6);
  assert.ok(dana.roleEvidence?.some((e) => e.startsWith('introduces-offer')));
  assert.equal(out[1].role, 'prospect');
  assert.ok(Math.abs(dana.talkShare + sam.talkShare - 1) < 0.01);
});

test('--rep overrides inference: case-insensitive, a unique first name is enough', () => {
  const { speakers } = assignRoles(call, { rep: ['sam'] });
  assert.equal(speakers.find((s) => s.name === 'Sam Lee')!.role, 'rep');
  assert.equal(speakers.find((s) => s.name === 'Sam Lee')!.roleConfidence, 1);
  assert.equal(speakers.find((s) => s.name === 'Dana Ortiz')!.role, 'prospect');
});

test('an unknown --rep lists the speakers found', () => {
  assert.throws(
    () => assignRoles(call, { rep: ['Marcus'], file: 'call.vtt' }),
    (e) =>
      isWalkpointError(e) &&
      /call\.vtt/.test(e.message) &&
      /"Dana Ortiz", "Sam Lee"/.test(e.message),
  );
});

test('one speaker, or every speaker a rep, is a clear error', () => {
  assert.throws(() => assignRoles(turns([['A', 'hello there']])), /only one speaker/);
  assert.throws(() => assignRoles(call, { rep: ['dana', 'sam'] }), /no prospect/);
});

test('a colleague the rep introduces is a second rep', () => {
  const call = turns([
    ['Nate Lind', 'Elena, thanks for having us. Harriet is here from our solutions team.'],
    ['Harriet Cole', 'Hi, both.'],
    ['Elena Vasquez', 'Hi. We use spreadsheets for time tracking today and it is a mess.'],
    ['Nate Lind', 'How are you handling month-end billing today, and who else looks at it?'],
    ['Tom Brandt', 'Mostly me and the office manager.'],
    ['Harriet Cole', 'Let me show you how invoices generate from the timesheets.'],
    ['Elena Vasquez', "Honestly that's more than we budgeted."],
  ]);
  const { speakers } = assignRoles(call);
  const role = (name: string) => speakers.find((s) => s.name === name)?.role;
  assert.equal(role('Nate Lind'), 'rep');
  assert.equal(role('Harriet Cole'), 'rep');
  assert.equal(role('Elena Vasquez'), 'prospect');
  assert.equal(role('Tom Brandt'), 'prospect');
  assert.ok(
    speakers.find((s) => s.name === 'Harriet Cole')?.roleEvidence?.some((e) => /colleague/.test(e)),
  );
});

test('colleagueCheck agrees with introducedAsColleague, and reads each first name once', () => {
  const text =
    "Thanks for your time. I've got Anika with me, she's our engineer. Mary-Jane is on from our team, and our colleague O'Brien too.";
  const check = colleagueCheck(text);
  for (const name of ['Anika Roy', 'anika', 'Mary-Jane Doe', "O'Brien", 'Bob', 'Ani', 'Sam Lee']) {
    assert.equal(check(name), introducedAsColleague(text, name), name);
  }
});

test('thousands of speakers cost time linear in the text', () => {
  const lines = Array.from(
    { length: 4000 },
    (_, i) => `Dana Reyes: We help teams like yours, guest.\nGuest ${i}: We use spreadsheets.`,
  );
  const started = performance.now();
  const { speakers } = assignRoles(toTurns(parseTranscript(lines.join('\n'))));
  assert.equal(speakers.length, 4001);
  assert.equal(speakers[0].role, 'rep');
  // one regex pass over the rep's text per speaker took seconds here
  assert.ok(performance.now() - started < 3000);
});

test('an error quotes a dozen clipped names at most, whatever the file holds', () => {
  const lines: [string, string][] = Array.from({ length: 8000 }, (_, i) => [`Guest ${i}`, 'Hi.']);
  lines.push(['x'.repeat(100_000), 'Hi.']);
  assert.throws(
    () => assignRoles(turns(lines), { rep: ['nobody'], file: 'call.json' }),
    (e: Error) =>
      isWalkpointError(e) &&
      /"Guest 0", .* and 7989 more$/.test(e.message) &&
      e.message.length < 1000,
  );
  assert.throws(
    () => assignRoles(turns([['y'.repeat(100_000), 'Hi.']])),
    (e: Error) => isWalkpointError(e) && /\("y{37}\.\.\."\)/.test(e.message),
  );
});

test('a speaker "name" of 100,000 characters is never read as a colleague, and never crashes', () => {
  const blob = '//:'.repeat(33_000);
  const { speakers } = assignRoles(
    turns([
      ['Dana Ortiz', `We help plants cut downtime. I've got ${blob} with me.`],
      ['Sam Lee', 'We use a spreadsheet.'],
      [blob, 'Hello.'],
    ]),
  );
  assert.equal(speakers[2].role, 'prospect');
  assert.equal(introducedAsColleague(`I've got ${blob} with me`, blob), false);
});
