/**
 * Deal review ("abandon hope"): deals, their linked calls, and the review — the seven criteria
 * proposed from the linked calls' stored analyses, the user's confirmed or corrected scores, the
 * total, the band and the walk-point call plan. Access follows the owner, like calls.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Analysis } from '../../../core/types.js';
import {
  BANDS,
  CRITERIA,
  CRITERION_IDS,
  type Deal,
  type DealReview,
  type EvidenceItem,
  reviewDeal,
} from '../../../deals/index.js';
import { ApiError, notFound } from '../../contract/errors.js';
import {
  canActFor,
  createDeal,
  deleteDeal,
  getDeal,
  linkCall,
  linkedAnalyses,
  listDeals,
  type StoredDeal,
  setDealScore,
  unlinkCall,
  updateDeal,
} from '../../db/deals.js';
import type { Database } from '../../db/schema.js';
import type { Viewer } from '../../db/scope.js';
import type { Router } from '../route.js';
import { idParams, isoDate } from '../schemas.js';

/** Unknown fields are refused by name, so a typo is not silently dropped. */
function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; known fields: ${Object.keys(shape).join(', ')}`
        : undefined,
  });
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const scoreValue = z.union([z.literal(0), z.literal(1), z.literal(2)], {
  error: (issue) =>
    `must be 0 (hoped), 1 (said but unverified) or 2 (evidenced), got ${JSON.stringify(issue.input)}`,
});

const manualScore = strict({
  score: scoreValue,
  evidence: z.string().trim().max(2000).optional().meta({ description: 'The quote it rests on' }),
  note: z.string().trim().max(2000).optional(),
});

const dealFieldShape = {
  name: text(200),
  company: text(200),
  stage: text(100),
  value: z.number().nonnegative('must be 0 or more'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter code like USD')
    .nullable()
    .optional(),
  nextStep: strict({ date: isoDate, purpose: text(500) })
    .nullable()
    .optional()
    .meta({ description: 'The next meeting: date and agreed purpose (null clears it)' }),
};

const scoresShape = Object.fromEntries(
  CRITERION_IDS.map((id) => [id, manualScore.optional()]),
) as Record<(typeof CRITERION_IDS)[number], z.ZodOptional<typeof manualScore>>;

const createBody = strict({
  ...dealFieldShape,
  ownerId: z.number().int().positive().optional().meta({
    description:
      'The salesperson who owns it (default: you); a manager may name a rep of their team',
  }),
  callIds: z.array(z.number().int().positive()).max(50).optional(),
  scores: strict(scoresShape).optional(),
});

const patchBody = strict({
  ownerId: z.number().int().positive().optional().meta({
    description:
      'Hand the deal to another salesperson: a manager may name a rep of their team, an admin anyone',
  }),
  name: dealFieldShape.name.optional(),
  company: dealFieldShape.company.optional(),
  stage: dealFieldShape.stage.optional(),
  value: dealFieldShape.value.optional(),
  currency: dealFieldShape.currency,
  nextStep: dealFieldShape.nextStep,
});

const scoreBody = strict({
  criterion: z.enum(CRITERION_IDS),
  score: scoreValue,
  evidence: manualScore.shape.evidence,
  note: manualScore.shape.note,
});

const linkBody = strict({ callId: z.number().int().positive() });
const dealCallParams = z.object({
  id: z.coerce.number().int().positive(),
  callId: z.coerce.number().int().positive(),
});
const dealCriterionParams = z.object({
  id: z.coerce.number().int().positive(),
  criterion: z.enum(CRITERION_IDS),
});

const linkedCallSchema = z.object({
  id: z.number(),
  title: z.string(),
  callDate: z.string(),
  repName: z.string(),
  score: z.number(),
});

const dealSchema = z.object({
  id: z.number(),
  ownerId: z.number(),
  ownerName: z.string(),
  teamId: z.number().nullable(),
  name: z.string(),
  company: z.string(),
  stage: z.string(),
  value: z.number(),
  currency: z.string().nullable(),
  nextStep: z.object({ date: z.string(), purpose: z.string() }).nullable(),
  scores: z.record(z.string(), z.unknown()),
  calls: z.array(linkedCallSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const dealListItemSchema = dealSchema.extend({
  total: z.number(),
  band: z.enum(BANDS),
  bandReason: z.string(),
});

const evidenceSchema = z.object({
  piece: z.string(),
  strength: z.enum(['stated', 'vague']),
  quote: z.string(),
  speaker: z.string(),
  note: z.string(),
  reason: z.string(),
  callId: z.number().nullable().meta({ description: 'null: from the deal itself, not a call' }),
  callTitle: z.string().nullable(),
  turn: z.number().nullable(),
  momentIdx: z
    .number()
    .nullable()
    .meta({ description: 'The walk-point moment at (or next to) the turn, for a deep link' }),
});

const reviewSchema = z.object({
  deal: dealSchema,
  total: z.number(),
  band: z.enum(BANDS),
  bandReason: z.string(),
  rubric: z.array(
    z.object({
      criterion: z.enum(CRITERION_IDS),
      label: z.string(),
      evidenced: z.string(),
      score: z.number(),
      source: z.enum(['confirmed', 'proposed']),
      corrected: z.boolean(),
      confirmed: z.record(z.string(), z.unknown()).optional(),
      proposed: z.object({
        score: z.number(),
        why: z.string(),
        missing: z.array(z.string()),
        evidence: z.array(evidenceSchema),
        counter: z.array(evidenceSchema),
      }),
    }),
  ),
  plan: z.array(z.record(z.string(), z.unknown())),
  warnings: z.array(z.string()),
});

interface LinkedAnalysis {
  id: number;
  title: string;
  /** As the managers' corrections read it. */
  analysis: Analysis;
  /** Each moment's stored idx (the call page's `?m=`). */
  momentIdx: number[];
}

/**
 * The stored idx of the moment whose trigger or response is at `turn`, else the nearest within
 * two turns.
 */
function momentAt({ analysis, momentIdx }: LinkedAnalysis, turn: number): number | null {
  let best: number | null = null;
  let bestDistance = 3;
  analysis.moments.forEach((m, idx) => {
    const d = Math.min(
      Math.abs(m.turn - turn),
      m.response.turn === undefined ? Number.POSITIVE_INFINITY : Math.abs(m.response.turn - turn),
    );
    if (d < bestDistance) {
      best = momentIdx[idx] ?? idx;
      bestDistance = d;
    }
  });
  return best;
}

function evidenceOut(e: EvidenceItem, calls: LinkedAnalysis[]) {
  const call = e.call >= 0 ? calls[e.call] : undefined;
  return {
    piece: e.piece,
    strength: e.strength,
    quote: e.quote,
    speaker: e.speaker,
    note: e.note,
    reason: e.reason,
    callId: call?.id ?? null,
    callTitle: call?.title ?? null,
    turn: call ? e.turn : null,
    momentIdx: call ? momentAt(call, e.turn) : null,
  };
}

/** The library's view of a stored deal (its calls come separately, already analysed). */
function asLibraryDeal(deal: StoredDeal): Deal {
  return {
    name: deal.name,
    company: deal.company,
    stage: deal.stage,
    value: deal.value,
    ...(deal.currency ? { currency: deal.currency } : {}),
    owner: deal.ownerName,
    ...(deal.nextStep ? { nextStep: deal.nextStep } : {}),
    calls: [],
    scores: deal.scores,
  };
}

/** Reviews a stored deal from the stored analyses of the linked calls the viewer may see. */
async function reviewStored(
  db: Kysely<Database>,
  viewer: Viewer,
  deal: StoredDeal,
): Promise<{ review: DealReview; calls: LinkedAnalysis[] }> {
  const calls = await linkedAnalyses(db, viewer, deal.id);
  const review = reviewDeal(
    asLibraryDeal(deal),
    calls.map((c) => ({ label: c.title, analysis: c.analysis })),
  );
  return { review, calls };
}

async function visibleDeal(db: Kysely<Database>, viewer: Viewer, id: number) {
  const deal = await getDeal(db, viewer, id);
  if (!deal) throw notFound('deal');
  return deal;
}

export function dealRoutes(router: Router) {
  router.add({
    method: 'GET',
    path: '/deals',
    tag: 'deals',
    summary: 'The deals you may see, each with its total and band (real, gaps, hope)',
    access: 'user',
    response: z.array(dealListItemSchema),
    async handler({ db, user }) {
      const deals = await listDeals(db, user);
      return Promise.all(
        deals.map(async (deal) => {
          const { review } = await reviewStored(db, user, deal);
          return { ...deal, total: review.total, band: review.band, bandReason: review.bandReason };
        }),
      );
    },
  });

  router.add({
    method: 'POST',
    path: '/deals',
    tag: 'deals',
    summary: 'Create a deal, optionally with linked calls and confirmed scores',
    access: 'user',
    body: createBody,
    status: 201,
    response: dealSchema,
    errors: [404],
    async handler({ db, user, body }) {
      const ownerId = body.ownerId ?? user.id;
      if (!(await canActFor(db, user, ownerId))) {
        throw new ApiError(404, 'not-found', 'No such user to own the deal.', 'ownerId');
      }
      const id = await createDeal(db, ownerId, body);
      for (const callId of body.callIds ?? []) {
        if ((await linkCall(db, user, id, callId)) !== 'ok') {
          await deleteDeal(db, user, id);
          throw new ApiError(404, 'not-found', `No such call: ${callId}.`, 'callIds');
        }
      }
      for (const [criterion, score] of Object.entries(body.scores ?? {})) {
        if (score)
          await setDealScore(db, user, id, criterion as (typeof CRITERION_IDS)[number], score);
      }
      return getDeal(db, user, id);
    },
  });

  router.add({
    method: 'GET',
    path: '/deals/:id',
    tag: 'deals',
    summary: 'A deal with its fields, confirmed scores and linked calls',
    access: 'user',
    params: idParams,
    response: dealSchema,
    errors: [404],
    handler: ({ db, user, params }) => visibleDeal(db, user, params.id),
  });

  router.add({
    method: 'PATCH',
    path: '/deals/:id',
    tag: 'deals',
    summary: "Change a deal's fields (null clears the currency or the next step)",
    access: 'user',
    params: idParams,
    body: patchBody,
    response: dealSchema,
    errors: [404],
    async handler({ db, user, params, body }) {
      if (body.ownerId !== undefined && !(await canActFor(db, user, body.ownerId))) {
        throw new ApiError(404, 'not-found', 'No such user to own the deal.', 'ownerId');
      }
      if (!(await updateDeal(db, user, params.id, body))) throw notFound('deal');
      return visibleDeal(db, user, params.id);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/deals/:id',
    tag: 'deals',
    summary: 'Delete a deal (its calls stay)',
    access: 'user',
    params: idParams,
    status: 204,
    errors: [404],
    async handler({ db, user, params }) {
      if (!(await deleteDeal(db, user, params.id))) throw notFound('deal');
    },
  });

  router.add({
    method: 'POST',
    path: '/deals/:id/calls',
    tag: 'deals',
    summary: 'Link a stored call you may see to the deal',
    access: 'user',
    params: idParams,
    body: linkBody,
    response: dealSchema,
    errors: [404],
    async handler({ db, user, params, body }) {
      const r = await linkCall(db, user, params.id, body.callId);
      if (r === 'no-deal') throw notFound('deal');
      if (r === 'no-call') {
        throw new ApiError(404, 'not-found', `No such call: ${body.callId}.`, 'callId');
      }
      return visibleDeal(db, user, params.id);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/deals/:id/calls/:callId',
    tag: 'deals',
    summary: 'Unlink a call from the deal',
    access: 'user',
    params: dealCallParams,
    status: 204,
    errors: [404],
    async handler({ db, user, params }) {
      if (!(await unlinkCall(db, user, params.id, params.callId))) throw notFound('linked call');
    },
  });

  router.add({
    method: 'GET',
    path: '/deals/:id/review',
    tag: 'deals',
    summary: 'The review: scores proposed from the linked calls, confirmed scores, band, call plan',
    description:
      "Each criterion is 0 (hoped), 1 (said but unverified) or 2 (evidenced in the prospect's words). A confirmed score overrides the proposal; `corrected` marks one that differs. The band is real (11+), gaps (6-10) or hope (5 or less, or a 0 on compelling reason). The plan lists the questions for each criterion below 2, in the order to ask.",
    access: 'user',
    params: idParams,
    response: reviewSchema,
    errors: [404],
    async handler({ db, user, params }) {
      const deal = await visibleDeal(db, user, params.id);
      const { review, calls } = await reviewStored(db, user, deal);
      return {
        deal,
        total: review.total,
        band: review.band,
        bandReason: review.bandReason,
        rubric: review.rubric.map((line) => ({
          criterion: line.criterion,
          label: line.label,
          evidenced: CRITERIA.find((c) => c.id === line.criterion)?.evidenced ?? '',
          score: line.score,
          source: line.source,
          corrected: line.corrected,
          ...(line.confirmed ? { confirmed: line.confirmed } : {}),
          proposed: {
            score: line.proposed.score,
            why: line.proposed.why,
            missing: line.proposed.missing,
            evidence: line.proposed.evidence.map((e) => evidenceOut(e, calls)),
            counter: line.proposed.counter.map((e) => evidenceOut(e, calls)),
          },
        })),
        plan: review.plan,
        warnings: review.warnings,
      };
    },
  });

  router.add({
    method: 'PUT',
    path: '/deals/:id/scores',
    tag: 'deals',
    summary: 'Confirm or correct one criterion, with the quote it rests on',
    access: 'user',
    params: idParams,
    body: scoreBody,
    response: dealSchema,
    errors: [404],
    async handler({ db, user, params, body }) {
      const { criterion, ...score } = body;
      if (!(await setDealScore(db, user, params.id, criterion, score))) throw notFound('deal');
      return visibleDeal(db, user, params.id);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/deals/:id/scores/:criterion',
    tag: 'deals',
    summary: "Drop a confirmed score: the calls' proposal counts again",
    access: 'user',
    params: dealCriterionParams,
    status: 204,
    errors: [404],
    async handler({ db, user, params }) {
      if (!(await setDealScore(db, user, params.id, params.criterion, null))) {
        throw notFound('deal');
      }
    },
  });
}
