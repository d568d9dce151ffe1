/** The team view: trends, response mix, talk share, question rate, and the coaching queue. */
import { z } from 'zod';
import { RESPONSE_KINDS, TRIGGER_KINDS } from '../../../core/vocabulary.js';
import { coachingQueue, teamStats } from '../../db/stats.js';
import { daysAgo } from '../../db/time.js';
import { type Router, splitIds } from '../route.js';
import { queueQuery, statsQuery } from '../schemas.js';

const repStats = z.object({
  repUserId: z.number(),
  repName: z.string(),
  calls: z.number(),
  avgScore: z.number(),
  talkShare: z.number(),
  questionRate: z.number(),
  toughQuestionRate: z.number(),
  responses: z.record(z.string(), z.number()),
  trend: z.array(z.object({ week: z.string(), avgScore: z.number(), calls: z.number() })),
});

const queueItem = z.object({
  momentId: z.number(),
  momentIdx: z
    .number()
    .meta({ description: "The moment's position in its call (the web app's ?m=)" }),
  callId: z.number(),
  callTitle: z.string(),
  callDate: z.string(),
  repUserId: z.number(),
  repName: z.string(),
  turn: z.number(),
  triggerKind: z.enum(TRIGGER_KINDS),
  triggerSubtype: z.string().nullable(),
  triggerQuote: z.string(),
  responseKind: z.enum(RESPONSE_KINDS),
  evidence: z.string(),
  severity: z.number().meta({ description: 'How bad the response was: higher is worse' }),
  needsReview: z
    .boolean()
    .meta({ description: 'The engine is unsure of this moment: show it as unsure, to review' }),
  reviewed: z.boolean(),
});

export function statsRoutes(router: Router) {
  router.add({
    method: 'GET',
    path: '/stats',
    tag: 'stats',
    summary: 'Per-rep weekly "willing to walk" trend, response mix, talk share, question rate',
    description:
      "Over the calls you may see: a rep gets their own figures, a manager their teams'.",
    access: 'user',
    query: statsQuery,
    response: z.object({
      reps: z.array(repStats),
      weeks: z.array(z.string()),
      totals: z.object({
        calls: z.number(),
        moments: z.number(),
        avgScore: z.number(),
        responses: z.record(z.string(), z.number()),
      }),
    }),
    async handler({ db, user, query }) {
      return teamStats(db, user, { ...query, rep: splitIds(query.rep) });
    },
  });

  router.add({
    method: 'GET',
    path: '/stats/queue',
    tag: 'stats',
    summary: 'The coaching queue: the worst unreviewed moments (default: the last 7 days)',
    access: 'user',
    query: queueQuery,
    response: z.array(queueItem),
    async handler({ db, user, query }) {
      return coachingQueue(db, user, {
        ...query,
        from: query.from ?? daysAgo(7),
        rep: splitIds(query.rep),
        includeReviewed: query.includeReviewed === 'true',
      });
    },
  });
}
