/** The request (and documented response) shapes of the API, in one place. */
import { z } from 'zod';
import { isCalendarDate } from '../../core/calendar.js';
import { RESPONSE_KINDS, TRIGGER_KINDS } from '../../core/vocabulary.js';
import { CALL_SORTS } from '../db/calls.js';
import { CORRECTION_ACTIONS, USER_ROLES } from '../db/schema.js';
import { csvOf, idList } from './route.js';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2026-03-31')
  .refine(isCalendarDate, 'not a real date: that month has no such day');

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const loginBody = z.object({
  email: z.string().trim().min(1, 'enter your email').max(200),
  password: z.string().min(1, 'enter your password').max(200),
});

const transcriptFields = {
  content: z.string().min(1, 'the file is empty').meta({
    description: 'The transcript: plain text, or base64 of the file bytes with encoding "base64"',
  }),
  encoding: z.enum(['text', 'base64']).default('text'),
  speakers: z.array(z.string().trim().min(1).max(100)).max(10).optional().meta({
    description: "The salesperson's speaker name(s) in the transcript; inferred when absent",
  }),
};

export const uploadBody = z.object({
  filename: z.string().trim().min(1, 'name the file').max(255),
  ...transcriptFields,
  repId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The user the call belongs to; inferred from speaker names when absent' }),
  date: isoDate.optional().meta({ description: 'The day of the call (default: today)' }),
});
export type UploadBody = z.infer<typeof uploadBody>;

/** The same upload as a form: `file` is the transcript file. */
export const uploadForm = z.object({
  file: z.string().meta({ format: 'binary', description: 'The transcript file' }),
  repId: z.string().optional(),
  date: z.string().optional(),
  speakers: z.string().optional().meta({ description: 'Comma-separated speaker names' }),
});

export const analyzeBody = z.object({
  filename: z.string().trim().min(1).max(255).default('transcript.txt'),
  ...transcriptFields,
});

export const callListQuery = z.object({
  rep: idList.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  maxScore: z.coerce.number().int().min(0).max(100).optional(),
  response: csvOf(RESPONSE_KINDS).optional(),
  trigger: csvOf(TRIGGER_KINDS).optional(),
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Text search: title, account, rep, transcript' }),
  sort: z.enum(CALL_SORTS).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** PATCH /calls/:id: a new title, an account (empty or null: none), or both. */
export const callEditBody = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'a call needs a title')
      .max(200, 'a title is at most 200 characters')
      .optional(),
    account: z
      .string()
      .trim()
      .max(120, 'an account name is at most 120 characters')
      .nullable()
      .optional()
      .transform((a) => (a === '' ? null : a))
      .meta({ description: "The prospect's company; empty or null clears it" }),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.account !== undefined, {
    message: 'send "title", "account" or both',
  });

export const statsQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  rep: idList.optional(),
  team: z.coerce.number().int().positive().optional(),
});

export const queueQuery = statsQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  includeReviewed: z.enum(['true', 'false']).default('false'),
});

export const noteBody = z.object({ body: z.string().trim().min(1, 'write a note').max(4000) });
export const reviewBody = z.object({ reviewed: z.boolean() });

export const questionsQuery = z.object({
  trigger: z
    .string()
    .max(40)
    .optional()
    .meta({ description: 'A trigger, e.g. `stall` or `objection:price`' }),
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Words to find in the move or why it works' }),
});

const password = z.string().min(8, 'use at least 8 characters').max(200);

export const userCreateBody = z.object({
  email: z.email('enter a valid email').max(200),
  name: z.string().trim().min(1, 'enter a name').max(100),
  role: z.enum(USER_ROLES),
  password,
  teamIds: z.array(z.number().int().positive()).max(50).optional(),
});

export const userPatchBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(USER_ROLES).optional(),
  password: password.optional(),
  teamIds: z.array(z.number().int().positive()).max(50).optional(),
});

