/**
 * The web app in a manager's words: no engine version, practice seed, evidence code or
 * "(unverified)" in the page text; a legend for the calls list's colour bar; chart legends that
 * read something other than "--" before anyone hovers. Real server (seeded demo), Debian's
 * chromium through playwright-core.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CRITERIA } from '../../src/deals/rubric/criteria.js';
import { RESPONSE_LABEL } from '../../web/src/vocab.js';
import { type App, openApp, shots, signIn, skip } from './harness.js';

/** Words meant for whoever supports the app, never for the page. */
const DEVELOPER_WORDS = [
  /\bengine \d+\.\d+/i,
  /\bseed \d+/i,
  /\(unverified\)/,
  /\bOMG\b/,
  /\bp=\d/,
  /\bA and B\b/,
  /\{\w+\}/,
  /\bundefined\b/,
];

/** The deal review's piece codes ("decider-on-call"): compound codes, not English words. */
const PIECE_CODES = CRITERIA.flatMap((c) => c.pieces).filter((p) => p.includes('-'));

async function pageText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text a person sees, not what a closed details or a tooltip holds
  return (await page.locator('main, .app, body').first().innerText()) ?? '';
}

function developerWordsIn(text: string): string[] {
  return [
    ...DEVELOPER_WORDS.filter((re) => re.test(text)).map((re) => String(re)),
    ...PIECE_CODES.filter((code) => text.includes(code)),
  ];
}

describe("the web app in a manager's words", { skip, timeout: 180_000 }, () => {
  let page: Page;
  let app: App;

  before(async () => {
    app = await openApp('words');
    ({ page } = app);
    await signIn(app, 'manager@walkpoint.demo');
  });

  after(async () => {
    await app?.close();
  });

  test("the calls list explains its colour bar with each response's name", async () => {
    await page.goto(`${app.server.url}/calls`);
    await page.locator('.calls-table tbody tr').first().waitFor();
    const legend = page.locator('.calls-legend');
    await legend.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the text a person sees, not what a closed details or a tooltip holds
    const text = (await legend.innerText()) ?? '';
    for (const label of Object.values(RESPONSE_LABEL)) assert.match(text, new RegExp(label));
    assert.deepEqual(developerWordsIn(await pageText(page)), []);
  });

  test('a call page keeps the engine version out of the text, in a tooltip', async () => {
    await page.getByRole('link', { name: 'manufacturing-incumbent.txt' }).click();
    await page.getByRole('heading', { name: 'manufacturing-incumbent.txt' }).waitFor();
    await page.locator('.moment-card, .transcript').first().waitFor();
    const overruled = page.locator('.transcript .overruled').first();
    if (await overruled.count()) await overruled.locator('summary').click();
    assert.deepEqual(developerWordsIn(await pageText(page)), []);
    assert.match(
      (await page.locator('.call-model').getAttribute('title')) ?? '',
      /engine version \d+\.\d+/,
    );
    await page.screenshot({ path: join(shots, 'words-call.png'), fullPage: true });
  });

  test('the team charts show values in their legends before any hover', async () => {
    await page.goto(`${app.server.url}/team`);
    await page.locator('.u-legend').first().waitFor();
    // move the pointer well away from every chart
    await page.mouse.move(1, 1);
    const values = await page.locator('.u-legend .u-value').allInnerTexts();
    assert.ok(values.length > 0, 'the legends have value cells');
    assert.deepEqual(
      values.filter((v) => v.trim() === '--'),
      [],
      `legend values: ${values.join(' | ')}`,
    );
    assert.ok(
      values.some((v) => /\d/.test(v)),
      `some legend value is a number: ${values.join(' | ')}`,
    );
    await page.screenshot({ path: join(shots, 'words-team.png'), fullPage: true });
  });

  test('the deal review names evidence in words, without codes or "(unverified)"', async () => {
    await page.goto(`${app.server.url}/deals`);
    const row = page.locator('.deal-table tbody tr', { hasText: 'Cho Restaurant Group' });
    await row.waitFor();
    await row.locator('a').first().click();
    await page.locator('.deal-criterion').first().waitFor();
    await page.locator('.deal-plan-step, .deal-quote').first().waitFor();
    const text = await pageText(page);
    assert.deepEqual(developerWordsIn(text), []);
    await page.screenshot({ path: join(shots, 'words-deal.png'), fullPage: true });
  });

  test('a practice call shows its date, not its seed', async () => {
    await page.goto(`${app.server.url}/practice`);
    await page.locator('.practice-scenario').first().waitFor();
    const start = page.locator('.practice-scenario-actions button[aria-label^="Start: "]').first();
    const title = ((await start.getAttribute('aria-label')) ?? '').replace(/^Start: /, '');
    await start.click();
    await page.getByRole('heading', { name: title }).waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the text a person sees, not what a closed details or a tooltip holds
    const head = (await page.locator('.page-head').first().innerText()) ?? '';
    assert.doesNotMatch(head, /seed/i);
    assert.deepEqual(developerWordsIn(await pageText(page)), []);
  });

  test('the self-check page says nothing unexplained', async () => {
    await page.goto(`${app.server.url}/selfcheck`);
    await page
      .getByRole('heading', { name: /self-check/i })
      .first()
      .waitFor();
    assert.deepEqual(developerWordsIn(await pageText(page)), []);
  });
});
