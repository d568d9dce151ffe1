/**
 * Browser test of access that ends: on the People page an admin disables a rep (who is then
 * told why at the sign-in), enables them again, and deletes another rep with their calls moved
 * to a colleague; a rep changes their own password. Real server (seeded demo), Debian's chromium.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type App, DEMO_PASSWORD, openApp, shots, signIn, skip } from './harness.js';

describe('disabling and deleting users in chromium', { skip, timeout: 120_000 }, () => {
  let app: App;
  let page: Page;

  before(async () => {
    app = await openApp('people');
    page = app.page;
  });

  after(async () => {
    await app?.close();
  });

  const row = (name: string) => page.locator('tbody tr', { hasText: name });
  const people = async () => {
    await signIn(app, 'admin@walkpoint.demo');
    await page.goto(`${app.server.url}/people`);
    await row('Dana Whitfield').waitFor();
  };

  test('an admin disables a rep after confirming (cancel does nothing)', async () => {
    await people();
    await row('Dana Whitfield').getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Disable Dana Whitfield?' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(
      await row('Dana Whitfield').locator('.role-disabled').count(),
      0,
      'cancel does nothing',
    );

    await row('Dana Whitfield').getByRole('button', { name: 'Disable' }).click();
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await row('Dana Whitfield').locator('.role-disabled').waitFor();
    await page.locator('.ok-box', { hasText: 'Disabled Dana Whitfield' }).waitFor();
    assert.equal(await row('Avery Admin').getByRole('button', { name: 'Delete' }).count(), 0);
    await page.screenshot({ path: join(shots, 'people-access.png'), fullPage: true });
  });

  test('the disabled rep cannot sign in, with a clear message; enabled again, they can', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill('dana@walkpoint.demo');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This account is disabled').waitFor();

    await people();
    await row('Dana Whitfield').getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
    await row('Dana Whitfield').getByRole('button', { name: 'Disable' }).waitFor();
    await signIn(app, 'dana@walkpoint.demo');
  });

  test('deleting a rep moves their calls to the chosen colleague', async () => {
    await people();
    await row('Chris Walsh').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Their calls and deals')
      .selectOption({ label: 'Move to Sam Whitaker' });
    await page.screenshot({ path: join(shots, 'people-delete.png') });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const done = page.locator('.ok-box', { hasText: 'Deleted Chris Walsh' });
    await done.waitFor();
    assert.match((await done.textContent()) ?? '', /\d+ calls? moved to Sam Whitaker/);
    await row('Chris Walsh').waitFor({ state: 'detached' });
  });

  test('anyone changes their own password on the People page and stays signed in', async () => {
    await signIn(app, 'sam@walkpoint.demo');
    await page.goto(`${app.server.url}/people`);
    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByLabel('New password (8 characters or more)').fill('sam-new-secret');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.ok-box', { hasText: 'Password changed' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });
});
