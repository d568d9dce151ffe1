/**
 * Browser tests: the real server (seeded demo) and Debian's chromium through playwright-core.
 * Sign in, upload a call, see its moments highlighted, step with j/k, add a note, open the team
 * page with its charts. Screenshots go to test-results/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { worstResponse } from '../../src/score/severity.js';
import type { Running } from '../../src/server/serve.js';
import { RESPONSE_LABEL } from '../../web/src/vocab.js';
import { type App, callWithOverruledPattern, openApp, shots, skip, waitUntil } from './harness.js';

/** A call with a clear stall the rep challenges and a price objection the rep caves on. */
const CALL = `Dana Whitfield: Thanks for making time today, Jordan. How is the quarter going?
Jordan Blake: Busy. Honestly, just send me some information and I'll take a look.
Dana Whitfield: Happy to, but can I be straight with you? When someone asks for information this early it usually means no thanks. Is that where this is?
Jordan Blake: Fair. It's more that the price you quoted is way over our budget.
Dana Whitfield: Okay, I can knock twenty percent off and throw in the onboarding for free.
Jordan Blake: That helps. Let me think about it and get back to you.
Dana Whitfield: Sure, no rush, I'll follow up next month.
`;

describe('web app in chromium', { skip, timeout: 120_000 }, () => {
  let server: Running;
  let page: Page;
  let app: App;

  before(async () => {
    app = await openApp('web');
    ({ server, page } = app);
  });

  after(async () => {
    await app?.close();
  });

  test('a wrong password is refused in plain words, the demo login works', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').fill('manager@walkpoint.demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.screenshot({ path: join(shots, 'login.png') });
    await page.getByLabel('Password').fill('walkpoint-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    await page.locator('.calls-table tbody tr').first().waitFor();
    assert.ok(
      (await page.locator('.calls-table tbody tr').count()) >= 10,
      'the seeded calls are listed',
    );
    await page.screenshot({ path: join(shots, 'calls.png'), fullPage: true });
  });

  test("each call's worst response is the engine's ranking of its moments", async () => {
    await page.goto(`${server.url}/calls`);
    await page.locator('.calls-table tbody tr').first().waitFor();
    const items = await page.evaluate(async () => {
      const r = await fetch('/api/v1/calls?pageSize=100');
      return ((await r.json()) as { items: { title: string; responses: Record<string, number> }[] })
        .items;
    });
    const rows = page.locator('.calls-table tbody tr');
    let checked = 0;
    for (const item of items) {
      const row = rows.filter({ has: page.getByRole('link', { name: item.title, exact: true }) });
      if ((await row.count()) !== 1) continue;
      const worst = worstResponse(item.responses);
      const badge = (await row.locator('td').last().textContent()) ?? '';
      assert.equal(badge, worst ? RESPONSE_LABEL[worst] : '—', item.title);
      checked++;
    }
    assert.ok(checked >= 10, `${checked} rows checked`);
  });

  test('the calls list filters by response kind', async () => {
    const before = await page.locator('.calls-table tbody tr').count();
    await page.getByRole('button', { name: 'Walked out' }).click();
    await waitUntil(
      async () => (await page.locator('.calls-table tbody tr').count()) < before,
      'the list is filtered',
    );
    const badges = await page
      .locator('.calls-table tbody tr .mixbar')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    assert.ok(
      badges.length > 0 && badges.every((t) => t.includes('Walked out')),
      badges.join(' | '),
    );
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  test('upload: a transcript is stored, a non-transcript gets a plain error', async () => {
    const good = join(app.dir, 'dana-jordan-call.txt');
    const bad = join(app.dir, 'notes.txt');
    writeFileSync(good, CALL);
    writeFileSync(bad, 'just some words without any speakers at all\nand another line\n');
    await page.goto(`${server.url}/upload`);
    await page.getByTestId('file-input').setInputFiles([good, bad]);
    await page.getByRole('link', { name: 'Open the call →' }).waitFor();
    const error = page.locator('.upload-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /notes\.txt/);
    await page.screenshot({ path: join(shots, 'upload.png'), fullPage: true });
    await page.getByRole('link', { name: 'Open the call →' }).click();
    await page.getByRole('heading', { name: 'dana-jordan-call.txt' }).waitFor();
  });

  test('the call page highlights moments in the transcript; j/k step through them', async () => {
    const marks = page.locator('.transcript .mark');
    await marks.first().waitFor();
    assert.ok((await marks.count()) >= 2, 'at least two moments are highlighted in place');
    const quote = (await marks.first().textContent()) ?? '';
    assert.ok(CALL.includes(quote), `the highlight is the prospect's own words: ${quote}`);
    await page.getByText(/Moment 1 of \d+/).waitFor();
    await page.keyboard.press('j');
    await page.getByText(/Moment 2 of \d+/).waitFor();
    assert.equal(await page.locator('.transcript .mark.selected').count(), 1);
    await page.keyboard.press('k');
    await page.getByText(/Moment 1 of \d+/).waitFor();
  });

  test('a manager adds a coaching note and marks the moment reviewed', async () => {
    const note =
      'Good negative reverse. Next time hold the price: ask what budget they did set aside.';
    await page.getByLabel('Coaching note').fill(note);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.note p', { hasText: 'hold the price' }).waitFor();
    await page.getByLabel('Reviewed').click();
    await page.locator('.coaching input[type=checkbox]:checked').waitFor();
    await page.locator('.strip-item.selected', { hasText: '✓' }).waitFor();
    await page.screenshot({ path: join(shots, 'call.png'), fullPage: true });
  });

  test('a pattern the model overruled is shown beside its turn, with the reason', async () => {
    const title = await callWithOverruledPattern(page);
    await page.goto(server.url);
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    const note = page.locator('.transcript .overruled').first();
    await note.waitFor();
    await note.locator('summary').click();
    const text = (await note.textContent()) ?? '';
    assert.match(text, /Not counted as a walk-point/);
    assert.match(text, /trained model reads this sentence as no walk-point \(\d{1,3}% sure\)/);
  });

  test('a moment the engine is unsure of says "unsure: review", never its grade', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'saas-payroll-think-it-over.csv' }).click();
    await page.getByRole('heading', { name: 'saas-payroll-think-it-over.csv' }).waitFor();
    const unsure = page.locator('.strip-item.tone-none');
    await unsure.first().waitFor();
    await unsure.first().click();
    const panel = page.locator('.panel-section', { hasText: 'What the rep did' });
    await panel.locator('.badge.unsure', { hasText: 'Unsure: review' }).waitFor();
    assert.match((await panel.textContent()) ?? '', /Unsure:/);
    // the engine's leaning and its reasoning are behind Details, not stated as the grade
    await panel.locator('details.details summary').click();
    assert.match((await panel.locator('details.details').textContent()) ?? '', /leans to/);
    // and no praise for a grade it does not believe: the nothing-to-lose moves instead
    assert.equal(await page.locator('.panel-section.praise').count(), 0);
    await page.screenshot({ path: join(shots, 'call-unsure.png'), fullPage: true });
  });

  test('the team page draws its charts and the coaching queue', async () => {
    await page.goto(`${server.url}/team`);
    await page.getByRole('heading', { name: 'Willing to walk, week by week' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    assert.ok((await page.locator('.chart canvas').count()) >= 2, 'trend and question-rate charts');
    assert.ok((await page.locator('.u-legend .u-series').count()) >= 3, 'one trend series per rep');
    await page.locator('.queue-item').first().waitFor();
    await page.screenshot({ path: join(shots, 'team.png'), fullPage: true });
  });

  test('question bank and people pages render', async () => {
    await page.goto(`${server.url}/questions`);
    await page.locator('.question').first().waitFor();
    await page.getByLabel('Trigger').selectOption('objection:price');
    await waitUntil(async () => {
      const tags = await page.locator('.question .tag:first-child').allTextContents();
      return tags.length > 0 && tags.every((t) => t.startsWith('Objection'));
    }, 'only objection questions are listed');
    await page.screenshot({ path: join(shots, 'questions.png'), fullPage: true });
    await page.goto(`${server.url}/people`);
    await page.getByRole('cell', { name: 'Dana Whitfield' }).waitFor();
    await page.screenshot({ path: join(shots, 'people.png'), fullPage: true });
  });
});
