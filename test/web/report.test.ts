/**
 * The HTML report (`walkpoint analyze --format html`) laid out in chromium: a tall moment card
 * must not stretch its turn into a box of white space, and turns past the cards take the page's
 * width. No server and no web build: the report is one standalone file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { analyze } from '../../src/engine/analyze.js';
import { renderHtml } from '../../src/render/html.js';
import { CHROMIUM, root, shots, skip } from './harness.js';

const EXAMPLE = 'examples/saas-renewal-discount.srt';

describe('the HTML report in chromium', { skip, timeout: 60_000 }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const a = analyze(readFileSync(join(root, EXAMPLE)), { file: join(root, EXAMPLE) });
    assert.ok(a.moments.length >= 3, 'the example has moment cards');
    await page.setContent(renderHtml(a));
  });

  after(async () => {
    await browser?.close();
  });

  test('is titled by the file name', async () => {
    assert.equal(await page.title(), 'Walkpoint report: saas-renewal-discount.srt');
  });

  test('no turn is stretched beside its card: each box ends just under its text', async () => {
    const slack = await page.$$eval('.turn', (turns) =>
      turns.map((t) => {
        // no DOM types in this project's tsconfig: the two calls used, typed here
        const doc = t.ownerDocument as unknown as {
          createRange(): {
            selectNodeContents(n: unknown): void;
            getBoundingClientRect(): { bottom: number };
          };
        };
        const range = doc.createRange();
        range.selectNodeContents(t);
        const text = range.getBoundingClientRect();
        const box = t.getBoundingClientRect();
        return { id: t.id, slack: Math.round(box.bottom - text.bottom) };
      }),
    );
    assert.ok(slack.length > 10);
    const stretched = slack.filter((s) => s.slack > 24);
    assert.deepEqual(stretched, [], 'turns with white space under their text');
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
  });

  test('turns with no card beside them take the full width', async () => {
    const widths = await page.$$eval('.turn', (turns) => {
      const main = turns[0]?.closest('main')?.getBoundingClientRect().width ?? 1;
      return turns.map((t) => t.getBoundingClientRect().width / main);
    });
    assert.ok(
      widths.some((w) => w > 0.9),
      `widest turn ${Math.max(...widths).toFixed(2)} of the page`,
    );
  });
});
