/**
 * Browser test: a manager names a call (title and account) on its page; the calls list shows
 * the account, sorts by it and finds the call by it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Running } from '../../src/server/serve.js';
import { type App, DEMO_PASSWORD, openApp, shots, skip, waitUntil } from './harness.js';

describe('naming a call in chromium', { skip, timeout: 120_000 }, () => {
  let server: Running;
  let page: Page;
  let app: App;

  before(async () => {
    app = await openApp('naming');
    ({ server, page } = app);
  });

  after(async () => {
    await app?.close();
  });

  test('rename a call and name its account; the list shows, sorts and searches it', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').fill('manager@walkpoint.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.calls-table tbody tr').first().waitFor();
    await page.locator('.calls-table tbody tr a.call-title').first().click();
    await page.getByText('No account named').waitFor();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Title').fill('Northwind renewal, first call');
    await page.getByLabel(/^Account/).fill('Northwind Traders');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Northwind renewal, first call' }).waitFor();
    await page.locator('.call-account', { hasText: 'Northwind Traders' }).waitFor();
    await page.screenshot({ path: join(shots, 'naming-call.png') });
    // Escape gives up an edit; an empty title is not offered for saving
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Title').fill(' ');
    assert.equal(await page.getByRole('button', { name: 'Save' }).isDisabled(), true);
    await page.getByLabel('Title').press('Escape');
    await page.getByRole('heading', { name: 'Northwind renewal, first call' }).waitFor();

    await page.goto(`${server.url}/calls?sort=account&order=desc`);
    const first = page.locator('.calls-table tbody tr').first();
    await first.getByText('Northwind Traders').waitFor();
    assert.match((await first.textContent()) ?? '', /Northwind renewal, first call/);
    await page.getByPlaceholder(/Search titles, accounts/).fill('northwind trad');
    await waitUntil(
      async () => (await page.locator('.calls-table tbody tr').count()) === 1,
      'the search by account finds the one call',
    );
  });
});
