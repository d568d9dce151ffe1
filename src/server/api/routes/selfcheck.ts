/**
 * The mindset self-check: the twelve statements, taking it (kept per user), the history, and
 * the latest result set beside the user's real response mix on their own stored calls.
 */
import { z } from 'zod';
import type { Analysis } from '../../../core/types.js';
import { RESPONSE_KINDS } from '../../../core/vocabulary.js';
import { compareWithCalls, loadSelfCheck, scoreSelfCheck } from '../../../selfcheck/index.js';
import { ApiError } from '../../contract/errors.js';
import {
  latestSelfCheck,
  listSelfChecks,
  ownCallAnalyses,
  type StoredSelfCheck,
  saveSelfCheck,
} from '../../db/selfcheck.js';
import type { Router } from '../route.js';
import { isoDate } from '../schemas.js';

const { scale, items } = loadSelfCheck();

/** One message for every way an answer can be wrong. */
const badAnswer = (issue: { input?: unknown }) =>
  `must be a whole number ${scale.min}-${scale.max}, or null to skip (got ${JSON.stringify(issue.input)})`;
const answer = z
  .number({ error: badAnswer })
  .int({ error: badAnswer })
  .min(scale.min, { error: badAnswer })
  .max(scale.max, { error: badAnswer })
  .nullable();

const submitBody = z.strictObject(
  {
    answers: z
      .array(answer)
      .length(
        items.length,
        `give ${items.length} answers, one per statement (null for a skipped one)`,
      )
      .meta({ description: 'One per statement, in order: 1-5, or null when skipped' }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; send only "answers"`
        : undefined,
  },
);

const subscaleSchema = z.object({
  id: z.string(),
  label: z.string(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  answered: z.number(),
  items: z.number(),
  complete: z.boolean(),
});

const entrySchema = z.object({
  id: z.number(),
  takenAt: z.string(),
  answers: z.array(z.number().nullable()),
  result: z.object({
    items: z.array(z.record(z.string(), z.unknown())),
    subscales: z.array(subscaleSchema),
    unanswered: z
      .array(z.number())
      .meta({ description: 'Statements left unanswered: reported, never scored as zero' }),
  }),
});

const comparisonSchema = z.object({
  takenAt: z.string(),
  rep: z.string(),
  calls: z.number(),
  moments: z.number(),
  mix: z.record(z.enum(RESPONSE_KINDS), z.number()),
  gaps: z.array(
    z.object({
      item: z.number(),
      answer: z.number(),
      kind: z.enum(['overrates', 'underrates', 'consistent', 'too-few']),
      moments: z.number(),
      challenged: z.number(),
      byResponse: z.record(z.string(), z.number()),
      text: z.string(),
    }),
  ),
});

const entryOut = (e: StoredSelfCheck) => ({
  id: e.id,
  takenAt: e.takenAt,
  answers: e.answers,
  result: e.result,
});

/**
 * The user's own calls with the salesperson speakers named as the user: a call stored for a
 * rep is theirs whatever name the transcript gives them, and the comparison matches by name.
 */
function asUsersCall(analysis: Analysis, name: string): Analysis {
  return {
    ...analysis,
    speakers: analysis.speakers.map((s) => (s.role === 'rep' ? { ...s, name } : s)),
    turns: analysis.turns.map((t) => (t.role === 'rep' ? { ...t, speaker: name } : t)),
  };
}

export function selfCheckRoutes(router: Router) {
  router.add({
    method: 'GET',
    path: '/selfcheck',
    tag: 'selfcheck',
    summary: 'The twelve statements, the answer scale, the subscales and their bands',
    access: 'user',
    response: z.object({
      scale: z.object({ min: z.number(), max: z.number(), labels: z.array(z.string()) }),
      subscales: z.array(z.object({ id: z.string(), label: z.string() })),
      bands: z.array(z.object({ id: z.string(), below: z.number().nullable(), label: z.string() })),
      items: z.array(
        z.object({ n: z.number(), subscale: z.string(), reverse: z.boolean(), text: z.string() }),
      ),
    }),
    async handler() {
      const data = loadSelfCheck();
      return {
        scale: data.scale,
        subscales: data.subscales,
        bands: data.bands,
        items: data.items.map(({ n, subscale, reverse, text }) => ({ n, subscale, reverse, text })),
      };
    },
  });

  router.add({
    method: 'POST',
    path: '/selfcheck',
    tag: 'selfcheck',
    summary: 'Take the self-check: scored, kept in your history',
    description:
      'A skipped statement (null) is left out of its subscale and listed in `result.unanswered`; it is never scored as zero.',
    access: 'user',
    body: submitBody,
    status: 201,
    response: entrySchema,
    async handler({ db, user, body }) {
      const result = scoreSelfCheck(body.answers);
      return entryOut(await saveSelfCheck(db, user.id, body.answers, result));
    },
  });

  router.add({
    method: 'GET',
    path: '/selfcheck/history',
    tag: 'selfcheck',
    summary: 'Your self-checks, oldest first',
    access: 'user',
    response: z.array(entrySchema),
    async handler({ db, user }) {
      return (await listSelfChecks(db, user.id)).map(entryOut);
    },
  });

  router.add({
    method: 'GET',
    path: '/selfcheck/comparison',
    tag: 'selfcheck',
    summary: 'Your latest self-check beside your real response mix on your stored calls',
    description:
      'For each statement tied to a behaviour: `overrates` when you rate yourself well but challenged under half of those moments, `underrates` when you rate yourself poorly yet challenged three in four, `too-few` under two moments.',
    access: 'user',
    query: z.object({
      from: isoDate.optional().meta({ description: 'Only calls on or after this day' }),
    }),
    response: comparisonSchema,
    errors: [404],
    async handler({ db, user, query }) {
      const latest = await latestSelfCheck(db, user.id);
      if (!latest) {
        throw new ApiError(404, 'not-found', 'No self-check yet: take it first.');
      }
      const calls = (await ownCallAnalyses(db, user.id, query.from)).map((a) =>
        asUsersCall(a, user.name),
      );
      return { takenAt: latest.takenAt, ...compareWithCalls(latest.result, calls, user.name) };
    },
  });
}
