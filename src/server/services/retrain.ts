/**
 * Retraining from the managers' corrections, as one function a job queue can call:
 * `retrainFromCorrections(db, versionId)` splits the corrections in force into a train share and
 * a held-out share (by call, deterministically), trains on a worker thread, and stores the new
 * model with its before/after table, or the error. The admin then activates it (or not).
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { spawnWorker } from '../../pool/pool.js';
import { fromWire, type WireError } from '../../pool/wire.js';
import { activeCorrectionsOf } from '../db/corrections.js';
import type { Database } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { correctionLines } from './corrections-export.js';
import { activeModel, digestOf, versionLabel } from './models.js';
import type { HeldOutCall, RetrainInput, RetrainResult } from './retrain-task.js';

/** Of the corrected calls in id order, every fourth is held out: 25% by call, the same each run. */
export const HOLD_OUT_EVERY = 4;

const CORPUS_CALLS = new URL('../../../corpus/calls', import.meta.url).pathname;

/** The calls held out: every HOLD_OUT_EVERY-th of the corrected calls, by id. */
export function heldOutCalls(callIds: number[]): Set<number> {
  const sorted = [...new Set(callIds)].sort((a, b) => a - b);
  return new Set(sorted.filter((_, i) => i % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1));
}

function runWorker(input: RetrainInput, progress: (share: number) => void): Promise<RetrainResult> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker({
      entry: new URL('./retrain-worker.js', import.meta.url),
      workerData: input,
    });
    let settled = false;
    worker.on(
      'message',
      (m: { type: string; share?: number; result?: RetrainResult; error?: WireError }) => {
        if (m.type === 'progress') progress(m.share ?? 0);
        else if (m.type === 'done') {
          settled = true;
          resolve(m.result as RetrainResult);
        } else if (m.type === 'failed') {
          settled = true;
          reject(fromWire(m.error as WireError));
        }
      },
    );
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the training worker stopped (exit code ${code})`));
    });
  });
}

/**
 * Trains model version `versionId` (a `training` row made by `startVersion`) and records the
 * outcome on the row: `ready` with the model and its evaluation, or `failed` with the reason.
 * Resolves when done; never rejects for a training failure (it is recorded).
 */
export async function retrainFromCorrections(
  db: Kysely<Database>,
  versionId: number,
): Promise<void> {
  const setProgress = (share: number) =>
    db
      .updateTable('model_versions')
      .set({ progress: Math.round(share * 100) / 100 })
      .where('id', '=', versionId)
      .execute()
      .catch(() => {}); // progress is a courtesy; the outcome is what must be written
  const scratch = join(tmpdir(), `walkpoint-retrain-${process.pid}-${versionId}`);
  try {
    if (!existsSync(CORPUS_CALLS)) {
      throw new Error(
        'retraining needs the labelled corpus (corpus/ in a Walkpoint checkout) beside the server',
      );
    }
    const lines = await correctionLines(db);
    const held = heldOutCalls(lines.map((l) => l.call));
    const train = lines.filter((l) => !held.has(l.call));
    const heldOut: HeldOutCall[] = [];
    const active = await activeCorrectionsOf(db, [...held]);
    for (const id of held) {
      const call = await db
        .selectFrom('calls')
        .select(['id', 'title', 'content', 'rep_speakers'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const byTurn = new Map((active.get(id) ?? []).map((c) => [c.turn, c.corrected]));
      heldOut.push({
        id,
        title: call.title,
        content: call.content,
        rep: call.rep_speakers.split(', ').filter(Boolean),
        gold: [...byTurn].map(([turn, reading]) => ({ turn, reading })),
      });
    }
    const corrections = new Set(train.map((l) => l.correction)).size;
    const heldOutCount = heldOut.reduce((n, c) => n + c.gold.length, 0);
    await db
      .updateTable('model_versions')
      .set({ corrections, held_out: heldOutCount, progress: 0.05 })
      .where('id', '=', versionId)
      .execute();
    const result = await runWorker(
      {
        lines: train,
        heldOut,
        before: await activeModel(db),
        scratch,
        corpusCalls: CORPUS_CALLS,
      },
      (share) => void setProgress(0.05 + share * 0.95),
    );
    const row = await db
      .selectFrom('model_versions')
      .select('created_at')
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('model_versions')
      .set({
        status: 'ready',
        label: versionLabel(row.created_at, corrections),
        progress: null,
        finished_at: nowIso(),
        evaluation_json: JSON.stringify(result.evaluation),
        triggers_json: result.triggers,
        responses_json: result.responses,
        digest: digestOf(result.triggers, result.responses),
      })
      .where('id', '=', versionId)
      .execute();
  } catch (e) {
    await db
      .updateTable('model_versions')
      .set({
        status: 'failed',
        label: 'Retraining failed',
        progress: null,
        finished_at: nowIso(),
        error: (e as Error).message || String(e),
      })
      .where('id', '=', versionId)
      .execute();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
