/**
 * Browser test of corrections (issue 11): on a call where the shipped engine misses a price
 * objection, a manager marks the prospect's sentence as a walk-point from the keyboard and
 * regrades the rep's reply as caved; both survive a reload, the team page counts the corrected
 * grade, and the rep sees the correction on their call and replies to it. Notes are edited and
 * deleted by their author. Real server (seeded demo), Debian's chromium.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { kindWords } from '../../src/core/vocabulary.js';
import {
  type App,
  callWithOverruledPattern,
  openApp,
  shots,
  signIn,
  skip,
  waitUntil,
} from './harness.js';

/**
 * Made up for this test. The engine finds the brochure stall (and grades the challenge right)
 * but reads nothing in turn 3: "that is real money for a shop our size" is a price objection
 * in no words its patterns or model know, and the rep caves on it.
 */
const TITLE = 'dana-priya-pilot.txt';
const CALL = `Dana Whitfield: Thanks for joining, Priya. Where do things stand on your side?
Priya Shah: Honestly, just send me a brochure and I'll have a look at it.
Dana Whitfield: Happy to, but can I be straight with you? When someone asks for a brochure this early it usually means no thanks. Is that where this is?
Priya Shah: Fair enough. We liked the demo, but that is real money for a shop our size.
Dana Whitfield: Understood. I can take fifteen percent off if you sign this month.
Priya Shah: Okay, that helps.
Dana Whitfield: Great, I'll send the paperwork over today.
`;
const MISSED = 'We liked the demo, but that is real money for a shop our size.';

