/**
 * What crosses the boundary between the pool and its workers. Class identity does not survive a
 * message, so errors travel as plain data and a WalkpointError (a user's mistake, with its code)
 * comes back as a WalkpointError; anything else comes back as an Error with the worker's stack.
 */
import { isWalkpointError, WalkpointError } from '../core/errors.js';

export type ToWorker<T> = { id: number; task: T };

export type FromWorker<R> =
  | { type: 'ready' }
  | { type: 'done'; id: number; ok: true; result: R }
  | { type: 'done'; id: number; ok: false; error: WireError };

export interface WireError {
  message: string;
  stack?: string;
  /** Set for a WalkpointError: its code and where it points. */
  walkpoint?: { code: string; file?: string; line?: number };
}

export function toWire(e: unknown): WireError {
  if (isWalkpointError(e)) {
    return { message: e.message, walkpoint: { code: e.code, file: e.file, line: e.line } };
  }
  if (e instanceof Error) return { message: e.message || e.name, stack: e.stack };
  return { message: String(e) };
}

export function fromWire(w: WireError): Error {
  if (w.walkpoint) {
    // The message already carries the file prefix, so it is not passed again as `where`.
    const e = new WalkpointError(w.walkpoint.code, w.message);
    return Object.assign(e, { file: w.walkpoint.file, line: w.walkpoint.line });
  }
  const e = new Error(w.message);
  if (w.stack) e.stack = w.stack;
  return e;
}
