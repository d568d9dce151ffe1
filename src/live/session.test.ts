import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isWalkpointError } from '../core/errors.js';
import { analyze } from '../engine/analyze.js';
import { parseCaptionLine } from './caption.js';
import type { LiveCard, LiveEvent, LiveGrade } from './events.js';
import { captionsOf } from './replay.js';
import { LiveSession, type LiveUtterance } from './session.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every example call and corpus call (not labels, not deals). */
function calls(): string[] {
  const out: string[] = [];
  for (const dir of ['examples', 'corpus/calls']) {
    for (const name of readdirSync(join(root, dir))) {
      if (/\.(vtt|srt|txt|json|csv)$/.test(name) && !name.endsWith('.labels.json')) {
        out.push(join(dir, name));
      }
    }
  }
  return out.sort();
}

function play(captions: LiveUtterance[], rep?: string[]) {
  const session = new LiveSession({ rep });
  const events: LiveEvent[] = [];
  let window = 0;
  for (const c of captions) {
    events.push(...session.push(c));
    window = Math.max(window, session.recentTurns);
  }
  const end = session.end();
  return { events: [...events, ...end.events], summary: end.summary, window };
}

describe('live session over every example and corpus call', () => {
  test('the final analysis is the batch analysis; the cards agree with its moments', (t) => {
    const files = calls();
    assert.ok(files.length > 250, `found ${files.length} calls`);
    const inferred = { matched: 0, moments: 0 };
    let compared = 0;
    for (const file of files) {
      const bytes = readFileSync(join(root, file));
      let batch: ReturnType<typeof analyze>;
      try {
        batch = analyze(bytes, { file });
      } catch (e) {
        if (isWalkpointError(e)) continue; // a file the batch refuses (one speaker...)
        throw e;
      }
      compared++;
      const captions = captionsOf(bytes, file);
      const reps = batch.speakers.filter((s) => s.role === 'rep').map((s) => s.name);
      const named = play(captions, reps);
      const batchNamed = analyze(bytes, { file, rep: reps });
      const a = named.summary.analysis;
      assert.ok(a, `${file}: ${named.summary.error}`);
      for (const key of ['speakers', 'findings', 'moments', 'metrics', 'score'] as const) {
        assert.deepEqual(a[key], batchNamed[key], `${file}: ${key}`);
      }
      assert.deepEqual(
        a.turns.map(({ line: _l, ...t }) => t),
        batchNamed.turns.map(({ line: _l, ...t }) => t),
        `${file}: turns`,
      );
      // with the rep named, every card stands as the batch moment at its turn
      const g = named.summary.agreement!;
      assert.equal(g.matched, batchNamed.moments.length, `${file}: ${g.differences.join('; ')}`);
      assert.equal(g.extra, 0, `${file}: ${g.differences.join('; ')}`);
      assert.ok(named.window <= 64, `${file}: window ${named.window}`);
      // the cards appear in the order of the walk-points
      const cards = named.events.filter((e): e is LiveCard => e.type === 'card');
      const firstSeen = [...new Set(cards.map((c) => c.turn))];
      assert.deepEqual(
        firstSeen,
        [...firstSeen].sort((x, y) => x - y),
        `${file}: card order`,
      );
      // with the rep inferred as the call goes, roles can flip early: measured, not exact
      const inferredSummary = play(captions).summary;
      assert.deepEqual(inferredSummary.analysis?.moments, batch.moments, `${file}: moments`);
      const guessed = inferredSummary.agreement!;
      inferred.matched += guessed.matched;
      inferred.moments += guessed.moments;
    }
    const rate = inferred.matched / inferred.moments;
    t.diagnostic(
      `${compared} calls; rep inferred live: cards matched ${inferred.matched} of ${inferred.moments} moments (${(rate * 100).toFixed(1)}%)`,
    );
    assert.ok(rate >= 0.9, `inferred-role agreement ${rate}`);
  });
});

const say = (speaker: string, text: string, final = true, start?: number): LiveUtterance => ({
  speaker,
  text,
  final,
  ...(start !== undefined ? { start } : {}),
});

