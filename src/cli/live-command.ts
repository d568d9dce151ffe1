import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WalkpointError } from '../core/errors.js';
import { parseCaptionLine } from '../live/caption.js';
import type { LiveEvent, LiveSummary } from '../live/events.js';
import { textRenderer } from '../live/render.js';
import { captionsOf } from '../live/replay.js';
import { LiveSession, type LiveUtterance } from '../live/session.js';
import { EXIT } from './errors.js';
import type { Io } from './main.js';

export interface LiveCommandOptions {
  rep?: string[];
  format: 'text' | 'json';
  /** Replay this transcript file instead of reading captions on stdin. */
  replay?: string;
  /** Replay speed: 1 = the call's own pace, N = N times faster, 0 = as fast as possible. */
  speed: number;
}

/** A caption with no times is taken to last as long as its words take to say. */
const WORDS_PER_SECOND = 2.5;

/** How long to wait before replaying `u`, at `speed`, after the caption `prev`. */
function pause(prev: LiveUtterance | undefined, u: LiveUtterance, speed: number): number {
  if (speed === 0 || !prev) return 0;
  const seconds =
    prev.start !== undefined && u.start !== undefined
      ? Math.max(0, u.start - prev.start)
      : prev.text.split(/\s+/).length / WORDS_PER_SECOND;
  return (seconds * 1000) / speed;
}

/**
 * `walkpoint live`: captions as JSON lines on stdin (or a transcript replayed at its pace), cue
 * cards on stdout as they happen, the call's analysis at the end. A bad line is reported on
 * stderr with its line number and skipped; the exit code is then 2.
 */
export async function liveCommand(
  opts: LiveCommandOptions,
  io: Io,
  input: Readable,
): Promise<number> {
  const session = new LiveSession({ rep: opts.rep });
  const text = textRenderer();
  const write = (s: string) => {
    if (s) io.out.write(s);
  };
  const emit = (events: LiveEvent[]) => {
    for (const e of events)
      write(opts.format === 'json' ? `${JSON.stringify(e)}\n` : text.event(e));
  };
  let bad = 0;
  if (opts.replay) {
    const file = opts.replay;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new WalkpointError(
        'unreadable',
        `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        { file },
      );
    }
    let prev: LiveUtterance | undefined;
    for (const u of captionsOf(bytes, file)) {
      const wait = pause(prev, u, opts.speed);
      if (wait > 0) await sleep(wait);
      emit(session.push(u));
      prev = u;
    }
  } else {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    for await (const raw of lines) {
      n++;
      if (!raw.trim()) continue;
      let u: LiveUtterance;
      try {
        u = parseCaptionLine(raw);
      } catch (e) {
        if (!(e instanceof WalkpointError)) throw e;
        bad++;
        io.err.write(`walkpoint live: stdin line ${n}: ${e.message}; line skipped, going on\n`);
        continue;
      }
      emit(session.push(u));
    }
  }
  const { events, summary } = session.end();
  emit(events);
  write(
    opts.format === 'json'
      ? `${JSON.stringify(summary satisfies LiveSummary)}\n`
      : text.summary(summary),
  );
  if (summary.error) io.err.write(`walkpoint live: ${summary.error}\n`);
  return summary.error || bad > 0 ? EXIT.user : EXIT.ok;
}
