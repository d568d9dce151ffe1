/**
 * The team view's aggregates: per-rep weekly "willing to walk" trend, response mix, talk share
 * and question rate, and the coaching queue. Grouped by stored columns only (call_week is
 * computed on write), so no dialect date functions are needed.
 */
import type { Kysely } from 'kysely';
import { FAILURE_SEVERITY } from '../../score/severity.js';
import type { QueueItem, RepStats, TeamStats } from '../contract/shapes.js';
import type { Database } from './schema.js';
import { type Viewer, visibleTo } from './scope.js';

export type { QueueItem, RepStats, TeamStats };

export interface StatsFilter {
  from?: string;
  to?: string;
  rep?: number[];
  team?: number;
}

function scopedCalls(db: Kysely<Database>, viewer: Viewer, f: StatsFilter) {
  let q = db
    .selectFrom('calls')
    .innerJoin('users', 'users.id', 'calls.rep_user_id')
    .where(visibleTo(viewer));
  if (f.from) q = q.where('calls.call_date', '>=', f.from);
  if (f.to) q = q.where('calls.call_date', '<=', f.to);
  if (f.rep && f.rep.length > 0) q = q.where('calls.rep_user_id', 'in', f.rep);
  if (f.team !== undefined) {
    const team = f.team;
    q = q.where('calls.rep_user_id', 'in', (eb) =>
      eb.selectFrom('memberships').select('user_id').where('team_id', '=', team),
    );
  }
  return q;
}

/**
 * The moments of the calls in `calls`; the period is also asked of the moments' own copy of
 * the call date, so the database can read a period's moments from the `moments_date` index
 * rather than every moment of every call.
 */
function momentsInPeriod(calls: ReturnType<typeof scopedCalls>, f: StatsFilter) {
  let q = calls.innerJoin('moments', 'moments.call_id', 'calls.id');
  if (f.from) q = q.where('moments.call_date', '>=', f.from);
  if (f.to) q = q.where('moments.call_date', '<=', f.to);
  return q;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Aggregates over the viewer's calls in the filter; three grouped queries in all. */
export async function teamStats(
  db: Kysely<Database>,
  viewer: Viewer,
  f: StatsFilter = {},
): Promise<TeamStats> {
  const calls = scopedCalls(db, viewer, f);
  const [perRep, perWeek, mix] = await Promise.all([
    calls
      .select((eb) => [
        'calls.rep_user_id',
        'users.name',
        eb.fn.countAll().as('calls'),
        eb.fn.avg('calls.score').as('avg_score'),
        eb.fn.avg('calls.rep_talk_share').as('talk_share'),
        eb.fn.sum('calls.questions').as('questions'),
        eb.fn.sum('calls.tough_questions').as('tough'),
        eb.fn.sum('calls.rep_turns').as('turns'),
        eb.fn.sum('calls.moment_count').as('moments'),
      ])
      .groupBy(['calls.rep_user_id', 'users.name'])
      .orderBy('users.name')
      .execute(),
    calls
      .select((eb) => [
        'calls.rep_user_id',
        'calls.call_week',
        eb.fn.countAll().as('calls'),
        eb.fn.avg('calls.score').as('avg_score'),
      ])
      .groupBy(['calls.rep_user_id', 'calls.call_week'])
      .orderBy('calls.call_week')
      .execute(),
    momentsInPeriod(calls, f)
      .where('moments.dismissed', '=', 0)
      .select((eb) => ['calls.rep_user_id', 'moments.response_kind', eb.fn.countAll().as('n')])
      .groupBy(['calls.rep_user_id', 'moments.response_kind'])
      .execute(),
  ]);
  const reps = new Map<number, RepStats>();
  let totalCalls = 0;
  let scoreSum = 0;
  for (const r of perRep) {
    const n = Number(r.calls);
    const turns = Number(r.turns) || 0;
    totalCalls += n;
    scoreSum += Number(r.avg_score) * n;
    reps.set(r.rep_user_id, {
      repUserId: r.rep_user_id,
      repName: r.name,
      calls: n,
      avgScore: round(Number(r.avg_score), 1),
      talkShare: round(Number(r.talk_share)),
      questionRate: turns ? round(Number(r.questions) / turns) : 0,
      toughQuestionRate: turns ? round(Number(r.tough) / turns) : 0,
      responses: {},
      trend: [],
    });
  }
  const weeks = new Set<string>();
  for (const w of perWeek) {
    weeks.add(w.call_week);
    reps.get(w.rep_user_id)?.trend.push({
      week: w.call_week,
      avgScore: round(Number(w.avg_score), 1),
      calls: Number(w.calls),
    });
  }
  const responses: Record<string, number> = {};
  let moments = 0;
  for (const m of mix) {
    const n = Number(m.n);
    moments += n;
    responses[m.response_kind] = (responses[m.response_kind] ?? 0) + n;
    const rep = reps.get(m.rep_user_id);
    if (rep) rep.responses[m.response_kind] = n;
  }
  return {
    reps: [...reps.values()],
    weeks: [...weeks].sort(),
    totals: {
      calls: totalCalls,
      moments,
      avgScore: totalCalls ? round(scoreSum / totalCalls, 1) : 0,
      responses,
    },
  };
}

/**
 * The coaching queue: the worst moments in the period (walked out first, then gave up, caved,
 * pitched through), unreviewed before reviewed, lowest-scoring calls first.
 */
export async function coachingQueue(
  db: Kysely<Database>,
  viewer: Viewer,
  f: StatsFilter & { limit?: number; includeReviewed?: boolean } = {},
): Promise<QueueItem[]> {
  let q = momentsInPeriod(scopedCalls(db, viewer, f), f)
    .select([
      'moments.id as moment_id',
      'moments.idx',
      'calls.id as call_id',
      'calls.title',
      'calls.call_date',
      'calls.rep_user_id',
      'users.name',
      'moments.turn',
      'moments.trigger_kind',
      'moments.trigger_subtype',
      'moments.trigger_quote',
      'moments.response_kind',
      'moments.evidence',
      'moments.severity',
      'moments.needs_review',
      'moments.reviewed',
    ])
    .where('moments.severity', '>=', FAILURE_SEVERITY)
    // the corrected reading counts: a dismissed moment is not a walk-point
    .where('moments.dismissed', '=', 0);
  if (!f.includeReviewed) q = q.where('moments.reviewed', '=', 0);
  const rows = await q
    .orderBy('moments.reviewed')
    .orderBy('moments.severity', 'desc')
    .orderBy('calls.score')
    .orderBy('moments.id')
    .limit(f.limit ?? 20)
    .execute();
  return rows.map((r) => ({
    momentId: r.moment_id,
    momentIdx: r.idx,
    callId: r.call_id,
    callTitle: r.title,
    callDate: r.call_date,
    repUserId: r.rep_user_id,
    repName: r.name,
    turn: r.turn,
    triggerKind: r.trigger_kind,
    triggerSubtype: r.trigger_subtype,
    triggerQuote: r.trigger_quote,
    responseKind: r.response_kind,
    evidence: r.evidence,
    severity: r.severity,
    needsReview: r.needs_review === 1,
    reviewed: r.reviewed === 1,
  }));
}
