import { isWalkpointError } from '../core/errors.js';

/** An error as it crosses a worker boundary (class identity does not survive a message). */
export interface ErrorReport {
  message: string;
  /** A user's mistake (WalkpointError): exit 2, never a stack. */
  user: boolean;
  stack?: string;
}

export function toErrorReport(e: unknown): ErrorReport {
  if (isWalkpointError(e)) return { message: e.message, user: true };
  if (e instanceof Error) return { message: e.message || e.name, user: false, stack: e.stack };
  return { message: String(e), user: false };
}

/** Exit codes: 0 ok, 1 unexpected failure (a bug), 2 a user's mistake. */
export const EXIT = { ok: 0, bug: 1, user: 2 } as const;

/**
 * The one line the CLI prints for a failure: `walkpoint: <file>: <message>`. WalkpointErrors
 * usually name the file already, so it is added only when missing. The stack follows only when
 * WALKPOINT_DEBUG=1 and the error is not the user's.
 */
export function errorLine(report: ErrorReport, file?: string): string {
  const named = !file || report.message.startsWith(file);
  const line = `walkpoint: ${named ? '' : `${file}: `}${report.message}`;
  const debug = process.env.WALKPOINT_DEBUG === '1' && !report.user && report.stack;
  return debug ? `${line}\n${report.stack}` : line;
}