export const userDeleteQuery = z.object({
  reassignTo: z.coerce.number().int().positive().optional().meta({
    description:
      "Move the user's calls and deals to this active user (default: they stay under the user's teams)",
  }),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(200),
  newPassword: password,
});

export const teamCreateBody = z.object({
  name: z.string().trim().min(1, 'name the team').max(100),
});

export const tokenCreateBody = z.object({
  name: z.string().trim().min(1, 'name the token').max(100),
  userId: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The user the token acts as (default: you)' }),
});

// Documented responses (what the handlers return).
export const userSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  teamIds: z.array(z.number()),
  createdAt: z.string(),
  disabledAt: z
    .string()
    .nullable()
    .meta({ description: 'When an admin disabled the user (no sign-in), or null' }),
});

export const deletedSchema = z.object({
  id: z.number(),
  reassignedTo: z.number().nullable(),
  callsReassigned: z.number(),
  callsKept: z
    .number()
    .meta({ description: "Calls that stay under the deleted user, seen by their teams' managers" }),
  dealsReassigned: z.number(),
  sessionsEnded: z.number(),
  tokensRevoked: z.number(),
});

export const callSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  account: z.string().nullable().meta({ description: "The prospect's company, once named" }),
  repUserId: z.number(),
  repName: z.string(),
  repSpeakers: z.string(),
  callDate: z.string(),
  format: z.string(),
  score: z.number(),
  momentCount: z.number(),
  durationSeconds: z.number().nullable(),
  repTalkShare: z.number(),
  engineVersion: z.string(),
  createdAt: z.string(),
  responses: z.record(z.string(), z.number()),
  modelVersion: z.string().meta({ description: '`shipped` or the retrained model that read it' }),
  corrections: z.number().meta({ description: 'Turns whose reading a correction defines' }),
});

export const readingSchema = z.object({
  triggerKind: z.enum(TRIGGER_KINDS),
  triggerSubtype: z.string().nullable(),
  responseKind: z.enum(RESPONSE_KINDS),
});

