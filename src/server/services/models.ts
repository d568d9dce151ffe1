/**
 * Model versions: the shipped model (data/model, the default and the fallback) and the models
 * retrained from corrections, stored in the database (the JSON as text) so that every server
 * and worker can read them. The active one is written once per version to a local cache folder,
 * and each analysis task names its files; a worker loads and keeps them per version.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { type ModelChoice, SHIPPED_MODEL } from '../../model/shipped.js';
import { ApiError } from '../contract/errors.js';
import type { ModelEvaluationRow, ModelVersion } from '../contract/shapes.js';
import type { Database, ModelVersionRow } from '../db/schema.js';
import { nowIso } from '../db/time.js';

export type { ModelChoice };

/** Where this machine keeps the files of retrained models (`WALKPOINT_MODEL_CACHE`). */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WALKPOINT_MODEL_CACHE || join(tmpdir(), 'walkpoint-models');
}

export const versionId = (rowId: number) => `m${rowId}`;

/** The row id of `m3`, or undefined for `shipped` and anything else. */
const rowIdOf = (id: string) => (/^m\d+$/.test(id) ? Number(id.slice(1)) : undefined);

export function digestOf(triggers: string, responses: string): string {
  return createHash('sha256').update(triggers).update('\n').update(responses).digest('hex');
}

/** Writes a file whole or not at all, so a reader never sees half a model. */
function writeOnce(path: string, text: string): void {
  if (existsSync(path)) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * The active retrained model as files this machine can read, or undefined for the shipped one.
 * A version whose files cannot be written is reported and the shipped model used.
 */
export async function activeModel(db: Kysely<Database>): Promise<ModelChoice | undefined> {
  const row = await db
    .selectFrom('model_versions')
    .select(['id', 'digest'])
    .where('active', '=', 1)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  if (!row?.digest) return undefined;
  const dir = join(modelCacheDir(), row.digest);
  const choice = {
    id: versionId(row.id),
    triggers: join(dir, 'triggers.json'),
    responses: join(dir, 'responses.json'),
  };
  if (existsSync(choice.triggers) && existsSync(choice.responses)) return choice;
  const files = await db
    .selectFrom('model_versions')
    .select(['triggers_json', 'responses_json'])
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  try {
    mkdirSync(dir, { recursive: true });
    writeOnce(choice.triggers, files.triggers_json ?? '');
    writeOnce(choice.responses, files.responses_json ?? '');
  } catch (e) {
    console.warn(
      `walkpoint: model ${choice.id} could not be written to ${dir} (${(e as Error).message}); using the shipped model. Set WALKPOINT_MODEL_CACHE to a writable folder.`,
    );
    return undefined;
  }
  return choice;
}

function shipped(active: boolean): ModelVersion {
  return {
    id: SHIPPED_MODEL,
    label: 'Shipped model',
    status: 'ready',
    active,
    createdAt: '',
    createdBy: null,
    corrections: 0,
    heldOut: 0,
    evaluation: null,
    error: null,
    progress: null,
  };
}

const COLUMNS = [
  'model_versions.id',
  'model_versions.label',
  'model_versions.status',
  'model_versions.active',
  'model_versions.created_at',
  'model_versions.corrections',
  'model_versions.held_out',
  'model_versions.evaluation_json',
  'model_versions.error',
  'model_versions.progress',
  'users.name as created_by_name',
] as const;

type Listed = Pick<
  ModelVersionRow,
  | 'id'
  | 'label'
  | 'status'
  | 'active'
  | 'created_at'
  | 'corrections'
  | 'held_out'
  | 'evaluation_json'
  | 'error'
  | 'progress'
> & { created_by_name: string | null };

function shape(r: Listed): ModelVersion {
  return {
    id: versionId(r.id),
    label: r.label,
    status: r.status,
    active: r.active === 1,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    corrections: r.corrections,
    heldOut: r.held_out,
    evaluation: r.evaluation_json ? (JSON.parse(r.evaluation_json) as ModelEvaluationRow[]) : null,
    error: r.error,
    progress: r.progress,
  };
}

function selectVersions(db: Kysely<Database>) {
  return db
    .selectFrom('model_versions')
    .leftJoin('users', 'users.id', 'model_versions.created_by')
    .select(COLUMNS);
}

/** Every model version, newest first, the shipped one last. */
export async function listModels(db: Kysely<Database>): Promise<ModelVersion[]> {
  const rows = await selectVersions(db).orderBy('model_versions.id', 'desc').execute();
  const list = rows.map(shape);
  return [...list, shipped(!list.some((m) => m.active))];
}

export async function getModel(
  db: Kysely<Database>,
  id: string,
): Promise<ModelVersion | undefined> {
  if (id === SHIPPED_MODEL) {
    const active = await db
      .selectFrom('model_versions')
      .select('id')
      .where('active', '=', 1)
      .executeTakeFirst();
    return shipped(!active);
  }
  const rowId = rowIdOf(id);
  if (rowId === undefined) return undefined;
  const row = await selectVersions(db).where('model_versions.id', '=', rowId).executeTakeFirst();
  return row ? shape(row) : undefined;
}

/**
 * Makes a ready version the one every new analysis reads with (`shipped` rolls back). Stored
 * analyses keep the model that made them until `walkpoint reanalyze` refreshes them.
 */
export async function activateModel(
  db: Kysely<Database>,
  id: string,
): Promise<ModelVersion | undefined> {
  const rowId = rowIdOf(id);
  if (id !== SHIPPED_MODEL) {
    const v = rowId === undefined ? undefined : await getModel(db, id);
    if (!v) return undefined;
    if (v.status !== 'ready') {
      throw new ApiError(
        409,
        'model-not-ready',
        `Model ${id} is ${v.status === 'training' ? 'still training' : 'a failed training'}; only a ready model can be activated.`,
      );
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('model_versions').set({ active: 0 }).where('active', '=', 1).execute();
    if (rowId !== undefined) {
      await trx.updateTable('model_versions').set({ active: 1 }).where('id', '=', rowId).execute();
    }
  });
  return getModel(db, id);
}

/** A training is a minute or two; one still `training` after this died with its server. */
const STALE_TRAINING_MS = 60 * 60 * 1000;

/** Starts a version's row in `training`; 409 while another trains. */
export async function startVersion(db: Kysely<Database>, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('model_versions')
      .set({
        status: 'failed',
        label: 'Retraining failed',
        progress: null,
        error: 'the server running this training stopped before it finished; retrain again',
      })
      .where('status', '=', 'training')
      .where('created_at', '<', new Date(Date.now() - STALE_TRAINING_MS).toISOString())
      .execute();
    const running = await trx
      .selectFrom('model_versions')
      .select('id')
      .where('status', '=', 'training')
      .executeTakeFirst();
    if (running) {
      throw new ApiError(
        409,
        'training-running',
        `Model ${versionId(running.id)} is training; wait for it to finish before starting another.`,
      );
    }
    const { id } = await trx
      .insertInto('model_versions')
      .values({
        label: 'Retraining',
        status: 'training',
        created_at: nowIso(),
        created_by: userId,
        corrections: 0,
        held_out: 0,
        progress: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
}

/** The label of a finished version: when, and from how many corrections. */
export function versionLabel(createdAt: string, corrections: number): string {
  return `Retrained ${createdAt.slice(0, 16).replace('T', ' ')} (${corrections} correction${corrections === 1 ? '' : 's'})`;
}