describe('corrections in chromium', { skip, timeout: 180_000 }, () => {
  let app: App;
  let page: Page;
  let callUrl = '';

  before(async () => {
    app = await openApp('corrections');
    page = app.page;
  });

  after(async () => {
    await app?.close();
  });

  /** Dana's "Caved" count in the team page's response mix (the bar's title lists the counts). */
  const danaCaved = async (): Promise<number> => {
    await page.goto(`${app.server.url}/team`);
    const bar = page.locator('tr', { hasText: 'Dana Whitfield' }).locator('.mixbar').first();
    await bar.waitFor();
    const title = (await bar.getAttribute('title')) ?? '';
    return Number(/Caved: (\d+)/.exec(title)?.[1] ?? 0);
  };

  const panel = () => page.getByRole('region', { name: 'Selected moment' });

  let cavedBefore = 0;

  test('the engine misses the price objection on the uploaded call', async () => {
    await signIn(app, 'manager@walkpoint.demo');
    cavedBefore = await danaCaved();
    const file = join(app.dir, TITLE);
    writeFileSync(file, CALL);
    await page.goto(`${app.server.url}/upload`);
    await page.getByTestId('file-input').setInputFiles([file]);
    await page.getByRole('link', { name: 'Open the call →' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    callUrl = page.url().replace(/\?.*$/, '');
    await page.locator('.strip-item').first().waitFor();
    assert.deepEqual(await page.locator('.strip-item').allTextContents(), ['1Stall: info']);
    assert.match((await page.locator('.call-model').textContent()) ?? '', /shipped model/);
  });

  test('a manager marks the missed sentence as a price objection, from the keyboard', async () => {
    await page.keyboard.press('p');
    await page.locator('.pick-bar').waitFor();
    // j walks the prospect's sentences until the missed one is under the cursor
    for (let i = 0; i < 8; i++) {
      if ((await page.locator('.pick.cursor').textContent()) === MISSED) break;
      await page.keyboard.press('j');
    }
    assert.equal(await page.locator('.pick.cursor').textContent(), MISSED);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Mark a missed walk-point' }).waitFor();
    assert.match((await dialog.textContent()) ?? '', /fifteen percent off/, 'the reply to grade');
    await dialog.getByLabel('Trigger').selectOption('objection:price');
    // first take: gave up (regraded below), by its number
    await page.keyboard.press('3');
    assert.equal(await dialog.getByLabel('Gave up').isChecked(), true);
    await dialog.getByLabel('Reason (optional)').fill('Real money = too expensive.');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.strip-item.selected', { hasText: 'Objection: price' }).waitFor();
    await panel()
      .getByText(
        'Marked as a walk-point by Morgan Lee: objection (price), gave up; the engine found none',
      )
      .waitFor();
    await panel().getByText('“Real money = too expensive.”').waitFor();
  });

  test('g regrades the reply as caved; Escape closes without saving', async () => {
    // the promote dialog has closed and the page has the focus again before the next key
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.locator('body').focus();
    await page.keyboard.press('g');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Change the grade' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Under a loaded machine the page may still be settling from the close (the full suite
    // once timed out here while the test alone passes): the page has the focus, and the key
    // is pressed again until the dialog opens, a few times at most.
    await page.locator('body').focus();
    const heading = dialog.getByRole('heading', { name: 'Change the grade' });
    for (let tries = 0; tries < 5 && !(await heading.isVisible()); tries++) {
      await page.keyboard.press('g');
      await heading.waitFor({ timeout: 2_000 }).catch(() => {});
    }
    await heading.waitFor();
    // the grade in force has the focus: one step back is Caved
    await page.keyboard.press('ArrowLeft');
    assert.equal(await dialog.getByLabel('Caved').isChecked(), true);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await panel().getByText('Corrected by Morgan Lee: caved (was: gave up)').waitFor();
    await page.screenshot({ path: join(shots, 'corrections-manager.png'), fullPage: true });
  });

  test('after a reload the promoted moment and its grade are there, with the history', async () => {
    await page.goto(callUrl);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    const strip = page.locator('.strip-item');
    await waitUntil(async () => (await strip.count()) === 2, 'two moments in the strip');
    assert.deepEqual(await strip.allTextContents(), ['1Stall: info', '2Objection: price ✎']);
    await strip.nth(1).click();
    await panel().locator('.badge', { hasText: 'Caved' }).waitFor();
    await panel().getByText('Corrected by Morgan Lee: caved (was: gave up)').waitFor();
    assert.equal(await panel().locator('.correction').count(), 2, 'both corrections listed');
    // the mark sits on the promoted sentence in the transcript
    assert.equal(await page.locator('.transcript .mark.selected').textContent(), MISSED);
    // one moment corrected (the regrade supersedes the promotion's grade)
    assert.match(
      (await page.locator('.call-model').textContent()) ?? '',
      /1 correction by a manager/,
    );
    // the scorecard counts the corrections as the score at the top does, and says so
    const card = page.locator('.scorecard', { hasText: 'Counts the managers’ corrections' });
    await card.waitFor();
    const points = (await card.locator('.component-head .muted').allTextContents()).map((t) =>
      Number(t.split('/')[0]),
    );
    const top = Number(await page.locator('.head-score .score').first().textContent());
    assert.ok(Number.isFinite(top), 'the score at the top is a number');
    assert.ok(
      Math.abs(points.reduce((a, b) => a + b, 0) - top) <= points.length,
      `${points} / ${top}`,
    );
  });

  test('the team page counts the corrected grade', async () => {
    assert.equal(await danaCaved(), cavedBefore + 1);
  });

  test('the rep sees the correction on their call, cannot correct, and replies', async () => {
    await signIn(app, 'dana@walkpoint.demo');
    await page.goto(callUrl);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.locator('.strip-item', { hasText: 'Objection: price' }).click();
    await panel().getByText('Corrected by Morgan Lee: caved (was: gave up)').waitFor();
    assert.equal(await page.getByRole('button', { name: /Change grade/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Mark a missed walk-point/ }).count(), 0);
    await page.keyboard.press('g');
    assert.equal(await page.getByRole('dialog').count(), 0, 'g does nothing for a rep');
    await panel().locator('.correction.active').getByRole('button', { name: 'Reply' }).click();
    await page.getByLabel('Reply to the correction').fill('Fair. I will hold the price next time.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await panel().locator('.replies', { hasText: 'I will hold the price next time.' }).waitFor();
    assert.match((await panel().locator('.replies').textContent()) ?? '', /Dana Whitfield/);
    await page.screenshot({ path: join(shots, 'corrections-rep.png'), fullPage: true });
  });

  test("a note's author edits it in place and deletes it after confirming", async () => {
    await signIn(app, 'manager@walkpoint.demo');
    await page.goto(callUrl);
    await page.locator('.strip-item', { hasText: 'Objection: price' }).click();
    await page.getByLabel('Coaching note').fill('Ask what budget they did set aside.');
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.locator('.note', { hasText: 'budget' });
    await note.waitFor();
    await note.getByRole('button', { name: 'Edit' }).click();
    await note.getByLabel('Edit the note').fill('Ask what budget they did set aside, and by whom.');
    await note.getByRole('button', { name: 'Save note' }).click();
    await page.locator('.note p', { hasText: 'and by whom.' }).waitFor();
    await note.getByRole('button', { name: 'Delete' }).click();
    await note.getByRole('button', { name: 'Keep it' }).click();
    assert.equal(await note.count(), 1, 'keeping it keeps it');
    await note.getByRole('button', { name: 'Delete' }).click();
    await note.getByRole('button', { name: 'Delete note' }).click();
    await note.waitFor({ state: 'detached' });
    await page.getByText('No notes yet.').waitFor();
  });

  test('t retypes the engine moment; u undoes it', async () => {
    await page.locator('.strip-item', { hasText: 'Stall: info' }).click();
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Change the trigger' }).waitFor();
    await dialog.getByLabel('Trigger').selectOption('stall:later');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.strip-item.selected', { hasText: 'Stall: later' }).waitFor();
    await panel().getByText('Corrected by Morgan Lee: stall (later) (was: stall (info))').waitFor();
    await panel().getByText('The engine reads it as stall (info), challenged.').waitFor();
    await page.keyboard.press('u');
    await page.locator('.strip-item.selected', { hasText: 'Stall: info' }).waitFor();
  });

  test('a manager dismisses the engine moment and undoes it with u', async () => {
    await page.locator('.strip-item', { hasText: 'Stall: info' }).click();
    await page.keyboard.press('x');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Not a walk-point' }).waitFor();
    await page.keyboard.type('small talk');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.strip-item.tone-dismissed', { hasText: 'Stall: info' }).waitFor();
    await panel()
      .getByText(/^Dismissed by Morgan Lee: not a walk-point/)
      .waitFor();
    await page.keyboard.press('u');
    await page.locator('.strip-item.tone-dismissed').waitFor({ state: 'detached' });
    await panel().locator('.correction.reverted', { hasText: 'Dismissed by Morgan Lee' }).waitFor();
  });

  test('an overruled pattern can be counted as a walk-point, its kind chosen already', async () => {
    const title = await callWithOverruledPattern(page);
    await page.goto(app.server.url);
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    const note = page.locator('.transcript .overruled').first();
    await note.locator('summary').click();
    const pattern = (await note.locator('li').first().textContent()) ?? '';
    await note.getByRole('button', { name: 'Count it as a walk-point' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Mark a missed walk-point' }).waitFor();
    const chosen = await dialog.getByLabel('Trigger').inputValue();
    // the note says what the sentence reads like ("reads like a stall (putting it off until
    // later)"); the form starts at that kind and subtype
    assert.ok(
      chosen && pattern.includes(`reads like ${kindWords(chosen)}`),
      `${chosen} / ${pattern}`,
    );
    assert.equal(
      await dialog.getByRole('button', { name: 'Save' }).isDisabled(),
      true,
      'no grade yet',
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('on a phone the call page fits the screen and the correction dialog opens', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(callUrl);
    await page.locator('.strip-item', { hasText: 'Objection: price' }).click();
    const width = await page.locator('html').evaluate((el) => el.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling: ${width}px wide`);
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Change the trigger' }).waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the dialog is on screen');
    await page.screenshot({ path: join(shots, 'corrections-phone.png') });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
