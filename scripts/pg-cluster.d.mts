/** Types for pg-cluster.mjs (used by bench/scale.ts). */
export interface Cluster {
  /** postgres://walkpoint:PASSWORD@127.0.0.1:PORT/postgres (a superuser). */
  url: string;
  dir: string;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): void;
}

export function postgresBin(opts?: { install?: boolean; log?: (line: string) => void }): string;

export function startCluster(opts?: {
  durable?: boolean;
  log?: (line: string) => void;
}): Promise<Cluster>;
