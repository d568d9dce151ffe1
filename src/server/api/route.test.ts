import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { apiRouter } from '../app.js';
import { ApiError } from '../contract/errors.js';
import type {
  CallSummary,
  Correction,
  DeletedUser,
  ImportStatus,
  Job,
  ModelVersion,
  Note,
} from '../contract/shapes.js';
import type { Database } from '../db/schema.js';
import { checkResponse, Router, type RouteSpec } from './route.js';
import type {
  callSummarySchema,
  correctionSchema,
  deletedSchema,
  importSchema,
  jobSchema,
  modelVersionSchema,
  noteSchema,
} from './schemas.js';

const spec = (response: z.ZodType): RouteSpec => ({
  method: 'GET',
  path: '/things/:id',
  tag: 'things',
  summary: 'a thing',
  access: 'public',
  response,
  handler: async () => undefined,
});

const thing = z.object({
  id: z.number(),
  tags: z.array(z.object({ name: z.string() })),
  counts: z.record(z.string(), z.number()),
});

test('a response that matches its documented schema passes, records and nulls included', () => {
  checkResponse(spec(thing), { id: 1, tags: [{ name: 'a' }], counts: { x: 2 } });
  checkResponse(spec(thing.extend({ note: z.string().nullable() })), {
    id: 1,
    tags: [],
    counts: {},
    note: null,
  });
});

test('a wrong type or a missing field is a broken contract that names the route and the field', () => {
  const broken = (value: unknown, field: RegExp) =>
    assert.throws(
      () => checkResponse(spec(thing), value),
      (e: unknown) =>
        e instanceof ApiError &&
        e.status === 500 &&
        e.code === 'contract' &&
        /GET \/things\/:id/.test(e.message) &&
        field.test(e.message),
    );
  broken({ id: '1', tags: [], counts: {} }, /id: /);
  broken({ id: 1, tags: [{}], counts: {} }, /tags\.0\.name/);
  broken({ id: 1, tags: [] }, /counts/);
});

test('a field the schema does not name is caught, however deep', () => {
  const extra = (value: unknown, field: string) =>
    assert.throws(
      () => checkResponse(spec(thing), value),
      (e: unknown) => e instanceof ApiError && e.message.endsWith(`does not name: ${field}`),
    );
  extra({ id: 1, tags: [], counts: {}, secret: 'x' }, 'secret');
  extra(
    { id: 1, tags: [{ name: 'a' }, { name: 'b', hidden: true }], counts: {} },
    'tags[1].hidden',
  );
  // undefined fields are not sent, so they are not undocumented
  checkResponse(spec(thing), { id: 1, tags: [], counts: {}, later: undefined });
});

test('with checkResponses on, a route answering off its schema answers 500 naming the field', async () => {
  const router = new Router();
  router.add({ ...spec(thing), handler: async () => ({ id: 1, tags: [], counts: {}, pw: 'x' }) });
  for (const checkResponses of [true, false]) {
    const app = Fastify();
    app.setErrorHandler((e: ApiError, _req, reply) =>
      reply.code(e.status ?? 500).send({ error: e.message }),
    );
    router.register(app, {} as Kysely<Database>, { checkResponses });
    const res = await app.inject({ method: 'GET', url: '/api/v1/things/1' });
    if (checkResponses) {
      assert.equal(res.statusCode, 500);
      assert.match(res.json().error, /does not name: pw/);
    } else assert.equal(res.statusCode, 200);
    await app.close();
  }
});

test('every route that answers JSON documents its response (the transcript is text)', () => {
  const routes = apiRouter({} as never, false, {} as never, {} as never).routes;
  assert.ok(routes.length > 50);
  const undocumented = routes
    .filter((r) => !r.response && (r.status ?? 200) !== 204)
    .map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(undocumented, ['GET /calls/:id/transcript']);
});

/**
 * The shapes the db layer returns and the web client reads (shapes.ts) against the documented
 * schemas (schemas.ts), both ways, checked by the compiler: a field added to one and not the
 * other fails `tsc` (npm test runs it). At run time every API test checks the responses too.
 */
type Both<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** One way only: what the schema allows fits the shape (its enums are plain strings in the db rows). */
type Fits<A, B> = [A] extends [B] ? true : false;
const shapesAgree: Record<string, true> = {
  callSummary: true as Both<CallSummary, z.infer<typeof callSummarySchema>>,
  correction: true as Fits<z.infer<typeof correctionSchema>, Correction>,
  note: true as Both<Note, z.infer<typeof noteSchema>>,
  deleted: true as Both<DeletedUser, z.infer<typeof deletedSchema>>,
  job: true as Both<Job, z.infer<typeof jobSchema>>,
  import: true as Both<ImportStatus, z.infer<typeof importSchema>>,
  modelVersion: true as Both<ModelVersion, z.infer<typeof modelVersionSchema>>,
};

test('the shapes and the documented schemas agree (checked by tsc; listed here)', () => {
  assert.deepEqual(
    Object.values(shapesAgree),
    Object.values(shapesAgree).map(() => true),
  );
});
