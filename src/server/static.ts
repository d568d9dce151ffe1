/**
 * Serves the built web app (web/dist) with a single-page fallback: any non-API GET that is not
 * a file gets index.html, so deep links like /calls/12 work.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** web/dist beside the package root: two levels above both src/server and dist/server. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A Map: it is looked up with the requested file's extension. */
const TYPES = new Map(
  Object.entries({
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.json': 'application/json',
    '.woff2': 'font/woff2',
    '.map': 'application/json',
  }),
);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function sendFile(reply: FastifyReply, file: string, immutable: boolean) {
  return reply
    .header('content-type', TYPES.get(extname(file)) ?? 'application/octet-stream')
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('content-security-policy', CSP)
    .send(readFileSync(file));
}

/** Registers the static routes; when the app is not built, pages explain how to build it. */
export function registerStatic(app: FastifyInstance, webRoot: string = DEFAULT_WEB_ROOT): void {
  const root = resolve(webRoot);
  const index = join(root, 'index.html');
  app.get('/*', async (req, reply) => {
    const path = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      return sendFile(reply, file, path.startsWith('assets/'));
    }
    if (!existsSync(index)) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The web app is not built yet: run `npm start` (or `npx vite build web`) and reload.',
        );
    }
    return sendFile(reply, index, false);
  });
}
