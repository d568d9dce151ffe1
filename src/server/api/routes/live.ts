/**
 * /api/v1/live: a live call over a WebSocket. Captions in, cue cards out, the call saved at the
 * end through the upload path (so it shows on the calls page). Messages: docs/live.md.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isWalkpointError } from '../../../core/errors.js';
import { toCaption } from '../../../live/caption.js';
import type { LiveEvent, LiveSummary } from '../../../live/events.js';
import { captionsOf } from '../../../live/replay.js';
import { LiveSession, type LiveUtterance } from '../../../live/session.js';
import { ApiError, MAX_UPLOAD_BYTES } from '../../contract/errors.js';
import { getCall, getCallContent } from '../../db/calls.js';
import type { Database } from '../../db/schema.js';
import { inlineAnalyzer } from '../../services/analyzer.js';
import { ingestUpload } from '../../services/ingest.js';
import { API_PREFIX, type AuthUser } from '../route.js';

export const LIVE_PATH = `${API_PREFIX}/live`;

const inline = inlineAnalyzer();

/** The largest message a client may send: a caption is a sentence or two. */
export const MAX_LIVE_MESSAGE_BYTES = 64 * 1024;

/** The fastest a stored call may be replayed; 0 means as fast as possible. */
const MAX_SPEED = 1000;

/** What the route needs of a ws socket (the `ws` package's WebSocket). */
interface Socket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer, binary: boolean) => void): void;
  on(event: 'close', listener: () => void): void;
}

const OPEN = 1;

/**
 * A browser sends the session cookie with a WebSocket opened from any site, and an upgrade
 * carries no CSRF header: with a cookie, the page must be our own (same Origin as the Host).
 */
function checkOrigin(req: FastifyRequest): void {
  if (req.auth?.via !== 'session') return;
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== req.headers.host) {
    throw new ApiError(403, 'forbidden', 'A live session opens only from Walkpoint’s own pages.');
  }
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function liveRoutes(app: FastifyInstance, opts: { db: Kysely<Database> }): void {
  app.get(
    LIVE_PATH,
    {
      websocket: true,
      preValidation: async (req) => {
        if (!req.auth) {
          throw new ApiError(
            401,
            'unauthenticated',
            'Sign in, or send an API token as "Authorization: Bearer <token>".',
          );
        }
        checkOrigin(req);
      },
    },
    (socket: unknown, req: FastifyRequest) => {
      const query = req.query as Record<string, unknown>;
      const repId = text(query.repId);
      run(socket as Socket, req.auth!.user, opts, {
        rep: text(query.rep),
        title: text(query.title),
        repId: repId && /^\d+$/.test(repId) ? Number(repId) : undefined,
      });
    },
  );
}

interface Start {
  rep?: string;
  title?: string;
  repId?: number;
}