export const correctionReplySchema = z.object({
  id: z.number(),
  correctionId: z.number(),
  authorId: z.number(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const correctionSchema = z.object({
  id: z.number(),
  callId: z.number(),
  turn: z.number().meta({ description: "The prospect's turn the walk-point is on" }),
  quote: z
    .string()
    .meta({ description: "The prospect sentence (promote) or the moment's trigger quote" }),
  action: z.enum(CORRECTION_ACTIONS),
  engine: readingSchema
    .nullable()
    .meta({ description: "The engine's reading at the turn when corrected; null: it found none" }),
  corrected: readingSchema
    .nullable()
    .meta({ description: "The manager's full reading; null when dismissed" }),
  reason: z.string().nullable(),
  authorId: z.number(),
  authorName: z.string(),
  createdAt: z.string(),
  revertedAt: z.string().nullable(),
  revertedBy: z.number().nullable(),
  replies: z.array(correctionReplySchema),
});

export const correctionBody = z.object({
  turn: z.number().int().min(0).meta({ description: "The prospect's turn (the moment's `turn`)" }),
  action: z.enum(CORRECTION_ACTIONS).meta({
    description:
      'regrade (needs responseKind), retype (triggerKind, and triggerSubtype when the kind has subtypes), dismiss (not a walk-point), promote (quote, triggerKind, responseKind)',
  }),
  quote: z.string().max(2000).optional().meta({ description: 'promote: a sentence of the turn' }),
  triggerKind: z.string().max(40).optional(),
  triggerSubtype: z.string().max(40).nullable().optional(),
  responseKind: z.string().max(40).optional(),
  reason: z.string().max(2000).optional(),
});

export const replyBody = z.object({ body: z.string().trim().min(1, 'write a reply').max(4000) });

export const momentSchema = z.object({
  id: z.number(),
  callId: z.number(),
  idx: z.number(),
  turn: z.number(),
  speaker: z.string(),
  triggerKind: z.enum(TRIGGER_KINDS),
  triggerSubtype: z.string().nullable(),
  triggerQuote: z.string(),
  responseKind: z.enum(RESPONSE_KINDS),
  evidence: z.string(),
  reviewed: z.boolean(),
  reviewedBy: z.number().nullable(),
  reviewedAt: z.string().nullable(),
  noteCount: z.number(),
  origin: z
    .enum(['engine', 'manager'])
    .meta({ description: '`manager`: promoted by a correction' }),
  dismissed: z
    .boolean()
    .meta({ description: 'A correction says it is not a walk-point: listed, counted nowhere' }),
  needsReview: z.boolean(),
  engineReading: readingSchema
    .nullable()
    .meta({ description: "The current engine's reading at the turn; null: it finds none" }),
  correction: correctionSchema
    .nullable()
    .meta({ description: 'The active correction at this turn, which defines the reading' }),
});

export const callDetailSchema = callSummarySchema.extend({
  analysis: z.record(z.string(), z.unknown()).meta({ description: 'The full engine analysis' }),
  moments: z.array(momentSchema),
  correctedScore: z.record(z.string(), z.unknown()).nullable().meta({
    description:
      "The score (analysis.score's shape) with the managers' corrections counted; null when none is in force",
  }),
});

export const noteSchema = z.object({
  id: z.number(),
  momentId: z.number(),
  authorId: z.number(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  userId: z.number(),
  createdBy: z.number(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const jobSchema = z
  .object({
    id: z.number(),
    kind: z.enum(['analyze', 'reanalyze']),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    stage: z.string(),
    progress: z.number().meta({ description: '0..1' }),
    file: z.string().nullable(),
    importId: z.number().nullable(),
    attempts: z.number(),
    maxAttempts: z.number(),
    callId: z.number().nullable().meta({ description: 'The stored call, once done' }),
    outcome: z
      .string()
      .nullable()
      .meta({ description: '`stored`, `existing` (already a call) or `reanalysed`' }),
    error: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .meta({ description: 'Why it failed: the file and the reason' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

export const jobListQuery = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  importId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const importBody = z.object({
  filename: z.string().trim().min(1, 'name the file').max(255),
  content: z.string().min(1, 'the file is empty').meta({ description: 'base64 of the .zip' }),
  encoding: z.literal('base64').default('base64'),
  repId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The rep of every call in the zip; inferred per call when absent' }),
  date: isoDate.optional().meta({ description: 'The day of the calls (default: today)' }),
});

export const importSchema = z
  .object({
    id: z.number(),
    source: z.string(),
    total: z.number().meta({ description: 'Transcript files found' }),
    queued: z.number(),
    running: z.number(),
    stored: z.number(),
    existing: z.number().meta({ description: 'Files already stored as a call (not stored twice)' }),
    failed: z.number(),
    finished: z.boolean(),
    createdAt: z.string(),
    failures: z.array(
      z.object({ jobId: z.number(), file: z.string(), code: z.string(), reason: z.string() }),
    ),
  })
  .meta({ id: 'Import' });

export const modelVersionSchema = z.object({
  id: z.string().meta({ description: '`shipped` or a retrained model, e.g. `m3`' }),
  label: z.string(),
  status: z.enum(['training', 'ready', 'failed']),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  corrections: z.number().meta({ description: 'Corrections trained on' }),
  heldOut: z.number().meta({ description: 'Corrections held out for the evaluation' }),
  evaluation: z
    .array(
      z.object({
        set: z.enum(['held-out corrections', 'shipped test split']),
        measure: z.string(),
        before: z.number(),
        after: z.number(),
        n: z.number(),
      }),
    )
    .nullable(),
  error: z.string().nullable(),
  progress: z.number().nullable().meta({ description: '0..1 while training' }),
});

export const modelParams = z.object({
  id: z
    .string()
    .regex(/^(shipped|m\d+)$/, 'use `shipped` or a model id such as m3')
    .meta({ description: '`shipped` or a retrained model id' }),
});
