import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function read(value: unknown) {
  const parsed = parseTranscript(JSON.stringify(value, null, 2), { file: 'call.json' });
  assert.equal(parsed.format, 'json');
  return parsed;
}

function turns(value: unknown) {
  return toTurns(read(value)).map((t) => [t.speaker, t.start, t.end, t.text]);
}

describe('JSON', () => {
  it('reads participants as names or objects with name', () => {
    assert.deepEqual(
      read({ participants: ['Ann', { name: ' Ben  Ode ' }], turns: [{ name: 'Ann', text: 'Hi.' }] })
        .participants,
      ['Ann', 'Ben Ode'],
    );
  });

  it('reads each items key and field alias', () => {
    for (const key of ['utterances', 'turns', 'segments', 'transcript']) {
      assert.deepEqual(turns({ [key]: [{ participant: 'Ann', content: 'Hi.' }] }), [
        ['Ann', undefined, undefined, 'Hi.'],
      ]);
    }
    assert.deepEqual(turns([{ speaker: { name: 'Ann' }, words: 'Hi.' }]), [
      ['Ann', undefined, undefined, 'Hi.'],
    ]);
  });

  it('reads seconds, clock strings, start_time/end_time and milliseconds', () => {
    assert.deepEqual(
      turns([
        { speaker: 'Ann', text: 'One.', start: 1.5, end: '2.5' },
        { speaker: 'Ben', text: 'Two.', start_time: '00:01:05', end_time: '1:10' },
        { speaker: 'Ann', text: 'Three.', startMs: 80000, endMs: 81500 },
      ]),
      [
        ['Ann', 1.5, 2.5, 'One.'],
        ['Ben', 65, 70, 'Two.'],
        ['Ann', 80, 81.5, 'Three.'],
      ],
    );
  });

  it('names numbered diarisation speakers and continues an item without a speaker', () => {
    assert.deepEqual(
      turns([{ speaker: 0, text: 'One.' }, { text: 'Two.' }, { speaker: 1, text: 'Three.' }]),
      [
        ['Speaker 0', undefined, undefined, 'One. Two.'],
        ['Speaker 1', undefined, undefined, 'Three.'],
      ],
    );
  });

  it('gives each segment the line of its text', () => {
    const parsed = read([
      { speaker: 'Ann', text: 'One.' },
      { speaker: 'Ben', text: 'Two.' },
    ]);
    assert.deepEqual(
      parsed.segments.map((s) => s.line),
      [4, 8],
    );
  });

  it('finds the line of texts whose slashes are escaped ("\\/"), as PHP writes them', () => {
    const text = JSON.stringify(
      [
        { speaker: 'Ann', text: 'See a/b.' },
        { speaker: 'Ben', text: 'And c/d?' },
      ],
      null,
      2,
    ).replace(/\//g, '\\/');
    const parsed = parseTranscript(text, { file: 'call.json' });
    assert.deepEqual(
      parsed.segments.map((s) => [s.text, s.line]),
      [
        ['See a/b.', 4],
        ['And c/d?', 8],
      ],
    );
  });

  it('reads 20,000 items whose texts never match their source in linear time', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({
      speaker: i % 2 ? 'Ann' : 'Ben',
      text: `caf\u00e9 number ${i}`,
    }));
    // every text is written with a \u escape, so the line search never finds it
    const source = JSON.stringify(items).replace(/\u00e9/g, '\\u00e9');
    const started = performance.now();
    const parsed = parseTranscript(source, { file: 'call.json' });
    assert.equal(parsed.segments.length, 20_000);
    // quadratic search took seconds here; linear takes a few tens of milliseconds
    assert.ok(performance.now() - started < 1500);
  });

  it('keeps the invalid-JSON message on one line when V8 quotes text with line breaks', () => {
    const bad = '[{"speaker": "Ann", "text": "Hi.",\r\n\r\n  "end":, 4}]';
    assert.throws(
      () => parseTranscript(bad, { file: 'call.json' }),
      (e: Error) => {
        assert.match(e.message, /^call\.json(:\d+)?: invalid JSON: /);
        assert.doesNotMatch(e.message, /[\r\n]/);
        return true;
      },
    );
  });

  it('refuses an item without text, naming the item and the field', () => {
    assert.throws(
      () => read({ utterances: [{ speaker: 'Ann', text: 'Hi.' }, { speaker: 'Ben' }] }),
      {
        code: 'bad-json',
        message: /^call\.json: utterances\[1\] has no "text"/,
      },
    );
  });

  it('refuses the first item without a speaker, and a bad time', () => {
    assert.throws(() => read([{ text: 'Hi.' }]), { message: /item\[0\] has no "speaker"/ });
    assert.throws(() => read([{ speaker: 'Ann', text: 'Hi.', start: 'soon' }]), {
      code: 'bad-timestamp',
      message: /item\[0\]\.start is "soon"/,
    });
    assert.throws(() => read([{ speaker: 'Ann', text: 'Hi.', start: 5, end: 1 }]), {
      code: 'bad-timestamp',
    });
  });

  it('refuses an object without an items array', () => {
    assert.throws(() => read({ title: 'x' }), {
      code: 'bad-json',
      message: /expected an array of utterances/,
    });
  });

  it('refuses invalid JSON, naming the file and the line of the error', () => {
    const bad = '[\n  {"speaker": "Ann", "text": "Hi."},\n  {"speaker" "Ben"}\n]';
    assert.throws(() => parseTranscript(bad, { file: 'call.json' }), {
      code: 'bad-json',
      line: 3,
      message: /^call\.json:3: invalid JSON/,
    });
  });
});
