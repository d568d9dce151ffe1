/** The API client: JSON in and out, the CSRF header on writes, one error type. */
import type {
  Correction,
  CorrectionInput,
  CorrectionReply,
  ImportStatus,
  Job,
  ModelVersion,
  Note,
} from '../../src/server/contract/shapes';

// the shapes the server declares once, for the pages
export type {
  CallDetail,
  CallSummary,
  Correction,
  CorrectionAction,
  CorrectionInput,
  CorrectionReply,
  DeletedUser,
  ImportStatus,
  Job,
  ModelEvaluationRow,
  ModelVersion,
  Note,
  QueueItem,
  Reading,
  RepStats,
  StoredMoment,
  TeamStats,
} from '../../src/server/contract/shapes';

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export type Role = 'rep' | 'manager' | 'admin';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  teamIds: number[];
  createdAt: string;
  disabledAt: string | null;
}

export interface Team {
  id: number;
  name: string;
  members: number;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  userId: number;
  createdBy: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface QuestionEntry {
  id: string;
  trigger: string;
  subtype?: string;
  text: string;
  why: string;
  technique: string;
}

const BASE = '/api/v1';

/** The CSRF token the server set in a readable cookie (double submit). */
function csrfToken(): string {
  const m = /(?:^|;\s*)wp_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

function failure(status: number, text: string): ApiFailure {
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody };
    if (parsed.error?.message) return new ApiFailure(status, parsed.error);
  } catch {
    // Not our error shape (a proxy, a crash): fall through to a generic message.
  }
  return new ApiFailure(status, {
    code: 'http',
    message: status === 0 ? 'Could not reach the server.' : `The server answered ${status}.`,
  });
}

/** What to show for a failed call: the server's plain words, or the error's. */
export function failureMessage(e: unknown): string {
  return e instanceof ApiFailure ? e.message : String(e);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw failure(0, '');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!res.ok) throw failure(res.status, text);
  return JSON.parse(text) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: (path: string) => request<void>('DELETE', path),
};

/** `?a=1&b=x` from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Sends one file as multipart form data to `path`, reporting progress (0..1) as it is sent.
 * Resolves with the answer; rejects with an ApiFailure whose message is in plain words.
 */
