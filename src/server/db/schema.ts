/**
 * The tables as Kysely sees them. Portable types only (integer, real, text; booleans as 0/1,
 * times as ISO-8601 text) so the same queries run on SQLite now and PostgreSQL later.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CorrectionAction, ModelVersion } from '../contract/shapes.js';

export const USER_ROLES = ['rep', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string | null;
  created_at: string;
  /** Set while an admin has disabled the user: no sign-in, no sessions, no working tokens. */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when deleted: the row stays as a tombstone so what points at it stays consistent. */
  deleted_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
}

/** A user's place in a team: a manager sees the calls of every rep in the teams they belong to. */
export interface MembershipsTable {
  user_id: number;
  team_id: number;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked database does not leak live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  /** sha256 of the token; the token itself is shown once, at creation. */
  token_hash: string;
  /** The first characters, so an admin can tell tokens apart. */
  prefix: string;
  /** The token acts as this user. */
  user_id: number;
  created_by: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CallsTable {
  id: Generated<number>;
  title: string;
  /** The user who uploaded it. */
  owner_id: number;
  /** The salesperson (a user) the call belongs to; decides who may see it. */
  rep_user_id: number;
  /** Speaker names the engine graded as the rep, comma-separated, for display and search. */
  rep_speakers: string;
  /** The prospect's company, when someone has named it (migration 010). */
  account: ColumnType<string | null, string | null | undefined, string | null>;
  call_date: string;
  /** Monday of the call's week (YYYY-MM-DD), computed on write so trends group portably. */
  call_week: string;
  format: string;
  content: string;
  content_hash: string;
  bytes: number;
  engine_version: string;
  score: number;
  rep_talk_share: number;
  questions: number;
  tough_questions: number;
  rep_turns: number;
  duration_seconds: number | null;
  moment_count: number;
  /** The engine's analysis as it read the call (corrections are applied to the rows, not here). */
  analysis_json: string;
  created_at: string;
  updated_at: string;
  /** The model that produced the analysis: `shipped` or a retrained version (`m3`). */
  model_version: ColumnType<string, string | undefined, string>;
  /** Active corrections on the call. */
  corrections: ColumnType<number, number | undefined, number>;
}

export interface MomentsTable {
  id: Generated<number>;
  call_id: number;
  /** The call's date, copied (it never changes): the dashboard's mix reads moments by date. */
  call_date: ColumnType<string | null, string, string>;
  /** Position in the analysis' `moments` array. */
  idx: number;
  turn: number;
  speaker: string;
  trigger_kind: string;
  trigger_subtype: string | null;
  trigger_quote: string;
  response_kind: string;
  response_turn: number | null;
  evidence: string;
  /** Higher is worse (walked-out highest); sorts the coaching queue. */
  severity: number;
  /** 1 when the engine is unsure of the moment (its grade is not stated). */
  needs_review: ColumnType<number, number | undefined, number>;
  reviewed: ColumnType<number, number | undefined, number>;
  reviewed_by: number | null;
  reviewed_at: string | null;
  /** `engine`, or `manager` for a moment promoted by a correction. */
  origin: ColumnType<string, string | undefined, string>;
  /** 1 when a correction says it is not a walk-point: listed, but counted nowhere. */
  dismissed: ColumnType<number, number | undefined, number>;
  /** The current engine's reading at this turn (null kind: it found none). */
  engine_trigger_kind: string | null;
  engine_trigger_subtype: string | null;
  engine_response_kind: string | null;
  /** The active correction defining the row's reading, if any. */
  correction_id: number | null;
}

export interface FindingsTable {
  id: Generated<number>;
  call_id: number;
  turn: number;
  kind: string;
  subtype: string | null;
  quote: string;
  reason: string;
  detector: string;
  confidence: number;
  role: string;
}

export interface NotesTable {
  id: Generated<number>;
  moment_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

/** A deal under review; `scores_json` holds the confirmed scores, criterion id -> ManualScore. */
export interface DealsTable {
  id: Generated<number>;
  owner_id: number;
  /** The owner's team when the deal was made (for display; access follows the owner). */
  team_id: number | null;
  name: string;
  company: string;
  stage: string;
  value: number;
  currency: string | null;
  next_step_date: string | null;
  next_step_purpose: string | null;
  scores_json: string;
  created_at: string;
  updated_at: string;
}

export interface DealCallsTable {
  deal_id: number;
  call_id: number;
}

/** One self-check taken: the twelve answers (null = skipped) and the scored result. */
export interface SelfchecksTable {
  id: Generated<number>;
  user_id: number;
  answers_json: string;
  result_json: string;
  taken_at: string;
}

/** A practice role-play: the simulator's session as JSON, and its result once finished. */
export interface PracticeSessionsTable {
  id: Generated<number>;
  /** The trainee. */
  user_id: number;
  scenario: string;
  seed: number;
  assignment_id: number | null;
  state_json: string;
  /** Trainee replies so far; also the optimistic-lock version of `state_json`. */
  replies: number;
  outcome: string | null;
  /** The engine's "willing to walk" score of the call, set when it ends. */
  score: number | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A scenario a manager asked a rep to practise; done once `session_id` is set. */
export interface PracticeAssignmentsTable {
  id: Generated<number>;
  scenario: string;
  user_id: number;
  assigned_by: number;
  due_date: string | null;
  created_at: string;
  session_id: number | null;
}

/** One count of the sign-in throttle (a pair, an IP, an account, or a known IP of a user). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  /** First failure of the current window. */
  since_at: string;
  last_at: string;
  locked_until: string | null;
  /** When the row means nothing any more and may be dropped. */
  expires_at: string;
}

/** One bulk import (a folder or a zip); its files are the jobs pointing at it. */
export interface ImportsTable {
  id: Generated<number>;
  /** What was imported (absolute path, or an uploaded zip's hash): the same key resumes. */
  source_key: string;
  /** The folder or zip as the user named it, for display. */
  source: string;
  owner_id: number;
  /** The --rep-map as parsed: speaker and file names (lower case) to user ids. */
  rep_map_json: string | null;
  /** Transcript files found in the source. */
  total: number;
  created_at: string;
  updated_at: string;
}

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A background job: see migrations/007-jobs.ts. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  status: JobStatus;
  /** What a running job is doing now, in a word (`analysing`, `storing`). */
  stage: string;
  /** 0..1 */
  progress: ColumnType<number, number | undefined, number>;
  /** The file the job is about, for messages and the import's list. */
  file: string | null;
  /** What the job needs (the transcript, the rep); emptied once it has finished. */
  payload_json: string;
  /** Who asked: sees the job, and owns what it stores. */
  owner_id: number;
  import_id: number | null;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  /** Not claimed before this time (a retry waits a little). */
  run_after: string;
  /** The worker holding the lease, and until when; a lapsed lease may be claimed again. */
  locked_by: string | null;
  locked_until: string | null;
  error_code: string | null;
  error: string | null;
  call_id: number | null;
  /** What a finished job did: `stored`, `existing` (the same file was already a call), ... */
  outcome: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export const CORRECTION_ACTIONS = [
  'regrade',
  'retype',
  'dismiss',
  'promote',
] as const satisfies readonly CorrectionAction[];
export type { CorrectionAction };

/** A manager's reading of the walk-point at one prospect turn; the latest not reverted counts. */
export interface CorrectionsTable {
  id: Generated<number>;
  call_id: number;
  turn: number;
  quote: string;
  action: CorrectionAction;
  engine_trigger_kind: string | null;
  engine_trigger_subtype: string | null;
  engine_response_kind: string | null;
  /** Null when dismissed. */
  trigger_kind: string | null;
  trigger_subtype: string | null;
  response_kind: string | null;
  reason: string | null;
  author_id: number;
  created_at: string;
  reverted_at: string | null;
  reverted_by: number | null;
}

export interface CorrectionRepliesTable {
  id: Generated<number>;
  correction_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

export type ModelStatus = ModelVersion['status'];

/** A model retrained from corrections; the shipped model (data/model) has no row. */
export interface ModelVersionsTable {
  id: Generated<number>;
  label: string;
  status: ModelStatus;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
  created_by: number | null;
  finished_at: string | null;
  corrections: number;
  held_out: number;
  evaluation_json: string | null;
  error: string | null;
  progress: number | null;
  digest: string | null;
  triggers_json: string | null;
  responses_json: string | null;
}

export interface Database {
  users: UsersTable;
  teams: TeamsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  calls: CallsTable;
  moments: MomentsTable;
  findings: FindingsTable;
  notes: NotesTable;
  deals: DealsTable;
  deal_calls: DealCallsTable;
  selfchecks: SelfchecksTable;
  practice_sessions: PracticeSessionsTable;
  practice_assignments: PracticeAssignmentsTable;
  login_throttle: LoginThrottleTable;
  imports: ImportsTable;
  jobs: JobsTable;
  corrections: CorrectionsTable;
  correction_replies: CorrectionRepliesTable;
  model_versions: ModelVersionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type CallRow = Selectable<CallsTable>;
export type NewCall = Insertable<CallsTable>;
export type MomentRow = Selectable<MomentsTable>;
export type NoteRow = Selectable<NotesTable>;
export type JobRow = Selectable<JobsTable>;
export type CorrectionRow = Selectable<CorrectionsTable>;
export type ModelVersionRow = Selectable<ModelVersionsTable>;
