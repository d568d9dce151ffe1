/**
 * The practice page in chromium against the real server (seeded demo): a rep plays a scenario
 * in the chat and gets grade chips and a debrief; a manager assigns a scenario and sees the
 * team's results; the rep finds the assignment. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadScenario } from '../../src/practice/index.js';
import type { Running } from '../../src/server/serve.js';
import { type App, openApp, shots, signIn as signInAs, skip } from './harness.js';

const GRADE_LABELS = [
  'Challenged',
  'Caved',
  'Gave up',
  'Walked out',
  'Pitched through',
  'No response',
];
const played = loadScenario('send-me-information');
const assigned = loadScenario('cto-ten-minutes');

describe('practice in chromium', { skip, timeout: 120_000 }, () => {
  let server: Running;
  let page: Page;
  let app: App;

  const signIn = (email: string) => signInAs(app, email);

  /** Types a reply and waits for its grade chip. */
  async function reply(text: string) {
    const graded = await page.locator('.practice-msg-rep .badge').count();
    await page.getByLabel('Your reply').fill(text);
    await page.keyboard.press('Enter');
    await page.locator('.practice-msg-rep .badge').nth(graded).waitFor();
  }

  before(async () => {
    app = await openApp('practice');
    ({ server, page } = app);
  });

  after(async () => {
    await app?.close();
  });

  test('a rep picks a scenario, replies twice and sees a grade chip on each reply', async () => {
    await signIn('dana@walkpoint.demo');
    await page.getByRole('link', { name: 'Practice' }).click();
    await page.getByRole('heading', { name: 'Practice', exact: true }).waitFor();
    await page.locator('.practice-scenario').first().waitFor();
    assert.ok((await page.locator('.practice-scenario').count()) >= 10, 'every scenario listed');
    await page.screenshot({ path: join(shots, 'practice-scenarios.png'), fullPage: true });

    await page.getByRole('button', { name: `Start: ${played.title}` }).click();
    await page.getByRole('heading', { name: played.title }).waitFor();
    const opening = page.locator('.practice-msg-prospect .practice-bubble').first();
    assert.ok(played.opening.lines.includes((await opening.textContent()) ?? ''), 'opening line');

    await reply('Sure. Before I send anything, what made you download the guide?');
    await reply('What happens if the overtime keeps growing? When would it need to be fixed by?');
    const chips = await page.locator('.practice-msg-rep .badge').allTextContents();
    assert.equal(chips.length, 2);
    for (const c of chips) assert.ok(GRADE_LABELS.includes(c), c);
    assert.equal(chips[0], 'Challenged', 'a clearly tough question grades as challenged');
    assert.ok(
      (await page.locator('.practice-msg-prospect .practice-bubble').count()) >= 2,
      'the prospect answered',
    );
    await page.locator('.practice-feedback').first().waitFor();
    await page.screenshot({ path: join(shots, 'practice.png'), fullPage: true });

    await page.getByLabel('Coach mode').uncheck();
    assert.equal(await page.locator('.practice-feedback').count(), 0, 'coach mode off hides it');
    await page.getByLabel('Coach mode').check();
    assert.ok((await page.locator('.practice-feedback').count()) >= 2);
  });

  test('walking out ends the call and shows the debrief', async () => {
    if (await page.getByLabel('Your reply').isVisible()) {
      await reply("This isn't worth our time. Let's stop here.");
    }
    await page.locator('.practice-debrief').waitFor();
    await page.locator('.practice-debrief .score').waitFor();
    assert.equal(await page.getByLabel('Your reply').count(), 0, 'no reply box after the end');
    assert.ok((await page.locator('.practice-moment').count()) >= 1, 'moments in the debrief');
    await page.screenshot({ path: join(shots, 'practice-debrief.png'), fullPage: true });
    await page.getByRole('link', { name: '← Practice' }).click();
    await page.locator('.practice-sessions tbody tr', { hasText: played.title }).waitFor();
  });

  test('a manager assigns a scenario and sees it with the team results', async () => {
    await signIn('manager@walkpoint.demo');
    await page.goto(`${server.url}/practice`);
    await page.getByRole('button', { name: 'Assign a scenario' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign a scenario' });
    await dialog.getByLabel('Scenario').selectOption(assigned.name);
    await dialog.getByLabel('Rep').selectOption({ label: 'Dana Whitfield' });
    await dialog.getByLabel('Due date').fill('2999-01-31');
    await page.screenshot({ path: join(shots, 'practice-assign.png') });
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('.practice-assignments tbody tr', { hasText: assigned.title });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Dana Whitfield.*2999-01-31.*open/);
    const result = page.locator('[aria-label="Team results"] tbody tr', {
      hasText: played.title,
    });
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /Dana Whitfield/);
    await page.screenshot({ path: join(shots, 'practice-team.png'), fullPage: true });
  });

  test('the rep finds the assignment and starts it', async () => {
    await signIn('dana@walkpoint.demo');
    await page.goto(`${server.url}/practice`);
    const mine = page.locator('[aria-label="Assigned to me"] li', { hasText: assigned.title });
    await mine.waitFor();
    assert.match((await mine.textContent()) ?? '', /from Morgan Lee · due 2999-01-31/);
    await mine.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: assigned.title }).waitFor();
    await page.getByText('· assigned').waitFor();
  });
});