function run(socket: Socket, user: AuthUser, opts: { db: Kysely<Database> }, start: Start): void {
  let rep = start.rep ? [start.rep] : undefined;
  let repId = start.repId;
  let session = new LiveSession({ rep });
  let title = start.title ?? `Live call ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
  let captions = 0;
  let bytes = 0;
  let n = 0;
  let replaying = false;
  let over = false;
  let queue: Promise<unknown> = Promise.resolve();
  const send = (msg: object) => {
    if (socket.readyState === OPEN) socket.send(JSON.stringify(msg));
  };
  const fail = (code: string, message: string) => send({ type: 'error', code, message });
  const emit = (events: LiveEvent[]) => {
    for (const e of events) send(e);
  };
  send({ type: 'ready', user: user.name, rep: rep ?? null, title });

  const take = (u: LiveUtterance) => {
    bytes += Buffer.byteLength(u.text) + 64;
    if (bytes > MAX_UPLOAD_BYTES) {
      throw new ApiError(413, 'too-large', 'The call is over the upload limit; end it to save it.');
    }
    if (u.final) captions++;
    send({ type: 'caption', ...u });
    emit(session.push(u));
  };

  /** Ends the session and stores what was said as a call, through the upload path. */
  const save = async (name: string) => {
    over = true;
    const { events, summary } = session.end();
    let call: { id: number; title: string } | undefined;
    let saveError: { code: string; message: string } | undefined;
    if (captions > 0 && !summary.error) {
      try {
        const stored = await ingestUpload(
          opts.db,
          user,
          {
            filename: `${name}.json`,
            content: session.transcript(),
            repId,
            speakers: rep,
          },
          // on this thread, as the session's cards were: the captions arrived over minutes, and
          // their size is bounded by the upload limit (see `take`)
          inline,
        );
        call = { id: stored.id, title: stored.title };
      } catch (e) {
        if (e instanceof ApiError || isWalkpointError(e)) {
          saveError = { code: e instanceof ApiError ? e.code : e.code, message: e.message };
        } else throw e;
      }
    }
    return { events, summary, call, saveError };
  };

  const finish = async () => {
    if (over) return;
    const { events, summary, call, saveError } = await save(title);
    emit(events);
    send({
      ...(summary satisfies LiveSummary),
      ...(call ? { call } : {}),
      ...(saveError ? { saveError } : {}),
    });
    socket.close(1000, 'call saved');
  };

  const replay = async (callId: unknown, speed: unknown) => {
    if (typeof callId !== 'number' || !Number.isInteger(callId)) {
      return fail('invalid', 'replay: "callId" must be the id of a stored call');
    }
    const pace = speed === undefined ? 1 : speed;
    if (typeof pace !== 'number' || !(pace >= 0 && pace <= MAX_SPEED)) {
      return fail('invalid', `replay: "speed" must be a number from 0 to ${MAX_SPEED}`);
    }
    if (captions > 0) return fail('invalid', 'replay: this session already has captions');
    const stored = await getCall(opts.db, user, callId);
    if (!stored) return fail('not-found', `replay: no call ${callId} that you may see`);
    const content = await getCallContent(opts.db, user, callId);
    if (!content) return fail('not-found', `replay: no call ${callId} that you may see`);
    const list = captionsOf(content.content, stored.title);
    // replayed with the rep the stored analysis found, so the cards are that call's walk-points
    rep = stored.analysis.speakers.filter((s) => s.role === 'rep').map((s) => s.name);
    session = new LiveSession({ rep });
    title = `Replay of ${stored.title}`;
    // saved for the stored call's rep (the viewer may see them: they may see the call)
    repId = stored.repUserId;
    replaying = true;
    send({ type: 'replay', callId, title, captions: list.length, speed: pace, rep });
    // played apart from the message queue, so that "end" can stop it
    void play(list, pace).catch(() => fail('internal', 'replay: the server failed on it'));
  };

  const play = async (list: LiveUtterance[], pace: number) => {
    let prev: LiveUtterance | undefined;
    for (const u of list) {
      const wait =
        pace === 0 || !prev || prev.start === undefined || u.start === undefined
          ? 0
          : ((u.start - prev.start) * 1000) / pace;
      // yield to the socket between captions even at full speed, so a close is seen
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (over || socket.readyState !== OPEN) return;
      take(u);
      prev = u;
    }
    await finish();
  };

  /** One message: a caption, a replay request, or the end of the call. */
  const handle = async (data: Buffer, binary: boolean, where: string) => {
    if (over) return;
    if (binary) return fail('invalid', `${where}: send JSON text, not binary`);
    let msg: Record<string, unknown>;
    try {
      const value = JSON.parse(data.toString('utf8'));
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error();
      msg = value;
    } catch {
      return fail('invalid', `${where}: not a JSON object`);
    }
    const type = msg.type ?? 'caption';
    if (type === 'end') return finish();
    if (replaying) return fail('invalid', `${where}: a replay is playing; captions are not taken`);
    if (type === 'replay') return replay(msg.callId, msg.speed);
    if (type !== 'caption') {
      return fail(
        'invalid',
        `${where}: unknown "type" ${JSON.stringify(type)}; use caption, replay or end`,
      );
    }
    take(toCaption(msg));
  };

  socket.on('message', (data, binary) => {
    const where = `message ${++n}`;
    // one message at a time, in the order sent
    queue = queue
      .then(() => handle(data, binary, where))
      .catch((e) => {
        if (isWalkpointError(e) || e instanceof ApiError) {
          return fail(e.code, `${where}: ${e.message}`);
        }
        fail('internal', `${where}: the server failed on it; the session goes on`);
      });
  });
  socket.on('close', () => {
    if (over) return;
    if (replaying) {
      // a replay stopped early is only a demo: nothing of the rep's to keep
      over = true;
      return;
    }
    // A live call whose connection dropped (a closed lid, a lost network) is kept as far as
    // it went, after any captions still queued, under a title that says so.
    queue = queue
      .then(() => (over ? undefined : save(`${title} (connection lost)`)))
      .catch(() => undefined);
  });
}
