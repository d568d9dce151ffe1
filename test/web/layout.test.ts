/**
 * Browser test of the web app's layout and navigation (issue 16): the call page at 1,440,
 * 1,024 and 390 px wide, deep links to a moment, arrow keys that scroll, list filters that live
 * in the URL, and no sideways scrolling on a phone. Real server (seeded demo), Debian's
 * chromium. Screenshots go to test-results/layout-<width>.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { type App, openApp, shots, signIn, skip, waitUntil } from './harness.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe('layout and navigation in chromium', { skip, timeout: 300_000 }, () => {
  let app: App;
  let page: Page;
  /** The seeded call with the most turns, and its moment farthest down the transcript. */
  let callId = 0;
  let farIdx = 0;
  let firstIdx = 0;

  before(async () => {
    app = await openApp('layout');
    page = app.page;
    await signIn(app, 'manager@walkpoint.demo');
    const api = `${app.server.url}/api/v1`;
    const list = await (await page.request.get(`${api}/calls?pageSize=50`)).json();
    let most = -1;
    for (const c of list.items as { id: number }[]) {
      const d = await (await page.request.get(`${api}/calls/${c.id}`)).json();
      const moments = d.moments as { idx: number; turn: number }[];
      if (moments.length < 2 || d.analysis.turns.length <= most) continue;
      most = d.analysis.turns.length;
      callId = c.id;
      const byTurn = [...moments].sort((a, b) => a.turn - b.turn);
      firstIdx = byTurn[0].idx;
      farIdx = byTurn[byTurn.length - 1].idx;
    }
    assert.ok(most >= 30, `a seeded call long enough to scroll: ${most} turns`);
  });

  after(async () => {
    await app?.close();
  });

  const box = async (l: Locator): Promise<Box> => {
    const b = await l.boundingBox();
    assert.ok(b, 'the element is laid out');
    return b;
  };
  const viewport = () => page.viewportSize() ?? { width: 0, height: 0 };
  const inView = (b: Box) => b.y >= 0 && b.y + b.height <= viewport().height;
  const docWidth = () => page.locator('html').evaluate((el) => el.scrollWidth);
  const scrollY = () => page.locator('html').evaluate((el) => el.scrollTop);
  const selectedMark = () => page.locator('.transcript .mark.selected');
  const panel = () => page.getByRole('region', { name: 'Selected moment' });
  const transcript = () => page.getByRole('region', { name: 'Transcript' });

  const openCall = async (m: number) => {
    await page.goto(`${app.server.url}/calls/${callId}?m=${m}`);
    await panel().waitFor();
    await selectedMark().waitFor({ state: 'attached' });
  };

  test('a deep link to a moment scrolls its turn into view', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openCall(farIdx);
    // the moment is far enough down that landing at the top would not show it
    const top = (await box(selectedMark())).y + (await scrollY());
    assert.ok(top > 900, `the moment is below the first screen: ${top}px down`);
    await waitUntil(async () => inView(await box(selectedMark())), 'the moment is in view');
    assert.ok((await scrollY()) > 0, 'the page scrolled to it');
  });

  test('opening a moment from the coaching queue lands on it', async () => {
    await page.goto(`${app.server.url}/team`);
    const item = page.locator('.queue-item').last();
    await item.waitFor();
    const href = (await item.getAttribute('href')) ?? '';
    const m = /\?m=(\d+)$/.exec(href)?.[1];
    assert.ok(m, href);
    await item.click();
    await panel().waitFor();
    await selectedMark().waitFor({ state: 'attached' });
    assert.equal(await selectedMark().getAttribute('data-moment'), m);
    await waitUntil(async () => inView(await box(selectedMark())), 'the moment is in view');
  });

  test('arrow keys and Page Down scroll the transcript; j still steps', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openCall(firstIdx);
    await page.locator('body').focus();
    await page.mouse.move(600, 600);
    const before = await scrollY();
    const selected = await selectedMark().getAttribute('data-moment');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await waitUntil(async () => (await scrollY()) > before, 'ArrowDown scrolls the page');
    assert.equal(await selectedMark().getAttribute('data-moment'), selected, 'same moment');
    const afterArrows = await scrollY();
    await page.keyboard.press('PageDown');
    await waitUntil(async () => (await scrollY()) > afterArrows, 'PageDown scrolls the page');
    assert.equal(await selectedMark().getAttribute('data-moment'), selected, 'same moment');
    await page.keyboard.press('j');
    await waitUntil(
      async () => (await selectedMark().getAttribute('data-moment')) !== selected,
      'j steps to the next moment',
    );
  });

  test('1,440 and 1,024 px: transcript and moment side by side, nothing sideways', async () => {
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await openCall(farIdx);
      await waitUntil(async () => inView(await box(selectedMark())), 'the moment is in view');
      const t = await box(transcript());
      const p = await box(panel());
      assert.ok((await docWidth()) <= width, `${width}: no sideways scroll (${await docWidth()})`);
      assert.ok(t.x + t.width <= p.x, `${width}: the panel is beside the transcript`);
      assert.ok(p.x + p.width <= width, `${width}: the panel fits the window`);
      assert.ok(t.width >= 420, `${width}: the transcript is readable (${t.width}px)`);
      assert.ok(p.width >= 300, `${width}: the panel is readable (${p.width}px)`);
      // both on the first screen while the moment is in view
      assert.ok(p.y < 900 && p.y + p.height > 0, `${width}: the panel is on screen`);
      await page.screenshot({ path: join(shots, `layout-${width}.png`) });
    }
  });

  test('390 px: the selected moment on the first screen, the transcript one tap away', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openCall(farIdx);
    assert.ok((await docWidth()) <= 390, `no sideways scroll (${await docWidth()}px)`);
    const p = await box(panel());
    assert.ok(p.y >= 0 && p.y < 844 - 150, `the panel starts on the first screen (${p.y})`);
    assert.ok(p.x >= 0 && p.x + p.width <= 390, 'the panel fits the width');
    await page.screenshot({ path: join(shots, 'layout-390.png') });
    // one tap: the moment in its place in the transcript
    await page.getByRole('button', { name: 'Show in transcript' }).click();
    await waitUntil(async () => inView(await box(selectedMark())), 'the moment is in view');
    const t = await box(transcript());
    assert.ok(t.x >= 0 && t.x + t.width <= 390, 'the transcript fits the width');
    assert.ok((await docWidth()) <= 390, 'no sideways scroll on the transcript');
    await page.screenshot({ path: join(shots, 'layout-390-transcript.png') });
    // and back: a tap on a highlighted moment opens its panel
    await selectedMark().click();
    await waitUntil(async () => {
      const b = await panel().boundingBox();
      return !!b && b.y < 844 && b.y + b.height > 0;
    }, 'the panel is back on screen');
  });

  test('390 px: the main pages do not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const deals = await (await page.request.get(`${app.server.url}/api/v1/deals`)).json();
    const dealId = (deals as { id: number }[])[0]?.id;
    assert.ok(dealId, 'the demo has a deal');
    const paths: [string, string][] = [
      ['/calls', '.calls-table tbody tr'],
      ['/team', '.queue-item'],
      ['/deals', '.deal-table'],
      [`/deals/${dealId}`, 'h1'],
      ['/questions', '.question'],
      ['/practice', '.practice-scenario'],
      ['/upload', '.dropzone'],
      ['/people', 'table'],
      ['/live', 'h1'],
      ['/selfcheck', 'h1'],
    ];
    const wide: string[] = [];
    for (const [path, ready] of paths) {
      await page.goto(app.server.url + path);
      await page.locator(ready).first().waitFor();
      const w = await docWidth();
      if (w > 390) {
        wide.push(`${path}: ${w}px`);
        await page.screenshot({ path: join(shots, `layout-390${path.replace(/\//g, '-')}.png`) });
      }
    }
    assert.deepEqual(wide, [], 'pages wider than the phone');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('the calls list keeps its filters, search and sort in the URL', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const rows = page.locator('.calls-table tbody tr');
    const titles = async () => rows.locator('.call-title').allTextContents();
    await page.goto(`${app.server.url}/calls`);
    await rows.first().waitFor();
    const all = await titles();
    await page.getByRole('button', { name: 'Caved' }).click();
    await waitUntil(async () => page.url().includes('response=caved'), 'the chip is in the URL');
    await page.getByLabel('Search calls').pressSequentially('re', { delay: 30 });
    await waitUntil(async () => page.url().includes('q=re'), 'the search is in the URL');
    await page.getByRole('button', { name: 'Score' }).click();
    await waitUntil(async () => page.url().includes('sort=score'), 'the sort is in the URL');
    await page.getByRole('button', { name: 'Score' }).click();
    await waitUntil(async () => page.url().includes('order=asc'), 'the order is in the URL');
    // the rows settle on the filtered, sorted list
    let shown: string[] = [];
    await waitUntil(async () => {
      const scores = await rows.locator('.score').allTextContents();
      shown = await titles();
      const sorted = scores.map(Number).every((s, i, a) => i === 0 || a[i - 1] <= s);
      return shown.length > 0 && shown.length < all.length && sorted;
    }, 'the filtered rows are listed, lowest score first');
    const url = page.url();

    const same = async (p: Page) => {
      await waitUntil(
        async () =>
          JSON.stringify(await p.locator('.calls-table tbody tr .call-title').allTextContents()) ===
          JSON.stringify(shown),
        'the same rows are listed',
      );
      assert.equal(await p.getByLabel('Search calls').inputValue(), 're');
      assert.equal(
        await p.getByRole('button', { name: 'Caved' }).getAttribute('aria-pressed'),
        'true',
      );
      assert.equal(
        await p.locator('th[aria-sort="ascending"]').textContent(),
        'Score▲',
        'sorted by score, lowest first',
      );
    };

    await page.reload();
    await same(page);
    const other = await app.context.newPage();
    await other.goto(url);
    await same(other);
    await other.close();

    // Back undoes one discrete change at a time; the letters typed are not steps of their own
    await page.goBack();
    await waitUntil(async () => !page.url().includes('order=asc'), 'back: the order');
    assert.ok(page.url().includes('sort=score'), page.url());
    await page.goBack();
    await waitUntil(async () => !page.url().includes('sort='), 'back: the sort');
    assert.ok(page.url().includes('q=re') && page.url().includes('response=caved'), page.url());
    assert.equal(await page.getByLabel('Search calls').inputValue(), 're');
    await page.goBack();
    await waitUntil(async () => !page.url().includes('?'), 'back: no filters');
    assert.equal(await page.getByLabel('Search calls').inputValue(), '');
    await waitUntil(
      async () => JSON.stringify(await titles()) === JSON.stringify(all),
      'every call is listed again',
    );
  });

  test('the question bank, the team period and the practice level stay in the URL', async () => {
    await page.goto(`${app.server.url}/questions`);
    await page.locator('.question').first().waitFor();
    await page.getByLabel('Trigger').selectOption('objection:price');
    await waitUntil(async () => page.url().includes('trigger=objection%3Aprice'), 'in the URL');
    await page.reload();
    await page.locator('.question').first().waitFor();
    assert.equal(await page.getByLabel('Trigger').inputValue(), 'objection:price');
    const tags = await page.locator('.question .tag:first-child').allTextContents();
    assert.ok(tags.length > 0 && tags.every((t) => t.startsWith('Objection')), tags.join());

    await page.goto(`${app.server.url}/team`);
    await page.getByRole('button', { name: '6 months' }).click();
    await waitUntil(async () => page.url().includes('weeks=26'), 'the period is in the URL');
    await page.reload();
    await page.locator('.segmented button.on', { hasText: '6 months' }).waitFor();

    await page.goto(`${app.server.url}/practice`);
    const difficulty = page.getByRole('group', { name: 'Difficulty' });
    await difficulty.getByRole('button', { name: 'hard' }).click();
    await waitUntil(async () => page.url().includes('level=hard'), 'the level is in the URL');
    await page.reload();
    await difficulty.locator('button.on', { hasText: 'hard' }).waitFor();
    const pills = await page.locator('.practice-scenario .practice-difficulty').allTextContents();
    assert.ok(pills.length > 0 && pills.every((p) => /hard/i.test(p)), pills.join());
  });
});
