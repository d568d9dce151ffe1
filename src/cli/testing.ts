import { Readable } from 'node:stream';
import { type Io, main } from './main.js';

/** An Io that keeps what the command writes, for tests. */
export function captureIo(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      out: { write: (s: string) => (out += s) },
      err: { write: (s: string) => (err += s) },
    },
    out: () => out,
    err: () => err,
  };
}

/** Runs the `walkpoint` command in-process and returns its exit code and output. */
export async function runCli(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  return runCliWithInput(undefined, ...argv);
}

/** `runCli` with `stdin` as the command's standard input. */
export async function runCliWithInput(
  stdin: string | undefined,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo();
  if (stdin !== undefined) c.io.in = Readable.from([stdin]);
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}
