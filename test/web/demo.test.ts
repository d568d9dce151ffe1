/**
 * The demo without friction, in chromium against the real server (seeded demo): a first visit
 * logs no failed request, a skip link leads past the navigation, `?` lists the keys on any page,
 * a seeded call's rep is the salesperson of its transcript, a failed upload is retried with a
 * rep picked on its row, the reviewed mark shows at once and is put back when the server
 * refuses, and a new API token is copied with one click. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { type App, openApp, shots, signIn, skip } from './harness.js';

/** A call whose speakers are nobody on the demo team: the rep cannot be inferred. */
const STRANGERS = `Pat Rivera: Thanks for making time today, Jordan. How is the quarter going?
Jordan Vance: Busy. Honestly, just send me some information and I will look at it.
Pat Rivera: Happy to, but can I be straight with you? When someone asks for information this early it usually means no thanks. Is that where this is?
Jordan Vance: Fair. The real issue is the price, it is way more than we budgeted.
Pat Rivera: Okay, I can knock twenty percent off.
`;

describe('the demo in chromium', { skip, timeout: 180_000 }, () => {
  let app: App;
  let page: Page;

  before(async () => {
    app = await openApp('demo');
    page = app.page;
  });

  after(async () => {
    await app?.close();
  });

  test('a fresh visit logs no error and no failed request', async () => {
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(app.server.url);
    await page.getByLabel('Email').waitFor();
    // Let any late request land before judging.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(failed, []);
    assert.deepEqual(errors, []);
  });

  test('a skip link is the first Tab stop and moves the focus to the page', async () => {
    await signIn(app, 'manager@walkpoint.demo');
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    await page.keyboard.press('Tab');
    await page.locator('a.skip-link:focus', { hasText: 'Skip to content' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('main#content:focus').waitFor();
  });

  test('? lists the keys on a page other than a call; ? again closes the list', async () => {
    await page.goto(`${app.server.url}/team`);
    await page.getByRole('heading', { name: /Coaching queue/ }).waitFor();
    await page.keyboard.press('?');
    const keys = page.getByRole('dialog', { name: 'Keys' });
    await keys.waitFor();
    assert.match((await keys.textContent()) ?? '', /Skip to content/);
    await page.keyboard.press('?');
    await keys.waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    await keys.waitFor();
    await page.keyboard.press('Escape');
    await keys.waitFor({ state: 'detached' });
  });

  test("a seeded call's rep in the list is the salesperson of its transcript", async () => {
    await page.goto(`${app.server.url}/calls`);
    const rows = page.locator('.calls-table tbody tr');
    await rows.first().waitFor();
    const repColumn = await columnOf(page, 'Rep');
    const listed: { title: string; rep: string }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const title = (await rows.nth(i).locator('.call-title').textContent()) ?? '';
      const rep = (await rows.nth(i).locator('td').nth(repColumn).textContent()) ?? '';
      listed.push({ title, rep });
    }
    assert.ok(listed.length >= 10, `the seeded calls are listed: ${listed.length}`);
    assert.ok(new Set(listed.map((c) => c.rep)).size > 3, 'each call has its own salesperson');
    for (const { title, rep } of listed.filter((c) =>
      /cre-lease|staffing|logistics/.test(c.title),
    )) {
      await page.goto(`${app.server.url}/calls`);
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { name: title }).waitFor();
      const speaker = page.locator('.transcript .turn.role-rep .speaker').first();
      await speaker.waitFor();
      assert.equal(await speaker.textContent(), rep, title);
    }
  });

  test('a failed upload row offers a rep picker and Retry, which stores the call', async () => {
    const file = join(app.dir, 'strangers-call.txt');
    writeFileSync(file, STRANGERS);
    await page.goto(`${app.server.url}/upload`);
    await page.getByTestId('file-input').setInputFiles([file]);
    const error = page.locator('.upload-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /choose a rep/);
    const picker = page.getByLabel('Salesperson for strangers-call.txt');
    await picker.selectOption({ label: 'Dana Whitfield' });
    await page.screenshot({ path: join(shots, 'upload-retry.png'), fullPage: true });
    await page.getByRole('button', { name: 'Retry strangers-call.txt' }).click();
    await page.getByRole('link', { name: 'Open the call →' }).waitFor();
    assert.equal(await page.locator('.upload-error').count(), 0, 'the error is gone');
    await page.goto(`${app.server.url}/calls`);
    const row = page.locator('.calls-table tbody tr', { hasText: 'strangers-call.txt' });
    await row.waitFor();
    const repColumn = await columnOf(page, 'Rep');
    assert.equal(await row.locator('td').nth(repColumn).textContent(), 'Dana Whitfield');
  });

  test('the reviewed mark shows at once and is put back when the server refuses', async () => {
    await page.goto(`${app.server.url}/calls`);
    await page.getByRole('link', { name: 'cre-lease-ultimatum.vtt' }).click();
    const box = page.getByRole('checkbox', { name: 'Reviewed' });
    await box.waitFor();
    assert.equal(await box.isChecked(), false);
    const mark = page.locator('.strip-item.selected [title="Reviewed"]');
    assert.equal(await mark.count(), 0);

    // Hold the server's answer: the mark must not wait for it.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const hold = async (route: Route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      await held;
      return route.continue();
    };
    await page.route('**/api/v1/moments/*', hold);
    await box.click();
    await mark.waitFor({ timeout: 2000 });
    assert.equal(await box.isChecked(), true);
    release();
    await page.waitForLoadState('networkidle');
    await page.unroute('**/api/v1/moments/*', hold);
    assert.equal(await mark.count(), 1, 'kept once the server agrees');

    // A refusal puts the mark back and says why.
    const refuse = (route: Route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'internal', message: 'Could not save.' } }),
          })
        : route.continue();
    await page.route('**/api/v1/moments/*', refuse);
    await box.click();
    await page.locator('.coaching', { hasText: 'Could not save.' }).waitFor();
    assert.equal(await box.isChecked(), true, 'back to reviewed');
    assert.equal(await mark.count(), 1);
    await page.unroute('**/api/v1/moments/*', refuse);
  });

  test('a new API token is copied with one click', async () => {
    await signIn(app, 'admin@walkpoint.demo');
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: app.server.url,
    });
    await page.goto(`${app.server.url}/people`);
    await page.getByLabel('Token name').fill('Zoom sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('.secret').textContent()) ?? '';
    assert.ok(secret.length > 10);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    // No DOM types in the tests' build: the page's navigator, typed by hand.
    type Clip = { navigator: { clipboard: { readText(): Promise<string> } } };
    const copied = await page.evaluate(() =>
      (globalThis as unknown as Clip).navigator.clipboard.readText(),
    );
    assert.equal(copied, secret);
  });
});

/** Where the calls list's column headed `name` is (columns may be added). */
async function columnOf(page: Page, name: string): Promise<number> {
  const headers = await page.locator('.calls-table thead th').allTextContents();
  const i = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === name);
  assert.ok(i >= 0, `the calls list has a ${name} column: ${headers.join(' | ')}`);
  return i;
}
