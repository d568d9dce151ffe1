/**
 * Practice in the web app: the same scenarios and simulator as `walkpoint practice`, with each
 * user's sessions stored, and scenarios a manager assigns to the reps of their team.
 */
import { z } from 'zod';
import { isWalkpointError } from '../../../core/errors.js';
import { RESPONSE_KINDS } from '../../../core/vocabulary.js';
import {
  listScenarios,
  loadScenario,
  momentOf,
  OUTCOMES,
  type PracticeSession,
  practiceReport,
  type ReplyGrade,
  type Scenario,
  scoredReport,
  startSession,
} from '../../../practice/index.js';
import { ApiError, notFound } from '../../contract/errors.js';
import {
  ASSIGNMENT_STATUSES,
  canSeeUser,
  createAssignment,
  createPracticeSession,
  deleteAssignment,
  getAssignment,
  getPracticeSession,
  listAssignments,
  listPracticeSessions,
  type PracticeSessionRecord,
  type PracticeSessionSummary,
  saveReply,
} from '../../db/practice.js';
import { isoDate as todayIso } from '../../db/time.js';
import type { Analyzer } from '../../services/analyzer.js';
import { idList, type Router, splitIds } from '../route.js';
import { idParams, isoDate } from '../schemas.js';

/** Seeds fit a signed 32-bit integer, like the CLI's. */
const MAX_SEED = 2 ** 31 - 1;
const MAX_REPLY = 2000;

const scenarioName = z.string().trim().min(1, 'choose a scenario').max(100);

export const practiceStartBody = z.object({
  scenario: scenarioName.optional().meta({ description: 'The scenario name (see /scenarios)' }),
  seed: z
    .number()
    .int('use a whole number')
    .min(0)
    .max(MAX_SEED)
    .optional()
    .meta({ description: 'Fixes the prospect’s phrasings; random when absent' }),
  assignment: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The assignment this session answers; its scenario is used' }),
});

export const practiceReplyBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'say something: the reply is empty')
    .max(MAX_REPLY, `keep a reply under ${MAX_REPLY} characters`),
});

