/**
 * Browser test of the Live page: replay a stored call at high speed; the cue cards for its
 * walk-points appear in order; the saved call's analysis is the batch analysis of the same
 * transcript.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyze } from '../../src/engine/analyze.js';
import type { CallDetail, CallSummary } from '../../src/server/contract/shapes.js';
import { type App, openApp, shots, signIn, skip, waitUntil } from './harness.js';

describe('Live page in chromium', { skip, timeout: 180_000 }, () => {
  let app: App;

  before(async () => {
    app = await openApp('live');
    await signIn(app, 'manager@walkpoint.demo');
  });

  after(async () => {
    await app?.close();
  });

  test('a stored call replayed fast: its cards in order, saved as the batch analysis', async () => {
    const { page } = app;
    const get = async <T>(path: string): Promise<T> => {
      const r = await page.request.get(`${app.server.url}/api/v1${path}`);
      assert.equal(r.status(), 200, path);
      return (path.endsWith('/transcript') ? await r.text() : await r.json()) as T;
    };
    // the shortest seeded call with at least two walk-points
    const list = await get<{ items: CallSummary[] }>('/calls?pageSize=100');
    const details = await Promise.all(list.items.map((c) => get<CallDetail>(`/calls/${c.id}`)));
    const call = details
      .filter((c) => c.analysis.moments.length >= 2)
      .sort(
        (a, b) =>
          (a.analysis.metrics.durationSeconds ?? 1e9) - (b.analysis.metrics.durationSeconds ?? 1e9),
      )[0];
    assert.ok(call, 'a seeded call with two walk-points');
    const expected = call.analysis.moments.map((m) =>
      m.trigger.subtype ? `${m.trigger.kind}:${m.trigger.subtype}` : m.trigger.kind,
    );

    await page.getByRole('link', { name: 'Live' }).click();
    await page.getByRole('heading', { name: 'Live' }).waitFor();
    await page.getByLabel('Replay a stored call').check();
    await page.getByLabel('Call to replay').selectOption(String(call.id));
    await page.getByLabel('Replay speed').selectOption('64');
    await page.getByRole('button', { name: 'Start replay' }).click();

    // every time we look, the cards shown are the call's first walk-points, in order
    const cards = page.locator('.live-card');
    const shownTriggers = async () =>
      Promise.all(
        (await cards.all()).map(async (c) => String(await c.getAttribute('data-trigger'))),
      );
    let seen = 0;
    await waitUntil(
      async () => {
        const shown = await shownTriggers();
        assert.deepEqual(shown, expected.slice(0, shown.length), 'cards in order');
        seen = Math.max(seen, shown.length);
        return page.getByRole('region', { name: 'Call over' }).isVisible();
      },
      'the replay ends',
      150_000,
    );
    assert.deepEqual(await shownTriggers(), expected);
    assert.ok((await page.locator('.live-transcript li').count()) > 0, 'the transcript ran');
    await page.screenshot({ path: join(shots, 'live.png'), fullPage: true });

    // saved as a call: its analysis is the batch analysis of the stored transcript
    const saved = page.getByRole('region', { name: 'Call over' }).getByRole('link');
    const href = await saved.getAttribute('href');
    assert.match(String(href), /^\/calls\/\d+$/);
    const stored = await get<CallDetail>(String(href));
    const transcript = await get<string>(`/calls/${call.id}/transcript`);
    const reps = call.analysis.speakers.filter((s) => s.role === 'rep').map((s) => s.name);
    const batch = analyze(transcript, { rep: reps });
    assert.deepEqual(stored.analysis.moments, batch.moments);
    assert.deepEqual(stored.analysis.score, batch.score);

    // narrow screens: the cards go below the transcript, nothing wider than the window
    await page.setViewportSize({ width: 390, height: 800 });
    const board = await page.locator('.live-board').boundingBox();
    const cardBox = await cards.first().boundingBox();
    assert.ok(board && board.x + board.width <= 390, `the board fits: ${JSON.stringify(board)}`);
    const transcriptBox = await page.locator('.live-transcript').boundingBox();
    assert.ok(
      cardBox && transcriptBox && cardBox.y > transcriptBox.y,
      'cards below the transcript',
    );
    await page.screenshot({ path: join(shots, 'live-narrow.png'), fullPage: true });
  });
});