function sendFile<T>(
  path: string,
  file: File,
  fields: { repId?: number; date?: string },
  onProgress: (sent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (fields.repId) form.append('repId', String(fields.repId));
    if (fields.date) form.append('date', fields.date);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}${path}`);
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText));
      else reject(failure(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(failure(0, ''));
    xhr.send(form);
  });
}

/** Uploads one transcript; answered at once with the job that analyses and stores it. */
export const uploadInBackground = (
  file: File,
  fields: { repId?: number; date?: string },
  onProgress: (sent: number) => void,
) => sendFile<Job>('/uploads', file, fields, onProgress);

/** Uploads a .zip of transcripts: answered at once with the import (one job per file). */
export const importZip = (
  file: File,
  fields: { repId?: number; date?: string },
  onProgress: (sent: number) => void,
) => sendFile<ImportStatus>('/imports', file, fields, onProgress);

// Practice: role-play against the simulated prospects (see src/server/api/routes/practice.ts).

export type PracticeOutcome = 'next-step' | 'clean-no' | 'prospect-left' | 'walked-out';
export type Difficulty = 'easy' | 'medium' | 'hard';

export interface PracticeScenario {
  name: string;
  title: string;
  difficulty: Difficulty;
  triggers: string[];
  brief: string;
  persona: { name: string; title: string; company: string; industry: string; temperament: string };
}

export interface PracticeTrigger {
  kind: string;
  subtype?: string;
}

export interface PracticeGrade {
  response: string;
  explanation: string;
  trigger?: PracticeTrigger;
  revealed?: { id: string; topic: string };
  suggestion?: { text: string; why: string };
  praise?: string;
  openness: number;
}

export interface PracticeTurn {
  role: 'prospect' | 'rep';
  speaker: string;
  text: string;
  trigger?: PracticeTrigger;
  grade?: PracticeGrade;
}

export interface PracticeSessionSummary {
  id: number;
  userId: number;
  repName: string;
  scenario: string;
  title: string;
  difficulty: string;
  seed: number;
  assignmentId: number | null;
  replies: number;
  outcome: PracticeOutcome | null;
  score: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface PracticeDebrief {
  outcome: PracticeOutcome;
  score: number;
  moments: {
    turn: number;
    prospect: string;
    trigger: PracticeTrigger;
    reply: string;
    response: string;
    explanation: string;
    suggestion?: { text: string; why: string };
    praise?: string;
  }[];
  revealed: { id: string; topic: string }[];
  missed: { id: string; topic: string }[];
}

export interface PracticeSession extends PracticeSessionSummary {
  brief: PracticeScenario;
  turns: PracticeTurn[];
  state: {
    openness: number;
    patience: number;
    earned: { id: string; topic: string }[];
    facts: number;
  };
  debrief: PracticeDebrief | null;
}

export interface PracticeReply {
  grade: PracticeGrade;
  prospect: PracticeTurn | null;
  session: PracticeSession;
}

export interface PracticeAssignment {
  id: number;
  scenario: string;
  title: string;
  difficulty: string;
  userId: number;
  repName: string;
  assignedBy: number;
  assignedByName: string;
  dueDate: string | null;
  createdAt: string;
  status: 'open' | 'started' | 'done' | 'overdue';
  sessionId: number | null;
  outcome: PracticeOutcome | null;
  score: number | null;
  finishedAt: string | null;
  activeSessionId: number | null;
}

export const practiceApi = {
  scenarios: () => api.get<PracticeScenario[]>('/practice/scenarios'),
  start: (body: { scenario?: string; seed?: number; assignment?: number }) =>
    api.post<PracticeSession>('/practice/sessions', body),
  reply: (id: number, text: string) =>
    api.post<PracticeReply>(`/practice/sessions/${id}/replies`, { text }),
  session: (id: number) => api.get<PracticeSession>(`/practice/sessions/${id}`),
  sessions: (
    params: { who?: 'me' | 'team'; status?: 'finished' | 'active'; limit?: number } = {},
  ) => api.get<PracticeSessionSummary[]>(`/practice/sessions${query(params)}`),
  assignments: (who: 'me' | 'team' = 'me') =>
    api.get<PracticeAssignment[]>(`/practice/assignments${query({ who })}`),
  assign: (body: { scenario: string; repId: number; due?: string }) =>
    api.post<PracticeAssignment>('/practice/assignments', body),
  unassign: (id: number) => api.del(`/practice/assignments/${id}`),
};

// Deals and the self-check (deal review, "abandon hope").

export type DealBand = 'real' | 'gaps' | 'hope';

export interface DealScore {
  score: 0 | 1 | 2;
  evidence?: string;
  note?: string;
}

export interface Deal {
  id: number;
  ownerId: number;
  ownerName: string;
  teamId: number | null;
  name: string;
  company: string;
  stage: string;
  value: number;
  currency: string | null;
  nextStep: { date: string; purpose: string } | null;
  scores: Record<string, DealScore>;
  calls: { id: number; title: string; callDate: string; repName: string; score: number }[];
  createdAt: string;
  updatedAt: string;
}

export interface DealListItem extends Deal {
  total: number;
  band: DealBand;
  bandReason: string;
}

export interface DealEvidence {
  piece: string;
  strength: 'stated' | 'vague';
  quote: string;
  speaker: string;
  note: string;
  reason: string;
  callId: number | null;
  callTitle: string | null;
  turn: number | null;
  momentIdx: number | null;
}

export interface DealRubricLine {
  criterion: string;
  label: string;
  evidenced: string;
  score: number;
  source: 'confirmed' | 'proposed';
  corrected: boolean;
  confirmed?: DealScore;
  proposed: {
    score: number;
    why: string;
    missing: string[];
    evidence: DealEvidence[];
    counter: DealEvidence[];
  };
}

export interface DealPlanStep {
  criterion: string;
  label: string;
  score: number;
  missing: string[];
  questions: { id: string; text: string; why: string }[];
}

export interface DealReview {
  deal: Deal;
  total: number;
  band: DealBand;
  bandReason: string;
  rubric: DealRubricLine[];
  plan: DealPlanStep[];
  warnings: string[];
}

export interface DealFieldsInput {
  name: string;
  company: string;
  stage: string;
  value: number;
  currency?: string | null;
  nextStep?: { date: string; purpose: string } | null;
  /** The salesperson who owns it (default on creation: whoever creates it). */
  ownerId?: number;
}

export const deals = {
  list: () => request<DealListItem[]>('GET', '/deals'),
  create: (fields: DealFieldsInput & { callIds?: number[] }) =>
    request<Deal>('POST', '/deals', fields),
  update: (id: number, fields: Partial<DealFieldsInput>) =>
    request<Deal>('PATCH', `/deals/${id}`, fields),
  remove: (id: number) => request<void>('DELETE', `/deals/${id}`),
  review: (id: number) => request<DealReview>('GET', `/deals/${id}/review`),
  link: (id: number, callId: number) => request<Deal>('POST', `/deals/${id}/calls`, { callId }),
  unlink: (id: number, callId: number) => request<void>('DELETE', `/deals/${id}/calls/${callId}`),
  setScore: (id: number, criterion: string, score: DealScore) =>
    request<Deal>('PUT', `/deals/${id}/scores`, { criterion, ...score }),
  clearScore: (id: number, criterion: string) =>
    request<void>('DELETE', `/deals/${id}/scores/${criterion}`),
};

export interface SelfCheckItem {
  n: number;
  subscale: string;
  reverse: boolean;
  text: string;
}

export interface SelfCheckForm {
  scale: { min: number; max: number; labels: string[] };
  subscales: { id: string; label: string }[];
  bands: { id: string; below: number | null; label: string }[];
  items: SelfCheckItem[];
}

export interface SelfCheckSubscale {
  id: string;
  label: string;
  score: number | null;
  band: string | null;
  answered: number;
  items: number;
  complete: boolean;
}

export interface SelfCheckEntry {
  id: number;
  takenAt: string;
  answers: (number | null)[];
  result: { subscales: SelfCheckSubscale[]; unanswered: number[] };
}

export interface SelfCheckComparison {
  takenAt: string;
  rep: string;
  calls: number;
  moments: number;
  mix: Record<string, number>;
  gaps: {
    item: number;
    answer: number;
    kind: 'overrates' | 'underrates' | 'consistent' | 'too-few';
    moments: number;
    challenged: number;
    text: string;
  }[];
}

export const selfCheck = {
  form: () => request<SelfCheckForm>('GET', '/selfcheck'),
  submit: (answers: (number | null)[]) =>
    request<SelfCheckEntry>('POST', '/selfcheck', { answers }),
  history: () => request<SelfCheckEntry[]>('GET', '/selfcheck/history'),
  comparison: () => request<SelfCheckComparison>('GET', '/selfcheck/comparison'),
};

// Corrections: a manager overrules the engine on a call; the rep may reply (issue 11).

export const corrections = {
  list: (callId: number) => request<Correction[]>('GET', `/calls/${callId}/corrections`),
  create: (callId: number, input: CorrectionInput) =>
    request<Correction>('POST', `/calls/${callId}/corrections`, input),
  undo: (id: number) => request<Correction>('DELETE', `/corrections/${id}`),
  reply: (id: number, body: string) =>
    request<CorrectionReply>('POST', `/corrections/${id}/replies`, { body }),
};

export const notes = {
  edit: (id: number, body: string) => request<Note>('PATCH', `/notes/${id}`, { body }),
  remove: (id: number) => request<void>('DELETE', `/notes/${id}`),
};

// Model versions: retrain on the team's corrections, compare, activate or roll back (admins).

export const models = {
  list: () => request<ModelVersion[]>('GET', '/models'),
  retrain: () => request<ModelVersion>('POST', '/models/retrain', {}),
  activate: (id: string) => request<ModelVersion>('POST', `/models/${id}/activate`, {}),
};
