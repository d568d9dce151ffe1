/** The API client: JSON in and out, the CSRF header on writes, one error type. */
import type { Analysis } from '../../src/types';

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
}

export interface CallSummary {
  id: number;
  title: string;
  repUserId: number;
  repName: string;
  repSpeakers: string;
  callDate: string;
  format: string;
  score: number;
  momentCount: number;
  durationSeconds: number | null;
  repTalkShare: number;
  engineVersion: string;
  createdAt: string;
  responses: Record<string, number>;
}

export interface StoredMoment {
  id: number;
  callId: number;
  idx: number;
  turn: number;
  speaker: string;
  triggerKind: string;
  triggerSubtype: string | null;
  triggerQuote: string;
  responseKind: string;
  evidence: string;
  reviewed: boolean;
  reviewedBy: number | null;
  reviewedAt: string | null;
  noteCount: number;
}

export interface CallDetail extends CallSummary {
  analysis: Analysis;
  moments: StoredMoment[];
}

export interface Note {
  id: number;
  momentId: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface RepStats {
  repUserId: number;
  repName: string;
  calls: number;
  avgScore: number;
  talkShare: number;
  questionRate: number;
  toughQuestionRate: number;
  responses: Record<string, number>;
  trend: { week: string; avgScore: number; calls: number }[];
}

export interface TeamStats {
  reps: RepStats[];
  weeks: string[];
  totals: { calls: number; moments: number; avgScore: number; responses: Record<string, number> };
}

export interface QueueItem {
  momentId: number;
  momentIdx: number;
  callId: number;
  callTitle: string;
  callDate: string;
  repUserId: number;
  repName: string;
  turn: number;
  triggerKind: string;
  triggerSubtype: string | null;
  triggerQuote: string;
  responseKind: string;
  evidence: string;
  severity: number;
  reviewed: boolean;
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
 * Uploads one file as multipart form data, reporting progress (0..1) as it is sent. Resolves
 * with the stored call; rejects with an ApiFailure whose message is in plain words.
 */
export function uploadCall(
  file: File,
  fields: { repId?: number; date?: string },
  onProgress: (sent: number) => void,
): Promise<CallDetail> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (fields.repId) form.append('repId', String(fields.repId));
    if (fields.date) form.append('date', fields.date);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/calls`);
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