describe('cards, partials and grades', () => {
  test('a partial gives a provisional card; the final confirms it; the reply is graded', () => {
    const s = new LiveSession({ rep: ['Dana'] });
    s.push(say('Dana', 'Thanks for making time today, Sam. What made you take this meeting?'));
    const partial = s.push(say('Sam', 'Honestly, just send me something', false));
    const card = partial.find((e): e is LiveCard => e.type === 'card');
    assert.ok(card, JSON.stringify(partial));
    assert.equal(card.provisional, true);
    assert.equal(card.trigger.kind, 'stall');
    const final = s.push(say('Sam', 'Honestly, just send me something and I will look at it.'));
    const confirmed = final.find((e): e is LiveCard => e.type === 'card');
    assert.ok(confirmed);
    assert.equal(confirmed.provisional, false);
    assert.equal(confirmed.trigger.subtype, 'info');
    assert.equal(confirmed.trigger.plain, 'asked for information instead of a conversation');
    assert.match(confirmed.trigger.explanation ?? '', /just send me something/);
    assert.equal(confirmed.words, 'Honestly, just send me something and I will look at it.');
    assert.ok(confirmed.questions.length >= 2 && confirmed.questions.length <= 3);
    const reply = s.push(say('Dana', 'Sure, I will send it over today.'));
    const grade = reply.find((e): e is LiveGrade => e.type === 'grade');
    assert.ok(grade, JSON.stringify(reply));
    assert.equal(grade.response.kind, 'caved');
    assert.equal(grade.final, false);
    assert.match(grade.line, /^you gave in to the stall: ask "/);
    const { events, summary } = s.end();
    const settled = events.find((e): e is LiveGrade => e.type === 'grade');
    assert.equal(settled?.final, true);
    assert.equal(summary.analysis?.moments.length, 1);
    assert.equal(summary.agreement?.matched, 1);
  });

  test('a provisional card the final caption undoes is retracted', () => {
    const s = new LiveSession({ rep: ['Dana'] });
    s.push(say('Dana', 'What made you take this meeting?'));
    const partial = s.push(say('Sam', 'Just send me something', false));
    assert.ok(partial.some((e) => e.type === 'card'));
    const final = s.push(say('Sam', 'We run twelve clinics and hire every spring.'));
    assert.deepEqual(
      final.filter((e) => e.type !== 'roles').map((e) => e.type),
      ['retract'],
    );
    assert.equal(s.end().summary.analysis?.moments.length, 0);
  });

  test('an unconfirmed partial at the end is dropped and said so', () => {
    const s = new LiveSession({ rep: ['Dana'] });
    s.push(say('Dana', 'What made you take this meeting?'));
    s.push(say('Sam', 'We want fewer missed calls.'));
    s.push(say('Dana', 'How many do you miss', false));
    const { summary } = s.end();
    assert.equal(summary.droppedPartial, true);
    assert.equal(summary.utterances, 2);
  });

  test('the window of turns kept stays bounded on a long call', () => {
    const s = new LiveSession();
    for (let i = 0; i < 2000; i++) {
      s.push(say('Dana', `Our platform helps teams like yours. What does step ${i} cost you?`));
      s.push(
        say(
          'Sam',
          i % 50 === 0 ? 'Just email me the deck.' : `We handle about ${i} orders a week.`,
        ),
      );
      assert.ok(s.recentTurns <= 8, `kept ${s.recentTurns} turns at ${i}`);
    }
    const { summary } = s.end();
    assert.equal(summary.agreement?.matched, summary.analysis?.moments.length);
  });

  test('one speaker only: the summary says why there is no analysis', () => {
    const s = new LiveSession();
    s.push(say('Dana', 'Hello?'));
    const { summary } = s.end();
    assert.equal(summary.analysis, undefined);
    assert.match(summary.error ?? '', /only one speaker/);
  });
});

describe('caption lines', () => {
  test('good lines, defaults', () => {
    assert.deepEqual(parseCaptionLine('{"speaker":"Sam","text":"hi","start":1.5}'), {
      speaker: 'Sam',
      text: 'hi',
      start: 1.5,
      final: true,
    });
    assert.equal(parseCaptionLine('{"speaker":"Sam","text":"h","final":false}').final, false);
  });

  for (const [line, says] of [
    ['nope', /not valid JSON/],
    ['[1,2]', /expected an object/],
    ['{"text":"hi"}', /"speaker" is missing/],
    ['{"speaker":"Sam"}', /"text" is missing/],
    ['{"speaker":"Sam","text":"hi","start":-1}', /"start" must be seconds/],
    ['{"speaker":"Sam","text":"hi","start":5,"end":2}', /"end" \(2\) is before "start" \(5\)/],
    ['{"speaker":"Sam","text":"hi","final":"yes"}', /"final" must be true or false/],
  ] as const) {
    test(`refuses ${line}`, () => {
      assert.throws(
        () => parseCaptionLine(line),
        (e) => isWalkpointError(e) && says.test(e.message),
      );
    });
  }
});
