/**
 * The `walkpoint` command. `main(argv)` returns the exit code: 0 ok, 1 unexpected failure,
 * 2 a user's mistake (printed as one line, never with a stack trace).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { REPORT_FORMATS } from '../render/index.js';
import { analyzeCommand } from './analyze-command.js';
import { dealReviewCommand } from './deal-command.js';
import { EXIT, errorLine, toErrorReport } from './errors.js';
import { evalCommand } from './eval-command.js';
import { labelCommand } from './label-command.js';
import { parseSeed, practiceCommand } from './practice-command.js';
import { questionsCommand } from './questions-command.js';
import { selfcheckCommand } from './selfcheck-command.js';

/** Where the command writes; tests pass their own to capture output. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  out: Output;
  err: Output;
  /** Where `walkpoint live` reads captions (default: stdin). */
  in?: import('node:stream').Readable;
}

const processIo: Io = { out: process.stdout, err: process.stderr };

/** The package version: package.json sits two levels up from both src/cli and dist/cli. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

/** The commander program; each action stores its exit code in `exit.code`. */
export function buildProgram(io: Io, exit: { code: number }): Command {
  const program = new Command('walkpoint')
    .description('Finds the walk-points in sales calls, grades the response, and coaches.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      outputError: (s, write) => write(`walkpoint: ${s.replace(/^error: /, '')}`),
    });

  program
    .command('analyze')
    .description('analyse transcripts (files or folders) and report the walk-point moments')
    .argument('<paths...>', 'transcript files or folders (.vtt .srt .txt .json .csv)')
    .option('--rep <name>', 'a salesperson on the call (repeatable)', collect, [] as string[])
    .addOption(
      new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'),
    )
    .option('--out <dir>', 'write one report file per input into this folder')
    .option('--no-color', 'plain text, no colours')
    .option('--jobs <n>', 'worker threads for several files', positiveInt, availableParallelism())
    .action(async (paths: string[], opts) => {
      exit.code = await analyzeCommand(
        paths,
        {
          rep: opts.rep.length > 0 ? opts.rep : undefined,
          format: opts.format,
          out: opts.out,
          color: opts.color && !process.env.NO_COLOR,
          jobs: opts.jobs,
        },
        io,
      );
    });

  program
    .command('questions')
    .description('print the nothing-to-lose question bank, optionally for one trigger')
    .argument('[trigger]', 'a trigger kind, with an optional subtype: objection:price')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option('--no-color', 'plain text, no colours')
    .action((trigger: string | undefined, opts) => {
      exit.code = questionsCommand(
        trigger,
        { format: opts.format, color: opts.color && !process.env.NO_COLOR },
        io,
      );
    });

  program
    .command('eval')
    .description(
      'measure the engine on labelled data: utterance sets (.jsonl) and labelled calls; --deals: deal-review evidence',
    )
    .argument(
      '[paths...]',
      'utterance JSON lines, *.labels.json files, or folders of them (with --deals: *.deal.json files or folders, default corpus/deals/labels)',
    )
    .option(
      '--deals',
      'measure deal-review evidence and scores per criterion against *.deal.json labels',
    )
    .option(
      '--agreement <dir>',
      'with --deals: a second labelling of the same calls, measured against the first beside the engine (the human ceiling)',
    )
    .option('--json', 'print one JSON document instead of tables')
    .option('--split <name>', 'only rows or calls of this split (train, dev, test)')
    .option('--misses <n>', 'how many misses to list per kind', (v) => Number(v), 10)
    .action((paths: string[], opts) => {
      exit.code = evalCommand(
        paths,
        {
          json: Boolean(opts.json),
          split: opts.split,
          misses: opts.misses,
          deals: Boolean(opts.deals),
          ...(opts.agreement ? { agreement: opts.agreement } : {}),
        },
        io,
      );
    });

  program
    .command('practice')
    .description('role-play walk-points against a simulated prospect (no name: list scenarios)')
    .argument('[scenario]', 'the scenario to play')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option('--replies <file>', 'play without asking: one reply per line from this file')
    .option('--seed <n>', 'fix the phrasing choices', parseSeed)
    .option('--coach', 'live feedback after each reply')
    .option('--save <path>', 'where to save the transcript (default ./practice/NAME-TIME.txt)')
    .option('--rep <name>', "the trainee's name in the transcript", 'You')
    .option('--no-color', 'plain text, no colours')
    .action(async (scenario: string | undefined, opts) => {
      exit.code = await practiceCommand(
        scenario,
        {
          format: opts.format,
          replies: opts.replies,
          seed: opts.seed,
          coach: Boolean(opts.coach),
          save: opts.save,
          rep: opts.rep,
          color: opts.color && !process.env.NO_COLOR,
        },
        io,
      );
    });

  program
    .command('label')
    .description('label utterances: JSON lines on stdin, {"id", "kinds"} lines on stdout')
    .action(async () => {
      exit.code = await labelCommand(process.stdin, io);
    });

  program
    .command('live')
    .description('cue cards during a call: captions as JSON lines on stdin, cards on stdout')
    .option('--rep <name>', 'a salesperson on the call (repeatable)', collect, [] as string[])
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option('--replay <file>', 'replay a transcript file at its pace instead of reading stdin')
    .option('--speed <n>', 'replay N times faster; 0 = as fast as possible', nonNegative, 1)
    .action(async (opts) => {
      const { liveCommand } = await import('./live-command.js');
      exit.code = await liveCommand(
        {
          rep: opts.rep.length > 0 ? opts.rep : undefined,
          format: opts.format,
          replay: opts.replay,
          speed: opts.speed,
        },
        io,
        io.in ?? process.stdin,
      );
    });

  program
    .command('deal')
    .description('deal review ("abandon hope"): evidence versus hope, and the call plan')
    .command('review')
    .description('score a deal (JSON) on the seven criteria from its calls; print the call plan')
    .argument('<file>', 'the deal as JSON; calls are paths relative to it')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action((file: string, opts) => {
      exit.code = dealReviewCommand(file, { format: opts.format }, io);
    });

  program
    .command('selfcheck')
    .description('the mindset self-check, kept over time and set beside your calls')
    .option('--answers <list>', 'twelve answers 1-5, comma-separated; blank or "-" skips one')
    .option('--answers-file <file>', 'the answers in a file')
    .option('--rep <name>', 'your name as it appears in the calls')
    .option('--calls <paths...>', 'analysed calls (files or folders) to compare with (needs --rep)')
    .option('--history <path>', 'the history file (default ~/.walkpoint/selfcheck.jsonl)')
    .option('--no-save', 'do not add this result to the history')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action(async (opts) => {
      exit.code = await selfcheckCommand(opts, io);
    });

  // Server commands load fastify and SQLite lazily, so the other commands start fast.
  program
    .command('serve')
    .description('serve the web app and API (default http://localhost:4173)')
    .option('--port <n>', 'port (default: $PORT or 4173)', positiveInt)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
    )
    .option('--no-seed', 'do not seed an empty database with the demo team')
    .action(async (opts) => {
      const { serveCommand } = await import('./serve-command.js');
      exit.code = await serveCommand(opts, io);
    });

  const user = program.command('user').description('manage user accounts');
  user
    .command('add')
    .description('create a user, e.g. the first admin')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--role <role>', 'rep, manager or admin', 'admin')
    .option('--password <pw>', 'password (default: $WALKPOINT_PASSWORD, else a random one)')
    .option('--team <name>', 'add to this team (created if missing)')
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
    )
    .action(async (opts) => {
      const { userAddCommand } = await import('./user-command.js');
      exit.code = await userAddCommand(opts, io);
    });
  for (const [action, description] of [
    ['disable', 'stop a user signing in: their sessions end, their API tokens are refused'],
    ['enable', 'let a disabled user sign in again'],
    ['delete', 'delete a user; their calls stay under their teams (or go to --reassign-to)'],
  ] as const) {
    const cmd = user
      .command(`${action} <email>`)
      .description(description)
      .option(
        '--db <path>',
        'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
      );
    if (action === 'delete') {
      cmd.option('--reassign-to <email>', "move the user's calls and deals to this user");
    }
    cmd.action(async (email: string, opts) => {
      const { userAccessCommand } = await import('./user-command.js');
      exit.code = await userAccessCommand(action, email, opts, io);
    });
  }

  program
    .command('worker')
    .description('run queued analysis jobs (uploads, imports, reanalyses) until SIGTERM')
    .option('--concurrency <n>', 'jobs at once (default: one per core)', positiveInt)
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
    )
    .action(async (opts) => {
      const { workerCommand } = await import('./worker-command.js');
      exit.code = await workerCommand(opts, io);
    });

  program
    .command('import')
    .description('import a backlog: every transcript in a folder or .zip becomes a stored call')
    .argument('<source>', 'a folder or a .zip of transcripts (.vtt .srt .txt .json .csv)')
    .option('--rep-map <csv>', 'who the rep is: a CSV with the columns email and speaker or file')
    .option('--owner <email>', 'the user the calls are imported by (default: the first admin)')
    .option('--date <date>', 'the call date to record (default: today)')
    .option(
      '--concurrency <n>',
      'analyses at once in this process; 0 leaves them to `walkpoint worker`s (default: one per core)',
      (v) => (v === '0' ? 0 : positiveInt(v)),
    )
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
    )
    .action(async (source: string, opts) => {
      const { importCommand } = await import('./import-command.js');
      exit.code = await importCommand(source, opts, io);
    });

  program
    .command('corrections')
    .description("managers' corrections of walk-points")
    .command('export')
    .description(
      'write the corrections in force as training lines (npm run train -- --corrections FILE)',
    )
    .option('--format <format>', 'jsonl (the corpus utterance format)', 'jsonl')
    .option('--out <file>', 'write to this file (default: stdout)')
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
    )
    .action(async (opts) => {
      const { correctionsExportCommand } = await import('./corrections-command.js');
      exit.code = await correctionsExportCommand(opts, io);
    });

  program
    .command('reanalyze')
    .description('re-run the engine over stored calls made by an older engine version')
    .option('--all', 'every stored call, whatever version made it')
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (default: $WALKPOINT_DB or ./.walkpoint/walkpoint.db)',
    )
    .action(async (opts) => {
      const { reanalyzeCommand } = await import('./reanalyze-command.js');
      exit.code = await reanalyzeCommand({ all: Boolean(opts.all), db: opts.db }, io);
    });

  return program;
}

/** Runs the command line (`argv` without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const exit = { code: EXIT.ok as number };
  try {
    await buildProgram(io, exit).parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (e) {
    // Help and --version end through exitOverride with code 0; usage errors are already printed.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.user;
    const report = toErrorReport(e);
    io.err.write(`${errorLine(report)}\n`);
    return report.user ? EXIT.user : EXIT.bug;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2));
}
