/**
 * Browser test of the deal review and the self-check: the real server (seeded demo) and Debian's
 * chromium through playwright-core. Builds its own copy of the web app into a temporary folder,
 * so it never races another test rebuilding web/dist. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Running } from '../../src/server/serve.js';
import { type App, openApp, shots, signIn, skip } from './harness.js';

const SEEDED_CALL = 'saas-payroll-think-it-over.csv';

describe('deals and self-check in chromium', { skip, timeout: 120_000 }, () => {
  let server: Running;
  let page: Page;
  let app: App;

  before(async () => {
    app = await openApp('deals');
    ({ server, page } = app);
    await page.goto(server.url);
    await page.getByLabel('Email').fill('manager@walkpoint.demo');
    await page.getByLabel('Password').fill('walkpoint-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
  });

  after(async () => {
    await app?.close();
  });

  test('the seeded demo deal is listed with its band and total', async () => {
    await page.getByRole('link', { name: 'Deals', exact: true }).click();
    await page.getByRole('heading', { name: 'Deals' }).waitFor();
    const row = page.locator('.deal-table tbody tr', { hasText: 'Cho Restaurant Group' });
    await row.waitFor();
    assert.match((await row.locator('.deal-total-cell').textContent()) ?? '', /^\d+\/14$/);
    assert.match((await row.locator('.deal-band').textContent()) ?? '', /Real|Gaps to close|Hope/);
    await page.screenshot({ path: join(shots, 'deals-list.png'), fullPage: true });
  });

  test('create a deal, link a seeded call, see proposals and the band, correct a score', async () => {
    await page.getByRole('button', { name: 'New deal' }).click();
    // A manager gives the deal to the rep whose call it is: Owen Marsh speaks in SEEDED_CALL.
    const owner = page.getByLabel('Owner');
    await owner.locator('option', { hasText: 'Owen Marsh' }).waitFor({ state: 'attached' });
    assert.equal(await owner.inputValue(), '', 'no owner is assumed for a manager');
    await owner.selectOption({ label: 'Owen Marsh' });
    await page.getByLabel('Deal name').fill('Tip reconciliation pilot');
    await page.getByLabel('Company').fill('Cho Restaurant Group');
    await page.getByLabel('Stage').fill('evaluation');
    await page.getByLabel('Value').fill('24000');
    await page.getByRole('button', { name: 'Create deal' }).click();
    await page.getByRole('heading', { name: 'Tip reconciliation pilot' }).waitFor();
    await page.getByText(/owner Owen Marsh/).waitFor();
    // No calls yet: nothing is evidenced.
    assert.equal(await page.locator('.deal-quote').count(), 0);

    const option = page.locator('select[aria-label="Call to link"] option', {
      hasText: SEEDED_CALL,
    });
    await option.first().waitFor({ state: 'attached' });
    const value = await option.first().getAttribute('value');
    await page.getByLabel('Call to link').selectOption(value ?? '');
    await page.getByRole('button', { name: 'Link call' }).click();
    await page.locator('.deal-call-list a', { hasText: SEEDED_CALL }).waitFor();

    // Proposals from the call, with quotes linking back to it.
    await page.locator('.deal-quote').first().waitFor();
    const links = page.locator('.deal-evidence a');
    assert.ok((await links.count()) > 0);
    assert.match((await links.first().getAttribute('href')) ?? '', /^\/calls\/\d+/);
    const before = (await page.locator('.deal-verdict .deal-total').textContent()) ?? '';
    assert.match(before, /^\d+\/14$/);
    assert.ok(Number.parseInt(before, 10) > 0, 'the call evidences something');

    // Correct compelling reason to 0: the deal becomes hope, whatever the total.
    const reason = page.locator('[data-criterion="compelling-reason"]');
    await reason.getByRole('button', { name: '0', exact: true }).click();
    await reason.locator('.deal-status-tag', { hasText: /corrected|confirmed/ }).waitFor();
    await page.locator('.deal-verdict .deal-band', { hasText: 'Hope' }).waitFor();
    assert.equal(
      await reason.locator('.deal-score-btn.on').textContent(),
      '0',
      'the corrected score is shown',
    );
    // The plan asks about the reason first.
    const firstStep = page.locator('.deal-plan-steps > li').first();
    assert.match((await firstStep.textContent()) ?? '', /Compelling reason/);
    await page.screenshot({ path: join(shots, 'deals.png'), fullPage: true });
  });

  test('take the self-check with one statement skipped and see the result', async () => {
    await page.getByRole('link', { name: 'Self-check', exact: true }).click();
    await page.getByRole('heading', { name: 'Mindset self-check' }).waitFor();
    const items = page.locator('.selfcheck-item');
    assert.equal(await items.count(), 12);
    for (let i = 0; i < 12; i++) {
      const choice = i === 4 ? 'skip' : String((i % 5) + 1);
      await items.nth(i).getByText(choice, { exact: true }).click();
    }
    await page.getByRole('button', { name: 'Score my self-check' }).click();
    await page.locator('.ok-box', { hasText: 'Unanswered: statement 5' }).waitFor();
    const result = page.locator('.selfcheck-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /Unanswered: statement 5/);
    assert.equal(await result.locator('.selfcheck-subscale').count(), 3);
    assert.match((await result.textContent()) ?? '', /\d of \d answered/);
    await page.locator('.selfcheck-history tbody tr').first().waitFor();
    await page.screenshot({ path: join(shots, 'selfcheck.png'), fullPage: true });
  });

  test("the rep the deal was given to sees it; a rep's new deal is their own, with no owner to choose", async () => {
    await signIn(app, 'owen@walkpoint.demo');
    await page.getByRole('link', { name: 'Deals', exact: true }).click();
    const row = page.locator('.deal-table tbody tr', { hasText: 'Tip reconciliation pilot' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Owen Marsh/);
    await page.getByRole('button', { name: 'New deal' }).click();
    await page.locator('.deal-owner-note', { hasText: 'Owner: you' }).waitFor();
    assert.equal(await page.getByLabel('Owner').count(), 0);
    await page.getByLabel('Deal name').fill('Owen pipeline');
    await page.getByLabel('Company').fill('Cho Restaurant Group');
    await page.getByLabel('Stage').fill('discovery');
    await page.getByLabel('Value').fill('1000');
    await page.getByRole('button', { name: 'Create deal' }).click();
    await page.getByRole('heading', { name: 'Owen pipeline' }).waitFor();
    await page.getByText(/owner Owen Marsh/).waitFor();
  });
});
