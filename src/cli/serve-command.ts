import { closeOnSignals, serve } from '../server/serve.js';
import type { Io } from './main.js';

/** `walkpoint serve`: the web app and API until SIGINT/SIGTERM. */
export async function serveCommand(
  opts: { port?: number; host?: string; db?: string; seed: boolean },
  io: Io,
): Promise<number> {
  const running = await serve({
    port: opts.port ?? (process.env.PORT ? Number(process.env.PORT) : undefined),
    host: opts.host,
    dbPath: opts.db,
    seed: opts.seed,
    log: (line) => io.out.write(`${line}\n`),
  });
  closeOnSignals(running);
  return 0;
}