export const practiceListQuery = z.object({
  who: z.enum(['me', 'team']).default('me').meta({
    description: '`me`: your own sessions; `team`: every session you may see (a manager: the team)',
  }),
  rep: idList.optional(),
  scenario: z.string().max(100).optional(),
  status: z.enum(['finished', 'active']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const assignmentBody = z.object({
  scenario: scenarioName,
  repId: z.number().int().positive().meta({ description: 'The rep (a user of your team)' }),
  due: isoDate.optional().meta({ description: 'Due date, today or later' }),
});

export const assignmentListQuery = z.object({
  who: z.enum(['me', 'team']).default('me').meta({
    description: '`me`: assigned to you; `team`: every assignment you may see',
  }),
});

const triggerSchema = z.object({ kind: z.string(), subtype: z.string().optional() });
const factSchema = z.object({ id: z.string(), topic: z.string() });
const outcomeSchema = z.enum(OUTCOMES).nullable();

export const scenarioSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  triggers: z.array(z.string()),
  brief: z.string(),
  persona: z.object({
    name: z.string(),
    title: z.string(),
    company: z.string(),
    industry: z.string(),
    temperament: z.string(),
  }),
});

const gradeSchema = z.object({
  response: z.enum(RESPONSE_KINDS),
  explanation: z.string(),
  trigger: triggerSchema.optional(),
  revealed: factSchema.optional(),
  suggestion: z.object({ text: z.string(), why: z.string() }).optional().meta({
    description: 'A nothing-to-lose reply that would have worked (not after a challenge)',
  }),
  praise: z.string().optional(),
  openness: z.number(),
});

const turnSchema = z.object({
  role: z.enum(['prospect', 'rep']),
  speaker: z.string(),
  text: z.string(),
  trigger: triggerSchema.optional(),
  grade: gradeSchema.optional(),
});

export const practiceSessionSummarySchema = z.object({
  id: z.number(),
  userId: z.number(),
  repName: z.string(),
  scenario: z.string(),
  title: z.string(),
  difficulty: z.string(),
  seed: z.number(),
  assignmentId: z.number().nullable(),
  replies: z.number(),
  outcome: outcomeSchema,
  score: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const practiceSessionSchema = practiceSessionSummarySchema.extend({
  brief: scenarioSummarySchema,
  turns: z.array(turnSchema),
  state: z.object({
    openness: z.number().meta({ description: '0..1: how much the prospect is willing to say' }),
    patience: z.number(),
    earned: z.array(factSchema),
    facts: z.number().meta({ description: 'How many hidden facts there are to earn' }),
  }),
  debrief: z
    .object({
      outcome: z.enum(OUTCOMES),
      score: z.number(),
      moments: z.array(
        z.object({
          turn: z.number(),
          prospect: z.string(),
          trigger: triggerSchema,
          reply: z.string(),
          response: z.enum(RESPONSE_KINDS),
          explanation: z.string(),
          suggestion: z.object({ text: z.string(), why: z.string() }).optional(),
          praise: z.string().optional(),
        }),
      ),
      revealed: z.array(factSchema),
      missed: z.array(factSchema),
    })
    .nullable()
    .meta({
      description: 'When the call is over: each moment, its grade, and what would have worked',
    }),
});

export const assignmentSchema = z.object({
  id: z.number(),
  scenario: z.string(),
  title: z.string(),
  difficulty: z.string(),
  userId: z.number(),
  repName: z.string(),
  assignedBy: z.number(),
  assignedByName: z.string(),
  dueDate: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  sessionId: z.number().nullable(),
  outcome: outcomeSchema,
  score: z.number().nullable(),
  finishedAt: z.string().nullable(),
  activeSessionId: z.number().nullable(),
});

/** The scenario, or a 400 naming the field and the choices. */
function scenarioOr400(name: string, field: string): Scenario {
  try {
    return loadScenario(name);
  } catch (e) {
    if (isWalkpointError(e) && e.code === 'unknown-scenario') {
      throw new ApiError(400, 'invalid', `${field}: ${e.message}`, field);
    }
    throw e;
  }
}

/** Title and difficulty next to a stored name (a scenario removed since shows its name). */
function titled<T extends { scenario: string }>(item: T) {
  const sc = listScenarios().find((s) => s.name === item.scenario);
  return { ...item, title: sc?.title ?? item.scenario, difficulty: sc?.difficulty ?? 'unknown' };
}

function factOf(sc: Scenario, id: string) {
  const f = sc.facts.find((x) => x.id === id);
  return { id, topic: f?.topic ?? id };
}

/** A graded reply with its live feedback: what worked, or what would have. */
function gradeView(sc: Scenario, s: PracticeSession, g: ReplyGrade) {
  const m = momentOf(s, g);
  return {
    response: g.response,
    explanation: g.explanation,
    ...(g.trigger ? { trigger: g.trigger } : {}),
    ...(g.revealed ? { revealed: factOf(sc, g.revealed) } : {}),
    ...(g.response !== 'challenged' && m?.suggestion ? { suggestion: m.suggestion } : {}),
    ...(m?.praise ? { praise: m.praise } : {}),
    openness: g.openness,
  };
}

function sessionView(record: PracticeSessionRecord) {
  const s = record.state as PracticeSession;
  const sc = loadScenario(record.scenario);
  const gradeAt = new Map(s.grades.map((g) => [g.turn, g]));
  const { state: _state, ...summary } = record;
  // The score was stored when the call ended, so a finished session is not analysed again here
  // (on the event loop); only a session stored without one is.
  const report = s.outcome
    ? record.score === null
      ? practiceReport(sc, s)
      : scoredReport(sc, s, record.score)
    : undefined;
  return {
    ...titled(summary),
    brief: listScenarios().find((x) => x.name === sc.name),
    turns: s.turns.map((t, i) => {
      const g = gradeAt.get(i);
      return {
        role: t.role,
        speaker: t.speaker,
        text: t.text,
        ...(t.trigger ? { trigger: t.trigger } : {}),
        ...(g ? { grade: gradeView(sc, s, g) } : {}),
      };
    }),
    state: {
      openness: s.openness,
      patience: s.patience,
      earned: s.revealed.map((id) => factOf(sc, id)),
      facts: sc.facts.length,
    },
    debrief:
      report && s.outcome
        ? {
            outcome: s.outcome,
            score: record.score ?? report.score,
            moments: report.moments,
            revealed: report.revealed,
            missed: report.missed,
          }
        : null,
  };
}

const listed = (items: PracticeSessionSummary[]) => items.map(titled);

export function practiceRoutes(router: Router, opts: { analyzer: Analyzer }) {
  router.add({
    method: 'GET',
    path: '/practice/scenarios',
    tag: 'practice',
    summary: 'The practice scenarios: title, persona, difficulty and the triggers thrown',
    access: 'user',
    response: z.array(scenarioSummarySchema),
    async handler() {
      return listScenarios();
    },
  });

  router.add({
    method: 'POST',
    path: '/practice/sessions',
    tag: 'practice',
    summary: 'Start a practice call: the prospect says the opening line',
    description:
      'Give `scenario`, or `assignment` (one assigned to you) to practise what your manager asked for.',
    access: 'user',
    body: practiceStartBody,
    status: 201,
    response: practiceSessionSchema,
    errors: [404],
    async handler({ db, user, body }) {
      let name = body.scenario;
      if (body.assignment !== undefined) {
        const a = await getAssignment(db, user, body.assignment);
        if (!a || a.userId !== user.id) throw notFound('assignment');
        if (name !== undefined && name !== a.scenario) {
          throw new ApiError(
            400,
            'invalid',
            `scenario: the assignment is for "${a.scenario}"; leave scenario out or use that one`,
            'scenario',
          );
        }
        name = a.scenario;
      }
      if (name === undefined) {
        throw new ApiError(400, 'invalid', 'scenario: choose a scenario', 'scenario');
      }
      const sc = scenarioOr400(name, 'scenario');
      const seed = body.seed ?? Math.floor(Math.random() * MAX_SEED);
      // "You", not the user's name: a persona may share it (two people may share a name).
      const state = startSession(sc, { seed, rep: 'You' });
      const id = await createPracticeSession(db, {
        userId: user.id,
        scenario: sc.name,
        seed,
        assignmentId: body.assignment,
        state,
      });
      const record = await getPracticeSession(db, user, id);
      return sessionView(record as PracticeSessionRecord);
    },
  });

  router.add({
    method: 'POST',
    path: '/practice/sessions/:id/replies',
    tag: 'practice',
    summary: 'Reply to the prospect: the reply is graded, the prospect answers or the call ends',
    description:
      'Answers the whole session; `grade` is the reply just made (with live feedback) and `prospect` the line it drew (null when the call ended without one). Only the trainee may reply.',
    access: 'user',
    params: idParams,
    body: practiceReplyBody,
    response: z.object({
      grade: gradeSchema,
      prospect: turnSchema.nullable(),
      session: practiceSessionSchema,
    }),
    errors: [403, 404, 409, 422, 429, 503],
    async handler({ db, user, params, body }) {
      const record = await getPracticeSession(db, user, params.id);
      if (!record) throw notFound('practice session');
      if (record.userId !== user.id) {
        throw new ApiError(403, 'forbidden', 'Only the trainee can reply in a practice session.');
      }
      if (record.outcome) {
        throw new ApiError(
          409,
          'session-over',
          `This practice call is over (${record.outcome}); start a new one.`,
        );
      }
      const before = record.state as PracticeSession;
      // Graded on a worker within the analysis budget: the practice call grows with each reply.
      const { session: next, score } = await opts.analyzer.practiceReply(
        { scenario: record.scenario, session: before, text: body.text },
        { userId: user.id },
      );
      const saved = await saveReply(db, record.id, {
        replies: record.replies,
        state: next,
        outcome: next.outcome,
        score,
      });
      if (!saved) {
        throw new ApiError(
          409,
          'conflict',
          'Another reply was sent to this session at the same time; reload it and try again.',
        );
      }
      const view = sessionView(
        (await getPracticeSession(db, user, record.id)) as PracticeSessionRecord,
      );
      const replyTurn = before.turns.length;
      const reply = view.turns[replyTurn];
      const prospect = view.turns[replyTurn + 1] ?? null;
      return { grade: reply.grade, prospect, session: view };
    },
  });

  router.add({
    method: 'GET',
    path: '/practice/sessions',
    tag: 'practice',
    summary: 'Practice sessions, newest first: yours, or (managers) your team’s',
    access: 'user',
    query: practiceListQuery,
    response: z.array(practiceSessionSummarySchema),
    async handler({ db, user, query }) {
      return listed(
        await listPracticeSessions(db, user, {
          who: query.who,
          rep: splitIds(query.rep),
          scenario: query.scenario,
          finished: query.status === undefined ? undefined : query.status === 'finished',
          limit: query.limit,
        }),
      );
    },
  });

  router.add({
    method: 'GET',
    path: '/practice/sessions/:id',
    tag: 'practice',
    summary: 'A practice session: the turns with their grades, and the debrief when it is over',
    access: 'user',
    params: idParams,
    response: practiceSessionSchema,
    errors: [404],
    async handler({ db, user, params }) {
      const record = await getPracticeSession(db, user, params.id);
      if (!record) throw notFound('practice session');
      return sessionView(record);
    },
  });

  router.add({
    method: 'POST',
    path: '/practice/assignments',
    tag: 'practice',
    summary: 'Assign a scenario to a rep of your team (managers and admins)',
    access: 'manager',
    body: assignmentBody,
    status: 201,
    response: assignmentSchema,
    async handler({ db, user, body }) {
      const sc = scenarioOr400(body.scenario, 'scenario');
      if (!(await canSeeUser(db, user, body.repId))) {
        throw new ApiError(400, 'invalid', 'repId: no such user on your team.', 'repId');
      }
      if (body.due !== undefined && body.due < todayIso(new Date())) {
        throw new ApiError(400, 'invalid', 'due: pick today or a later date', 'due');
      }
      const id = await createAssignment(db, {
        scenario: sc.name,
        userId: body.repId,
        assignedBy: user.id,
        dueDate: body.due,
      });
      return titled((await getAssignment(db, user, id))!);
    },
  });

  router.add({
    method: 'GET',
    path: '/practice/assignments',
    tag: 'practice',
    summary: 'Assignments with their status: yours, or (managers) your team’s',
    access: 'user',
    query: assignmentListQuery,
    response: z.array(assignmentSchema),
    async handler({ db, user, query }) {
      return (await listAssignments(db, user, query.who)).map(titled);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/practice/assignments/:id',
    tag: 'practice',
    summary: 'Withdraw an assignment (managers and admins); sessions played for it stay',
    access: 'manager',
    params: idParams,
    status: 204,
    errors: [404],
    async handler({ db, user, params }) {
      if (!(await deleteAssignment(db, user, params.id))) throw notFound('assignment');
    },
  });
}
