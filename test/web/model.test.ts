/**
 * Browser test of the Model page (admins): a training in progress polls until it ends, a failed
 * training says why, a ready one shows its before/after table and can be activated, and the
 * shipped model comes back with one click. The versions are written straight into the database
 * (a real retrain takes minutes; src/server/retrain.test.ts runs one), the page and the routes
 * are the real ones. Debian's chromium.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ModelEvaluationRow } from '../../src/server/contract/shapes.js';
import { type App, openApp, shots, signIn, skip } from './harness.js';

const EVALUATION: ModelEvaluationRow[] = [
  {
    set: 'held-out corrections',
    measure: 'walk-point turn F1',
    before: 0.1,
    after: 0.62,
    n: 10,
  },
  { set: 'shipped test split', measure: 'walk-point turn F1', before: 0.86, after: 0.85, n: 120 },
];

const READY = 'Retrained 2026-12-01 (30 corrections)';

describe('the model page in chromium', { skip, timeout: 120_000 }, () => {
  let app: App;
  let page: Page;
  let training = 0;

  before(async () => {
    app = await openApp('model');
    page = app.page;
    const admin = await app.server.db.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'admin@walkpoint.demo')
      .executeTakeFirstOrThrow();
    const version = {
      created_by: admin.id,
      created_at: '2026-12-01T09:00:00.000Z',
      corrections: 30,
      held_out: 10,
    };
    await app.server.db.db
      .insertInto('model_versions')
      .values([
        {
          ...version,
          label: 'Retraining failed',
          status: 'failed',
          error: 'the labelled corpus is missing beside the server',
        },
        {
          ...version,
          label: READY,
          status: 'ready',
          evaluation_json: JSON.stringify(EVALUATION),
        },
      ])
      .execute();
    ({ id: training } = await app.server.db.db
      .insertInto('model_versions')
      .values({ ...version, label: 'Retraining', status: 'training', progress: 0.4 })
      .returning('id')
      .executeTakeFirstOrThrow());
  });

  after(async () => {
    await app?.close();
  });

  const card = (label: string) =>
    page
      .locator('.model-version')
      .filter({ has: page.getByRole('heading', { name: label, exact: true }) });

  test('a manager has no Model page in the menu; an admin has', async () => {
    await signIn(app, 'manager@walkpoint.demo');
    assert.equal(await page.getByRole('link', { name: 'Model' }).count(), 0);
    await signIn(app, 'admin@walkpoint.demo');
    await page.getByRole('link', { name: 'Model' }).click();
    await page.getByRole('heading', { name: 'Model', exact: true }).waitFor();
  });

  test('a training shows its progress, and the page follows it until it ends', async () => {
    await card('Retraining').getByText('Training… 40%').waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Training…' }).isDisabled(),
      true,
      'no second training while one runs',
    );
    await app.server.db.db
      .updateTable('model_versions')
      .set({ status: 'failed', progress: null, error: 'stopped for the test' })
      .where('id', '=', training)
      .execute();
    // no reload: the page asks again by itself while something trains
    await card('Retraining')
      .getByText('Training failed: stopped for the test')
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Retrain on corrections' }).waitFor();
  });

  test('a failed training says why; a ready one shows before and after', async () => {
    await card('Retraining failed')
      .getByText('Training failed: the labelled corpus is missing beside the server')
      .first()
      .waitFor();
    const ready = card(READY);
    const rows = await ready.locator('.evaluation tbody tr').allTextContents();
    assert.deepEqual(rows, [
      'held-out correctionswalk-point turn F10.100.62+0.5210',
      'shipped test splitwalk-point turn F10.860.85-0.01120',
    ]);
    assert.equal(await ready.locator('.evaluation .up').count(), 1);
    assert.equal(await ready.locator('.evaluation .down').count(), 1);
    await card('Shipped model').getByText('In use', { exact: true }).waitFor();
    await page.screenshot({ path: join(shots, 'model.png'), fullPage: true });
  });

  test('activate the retrained model, then roll back to the shipped one', async () => {
    await card(READY).getByRole('button', { name: 'Activate' }).click();
    await card(READY).getByText('In use', { exact: true }).waitFor();
    await page.getByText(`In use: ${READY}`).waitFor();
    await page.getByRole('button', { name: 'Roll back to the shipped model' }).click();
    await card('Shipped model').getByText('In use', { exact: true }).waitFor();
    assert.equal(await card(READY).getByRole('button', { name: 'Activate' }).count(), 1);
  });
});
