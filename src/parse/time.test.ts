import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClock, parseTimeValue } from './time.js';

describe('parseClock', () => {
  const cases: [string, number | undefined][] = [
    ['00:00:01.200', 1.2],
    ['01:02:03.500', 3723.5],
    ['00:01,200', 1.2],
    ['01:05', 65],
    ['1:05', 65],
    ['1:02:03', 3723],
    ['123:00:00', 442800],
    ['00:00:05', 5],
    ['00:00:xx', undefined],
    ['00:60', undefined],
    ['1:5', undefined],
    ['5', undefined],
    ['00:00:01.', undefined],
    ['1:2:3:4', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(parseClock(input), expected));
  }
});

describe('parseTimeValue', () => {
  it('reads seconds, numeric strings, clocks and milliseconds', () => {
    assert.equal(parseTimeValue(65.2), 65.2);
    assert.equal(parseTimeValue('65.2'), 65.2);
    assert.equal(parseTimeValue(' 00:01:05 '), 65);
    assert.equal(parseTimeValue(4000, 1000), 4);
    assert.equal(parseTimeValue('4000', 1000), 4);
    // a Unix-epoch stamp in milliseconds is far-fetched but finite: it still reads
    assert.equal(parseTimeValue(1_717_000_000_000, 1000), 1_717_000_000);
  });
  it('refuses what is not a time', () => {
    const huge = '9'.repeat(400);
    for (const bad of [
      -1,
      Number.NaN,
      Infinity,
      1e308,
      2e10,
      huge,
      `${huge}:00`,
      'soon',
      '1e3',
      '',
      true,
      null,
      {},
    ]) {
      assert.equal(parseTimeValue(bad), undefined, String(bad));
    }
  });
});
