/** The OpenAPI 3.1 document, generated from the same route declarations the server runs. */
import { z } from 'zod';
import { ENGINE_VERSION } from '../../engine/analyze.js';
import { errorBodySchema, MAX_UPLOAD_TEXT } from '../contract/errors.js';
import { API_PREFIX, type RouteSpec } from './route.js';

type Json = Record<string, unknown>;

/** JSON Schema of what a request may send (input side: before defaults and coercion). */
function inputSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

function outputSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

/** Path or query parameters: one entry per property of an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = inputSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as Json;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: the `field` names what to fix (`bad-url`: the URL cannot be decoded)',
  401: 'Not signed in and no API token',
  403: 'Signed in, but the role does not allow this (or the CSRF token is missing); at sign-in, the account is disabled',
  404: 'Not found (also for what exists but is not yours to see)',
  409: 'Conflict: already exists (a duplicate upload names the stored call), or refused: your own account, the last active admin',
  413: `Larger than the ${MAX_UPLOAD_TEXT} upload limit`,
  415: 'Unsupported content type',
  422: 'Not a transcript the engine can read, or (`analysis-too-costly`) its analysis ran over the time or memory budget and was stopped; the message says why in plain words',
  429: 'Too many: failed sign-ins (locked for a while), or (`too-many-analyses`, with Retry-After) analyses already running for you',
  503: 'Cannot save or analyse right now: the database is locked by another process (`db-locked`, with Retry-After) or read-only (`db-read-only`), the database server cannot be reached (`db-unreachable`, with Retry-After), the disk is full (`disk-full`), or every analysis worker is busy (`analysis-busy`, with Retry-After)',
};

function operation(spec: RouteSpec): Json {
  const error = { content: { 'application/json': { schema: outputSchema(errorBodySchema) } } };
  const responses: Json = {
    [String(spec.status ?? 200)]: {
      description: 'Success',
      ...(spec.response
        ? { content: { 'application/json': { schema: outputSchema(spec.response) } } }
        : {}),
    },
  };
  const statuses = new Set([
    400,
    ...(spec.access === 'public' ? [] : [401]),
    ...(spec.errors ?? []),
  ]);
  if (spec.access === 'manager' || spec.access === 'admin') statuses.add(403);
  // Any write can meet a locked database or a full disk (signing in too: it saves a session).
  if (spec.method !== 'GET') statuses.add(503);
  for (const s of [...statuses].sort()) {
    responses[String(s)] = { description: STATUS_TEXT[s] ?? 'Error', ...error };
  }
  const op: Json = {
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    operationId: `${spec.method.toLowerCase()}${spec.path.replace(/\/:?([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    responses,
    security: spec.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
  };
  if (spec.body) {
    const content: Json = { 'application/json': { schema: inputSchema(spec.body) } };
    for (const [type, schema] of Object.entries(spec.bodyAlso ?? {})) {
      content[type] = { schema: inputSchema(schema) };
    }
    op.requestBody = { required: true, content };
  }
  return op;
}

export function openApiDocument(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const spec of routes) {
    const path = API_PREFIX + spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Walkpoint API',
      version: ENGINE_VERSION,
      description: [
        'Upload sales-call transcripts, read the walk-point moments and their graded responses, coach with notes, and see team trends.',
        `Uploads are limited to ${MAX_UPLOAD_TEXT} per file. Every error has the body \`{ "error": { "code", "message", "field"? } }\`.`,
        'Transcripts are analysed on worker threads, each analysis within a time budget that grows with its size and a memory budget; one over budget answers 422 `analysis-too-costly` and nothing is stored. A 500 names the request id it was logged with.',
        'Authenticate with an API token (`Authorization: Bearer wpt_...`, created by an admin) or a browser session cookie; cookie-authenticated writes need the `X-CSRF-Token` header.',
        'A call you may not see answers 404, exactly like a call that does not exist.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token, `wpt_...`' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'wp_session' },
      },
    },
    paths,
  };
}
