import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError } from 'commander';
import { WalkpointError } from '../core/errors.js';
import {
  listScenarios,
  loadScenario,
  momentOf,
  type PracticeSession,
  playReplies,
  practiceReport,
  type Scenario,
  sessionTranscript,
  startSession,
  submitReply,
} from '../practice/index.js';
import {
  renderBrief,
  renderDebrief,
  renderFeedback,
  renderScenarioList,
  renderTurn,
} from '../practice/render.js';
import type { Io } from './main.js';
import { writeFileAtomic } from './output.js';

export interface PracticeOptions {
  format: 'text' | 'json';
  /** A file of replies, one per line: play without asking. */
  replies?: string;
  seed?: number;
  coach: boolean;
  /** Where to save the transcript; interactive calls save to ./practice/ by default. */
  save?: string;
  rep: string;
  color: boolean;
}

/** `--seed`: any whole number. */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function readReplies(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WalkpointError(
      'replies-unreadable',
      `cannot read the replies (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give a text file with one reply per line`,
      { file },
    );
  }
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

function defaultSavePath(name: string): string {
  const stamp = new Date().toISOString().replace(/\..*$/, '').replace(/:/g, '-');
  return `practice/${name}-${stamp}.txt`;
}

/** Asks for replies on `input` until the call ends or the input closes. */
async function playInteractive(
  scenario: Scenario,
  session: PracticeSession,
  opts: PracticeOptions,
  io: Io,
  input: NodeJS.ReadableStream,
): Promise<PracticeSession> {
  const color = opts.color && io.out.isTTY === true;
  io.out.write(renderBrief(listScenarios().find((s) => s.name === scenario.name)!, color));
  io.out.write(renderTurn(session.turns[0], color));
  const rl = createInterface({ input, terminal: false });
  const prompt = () => io.out.write(`${session.rep}: `);
  prompt();
  try {
    for await (const line of rl) {
      if (!line.trim()) {
        prompt();
        continue;
      }
      const seen = session.turns.length;
      session = submitReply(scenario, session, line);
      const grade = session.grades[session.grades.length - 1];
      if (opts.coach) io.out.write(renderFeedback(grade, momentOf(session, grade), color));
      for (const t of session.turns.slice(seen + 1)) io.out.write(renderTurn(t, color));
      if (session.outcome) break;
      prompt();
    }
  } finally {
    rl.close();
  }
  if (!session.outcome) io.out.write('\n');
  return session;
}

/**
 * `walkpoint practice [name]`: no name lists the scenarios; a name plays one, interactively on
 * `input` or from `--replies`, then prints the debrief (text) or the whole session (JSON).
 */
export async function practiceCommand(
  name: string | undefined,
  opts: PracticeOptions,
  io: Io,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const color = opts.color && io.out.isTTY === true;
  if (!name) {
    const list = listScenarios();
    io.out.write(
      opts.format === 'json'
        ? `${JSON.stringify(
            list.map(({ name, title, difficulty, triggers }) => ({
              name,
              title,
              difficulty,
              triggers,
            })),
            null,
            2,
          )}\n`
        : renderScenarioList(list, color),
    );
    return 0;
  }
  const scenario = loadScenario(name);
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  let session: PracticeSession;
  let unused = 0;
  if (opts.replies !== undefined) {
    ({ session, unused } = playReplies(scenario, readReplies(opts.replies), {
      seed,
      rep: opts.rep,
    }));
  } else {
    session = await playInteractive(
      scenario,
      startSession(scenario, { seed, rep: opts.rep }),
      opts,
      io,
      input,
    );
  }
  const report = practiceReport(scenario, session);
  const savePath = opts.save ?? (opts.replies === undefined ? defaultSavePath(name) : undefined);
  if (savePath) writeFileAtomic(savePath, sessionTranscript(session));

  if (opts.format === 'json') {
    const extra = { unusedReplies: unused, ...(savePath ? { transcript: savePath } : {}) };
    io.out.write(`${JSON.stringify({ ...report, ...extra }, null, 2)}\n`);
  } else {
    if (opts.replies !== undefined) {
      for (const t of session.turns) io.out.write(renderTurn(t, color));
    }
    io.out.write(renderDebrief(report, color));
    if (savePath) {
      io.out.write(
        `Transcript saved: ${savePath} (walkpoint analyze ${savePath} --rep "${session.rep}")\n`,
      );
    }
  }
  return 0;
}
