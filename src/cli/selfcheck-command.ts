import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { WalkpointError } from '../core/errors.js';
import { analyze } from '../engine/analyze.js';
import { collectInputs } from '../parse/inputs.js';
import {
  type Answer,
  appendHistory,
  compareWithCalls,
  defaultHistoryPath,
  historyEntry,
  loadSelfCheck,
  parseAnswers,
  readHistory,
  renderSelfCheck,
  scoreSelfCheck,
} from '../selfcheck/index.js';
import type { Io } from './main.js';

export interface SelfCheckOptions {
  answers?: string;
  answersFile?: string;
  rep?: string;
  calls?: string[];
  history?: string;
  /** false with --no-save: score without writing the history. */
  save: boolean;
  format: 'text' | 'json';
}

/**
 * `walkpoint selfcheck`: scores the twelve statements (from --answers, a file, or prompts on a
 * terminal), keeps the result in the history, and sets it beside the rep's calls when given.
 */
export async function selfcheckCommand(
  opts: SelfCheckOptions,
  io: Io,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<number> {
  if (opts.calls?.length && !opts.rep) {
    throw new WalkpointError('needs-rep', '--calls needs --rep NAME: whose moments to compare');
  }
  const answers = await readAnswers(opts, io, stdin);
  const result = scoreSelfCheck(answers);
  const comparison =
    opts.calls?.length && opts.rep
      ? compareWithCalls(result, analyseCalls(opts.calls, opts.rep), opts.rep)
      : undefined;
  const historyPath = opts.history ?? defaultHistoryPath();
  const previous = readHistory(historyPath, opts.rep).at(-1);
  if (opts.save) appendHistory(historyPath, historyEntry(result, opts.rep));
  if (opts.format === 'json') {
    io.out.write(
      `${JSON.stringify({ ...result, comparison, previous, history: opts.save ? historyPath : undefined }, null, 2)}\n`,
    );
  } else {
    io.out.write(renderSelfCheck(result, comparison, previous));
    if (opts.save) io.err.write(`walkpoint: saved to ${historyPath}\n`);
  }
  return 0;
}

async function readAnswers(
  opts: SelfCheckOptions,
  io: Io,
  stdin: NodeJS.ReadStream,
): Promise<Answer[]> {
  if (opts.answers !== undefined) return parseAnswers(opts.answers);
  if (opts.answersFile) {
    let text: string;
    try {
      text = readFileSync(opts.answersFile, 'utf8');
    } catch (e) {
      throw new WalkpointError(
        'not-found',
        `cannot read the answers (${(e as NodeJS.ErrnoException).code})`,
        { file: opts.answersFile },
      );
    }
    return parseAnswers(text, opts.answersFile);
  }
  if (!stdin.isTTY) {
    throw new WalkpointError(
      'selfcheck-answers',
      'no answers: give --answers "5,4,..." or --answers-file FILE (prompts need a terminal)',
    );
  }
  return prompt(io, stdin);
}

/** Asks each statement in turn; Enter or "-" leaves it unanswered. */
async function prompt(io: Io, stdin: NodeJS.ReadStream): Promise<Answer[]> {
  const { items, scale } = loadSelfCheck();
  const rl = createInterface({ input: stdin, output: io.out as NodeJS.WritableStream });
  io.out.write(
    `Rate each statement ${scale.min}-${scale.max} (${scale.min} = ${scale.labels[0]}, ${scale.max} = ${scale.labels.at(-1)}). Enter or "-" skips.\n`,
  );
  const answers: Answer[] = [];
  try {
    for (const item of items) {
      for (;;) {
        const raw = (await rl.question(`${item.n}. ${item.text} `)).trim();
        const [value] = raw === '' ? [null] : parseAnswersSafe(raw);
        if (value === undefined || (value !== null && (value < scale.min || value > scale.max))) {
          io.out.write(`   a number ${scale.min}-${scale.max}, or Enter to skip\n`);
          continue;
        }
        answers.push(value);
        break;
      }
    }
  } finally {
    rl.close();
  }
  return answers;
}

function parseAnswersSafe(raw: string): Answer[] | [undefined] {
  try {
    const parsed = parseAnswers(raw);
    return parsed.length === 1 ? parsed : [undefined];
  } catch {
    return [undefined];
  }
}

function analyseCalls(paths: string[], rep: string) {
  return collectInputs(paths).files.map((file) =>
    analyze(readFileSync(file), { file, rep: [rep] }),
  );
}
