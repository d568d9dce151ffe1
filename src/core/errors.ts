/**
 * A mistake in the user's input (a file, an option). The CLI prints `message` as one line and
 * exits with code 2; it never shows a stack trace for these.
 */
export class WalkpointError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;

  constructor(code: string, message: string, where: { file?: string; line?: number } = {}) {
    const prefix = where.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
    super(prefix + message);
    this.name = 'WalkpointError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
  }
}

export function isWalkpointError(e: unknown): e is WalkpointError {
  return e instanceof WalkpointError;
}
