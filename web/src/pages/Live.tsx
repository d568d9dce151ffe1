/**
 * Live: the rep streams captions (typed or pasted) or replays a stored call, and sees cue cards
 * appear beside the running transcript. Talks to /api/v1/live (docs/live.md).
 */
import { useEffect, useRef, useState } from 'react';
import type { LiveCard, LiveEvent, LiveGrade, LiveSummary } from '../../../src/live/events';
import { api, type CallSummary } from '../api';
import { ErrorBox, GradeBadge, Link } from '../components/ui';
import { useAsync } from '../hooks';
import { useSession } from '../session';
import { triggerName } from '../vocab';

interface Caption {
  speaker: string;
  text: string;
  start?: number;
  final: boolean;
}

type ServerMessage =
  | LiveEvent
  | ({ type: 'caption' } & Caption)
  | { type: 'ready' }
  | { type: 'replay'; title: string; captions: number }
  | { type: 'error'; code: string; message: string }
  | (LiveSummary & {
      call?: { id: number; title: string };
      saveError?: { code: string; message: string };
    });

type Summary = Extract<ServerMessage, { type: 'summary' }>;

const MODES = [
  { value: 'stream', label: 'Stream captions' },
  { value: 'replay', label: 'Replay a stored call' },
] as const;

const SPEEDS = [
  { value: 1, label: 'Real pace' },
  { value: 4, label: '4× faster' },
  { value: 16, label: '16× faster' },
  { value: 64, label: '64× faster' },
  { value: 0, label: 'As fast as possible' },
];

function liveUrl(params: Record<string, string>): string {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/live${q.size ? `?${q}` : ''}`;
}

/** "Name: text" lines, as pasted from a caption window. */
function pastedCaptions(text: string, fallback: string): { speaker: string; text: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^([^:]{1,60}):\s*(.+)$/.exec(l);
      return m ? { speaker: m[1].trim(), text: m[2] } : { speaker: fallback, text: l };
    });
}

function Card({ card, grade }: { card: LiveCard; grade?: LiveGrade }) {
  return (
    <article
      className={`card live-card${card.provisional ? ' provisional' : ''}`}
      data-trigger={
        card.trigger.subtype ? `${card.trigger.kind}:${card.trigger.subtype}` : card.trigger.kind
      }
      aria-label={`Walk-point: ${triggerName(card.trigger.kind, card.trigger.subtype)}`}
    >
      <header className="live-card-head">
        <strong>{triggerName(card.trigger.kind, card.trigger.subtype)}</strong>
        {card.provisional && <span className="muted"> · still listening</span>}
      </header>
      <p>
        {card.speaker} {card.trigger.plain}: <q>{card.words}</q>
      </p>
      {card.trigger.explanation && <p className="muted small">Why: {card.trigger.explanation}</p>}
      <p className="small">
        <strong>Ask, with nothing to lose:</strong>
      </p>
      <ol className="live-questions">
        {card.questions.map((q) => (
          <li key={q.id} title={q.why}>
            {q.text}
          </li>
        ))}
      </ol>
      {grade && (
        <p className="live-grade">
          <GradeBadge moment={grade} />{' '}
          {grade.needsReview ? 'Unsure: review your reply.' : grade.line}
        </p>
      )}
    </article>
  );
}

export function LivePage() {
  const { user } = useSession();
  const [mode, setMode] = useState<'stream' | 'replay'>('stream');
  const [rep, setRep] = useState(user.name);
  const [title, setTitle] = useState('');
  const [callId, setCallId] = useState('');
  const [speed, setSpeed] = useState(4);
  const [open, setOpen] = useState(false);
  const [captions, setCaptions] = useState<Caption[]>([]);
  const [cards, setCards] = useState<Map<number, LiveCard>>(new Map());
  const [grades, setGrades] = useState<Map<number, LiveGrade>>(new Map());
  const [errors, setErrors] = useState<string[]>([]);
  const [summary, setSummary] = useState<Summary>();
  const [speaker, setSpeaker] = useState('');
  const [line, setLine] = useState('');
  const [pasted, setPasted] = useState('');
  const socket = useRef<WebSocket | null>(null);
  const calls = useAsync(
    () => api.get<{ items: CallSummary[] }>('/calls?pageSize=100&sort=date'),
    [],
  );

  useEffect(() => () => socket.current?.close(), []);

  const onMessage = (m: ServerMessage) => {
    switch (m.type) {
      case 'caption':
        if (m.final) setCaptions((c) => [...c, m]);
        break;
      case 'card':
        setCards((c) => new Map(c).set(m.turn, m));
        break;
      case 'grade':
        setGrades((g) => new Map(g).set(m.turn, m));
        break;
      case 'retract':
        setCards((c) => {
          const next = new Map(c);
          next.delete(m.turn);
          return next;
        });
        break;
      case 'error':
        setErrors((e) => [...e.slice(-4), m.message]);
        break;
      case 'summary':
        setSummary(m);
        break;
    }
  };

  const start = (first?: object) => {
    setCaptions([]);
    setCards(new Map());
    setGrades(new Map());
    setErrors([]);
    setSummary(undefined);
    const ws = new WebSocket(liveUrl(mode === 'stream' ? { rep, title } : {}));
    socket.current = ws;
    ws.onopen = () => {
      setOpen(true);
      if (first) ws.send(JSON.stringify(first));
    };
    ws.onmessage = (e) => onMessage(JSON.parse(String(e.data)) as ServerMessage);
    ws.onclose = (e) => {
      setOpen(false);
      if (e.code !== 1000)
        setErrors((x) => [...x, 'The live session closed before the call was saved.']);
    };
  };

  const send = (msg: object) => socket.current?.send(JSON.stringify(msg));
  const sendLine = () => {
    if (!line.trim()) return;
    send({ type: 'caption', speaker: speaker.trim() || rep, text: line, final: true });
    setLine('');
  };
  const sendPasted = () => {
    for (const c of pastedCaptions(pasted, rep)) send({ type: 'caption', ...c, final: true });
    setPasted('');
  };

  const shown = [...cards.values()].sort((a, b) => a.turn - b.turn);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Live</h1>
          <p className="muted">
            Cue cards during a call: when the prospect stalls, objects, brushes you off, withholds
            or makes a demand, a card shows what they did and the nothing-to-lose questions to ask
            now. Feed it captions, or replay a stored call for practice and demos. Nothing leaves
            this server.
          </p>
        </div>
      </div>

      {!open && (
        <section className="card live-setup">
          <fieldset className="live-mode">
            <legend>Mode</legend>
            {MODES.map((m) => (
              <label key={m.value} className="check">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === m.value}
                  onChange={() => setMode(m.value)}
                />
                {m.label}
              </label>
            ))}
          </fieldset>
          {mode === 'stream' ? (
            <>
              <label>
                Your name in the captions
                <input value={rep} onChange={(e) => setRep(e.target.value)} />
              </label>
              <label>
                Call title
                <input
                  value={title}
                  placeholder="e.g. Acme discovery call"
                  onChange={(e) => setTitle(e.target.value)}
                />
              </label>
              <button type="button" className="btn btn-primary" onClick={() => start()}>
                Start live session
              </button>
            </>
          ) : (
            <>
              <label>
                Call
                <select
                  aria-label="Call to replay"
                  value={callId}
                  onChange={(e) => setCallId(e.target.value)}
                >
                  <option value="">Choose a call…</option>
                  {(calls.data?.items ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title} ({c.repName}, {c.callDate})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Speed
                <select
                  aria-label="Replay speed"
                  value={speed}
                  onChange={(e) => setSpeed(Number(e.target.value))}
                >
                  {SPEEDS.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!callId}
                onClick={() => start({ type: 'replay', callId: Number(callId), speed })}
              >
                Start replay
              </button>
            </>
          )}
        </section>
      )}

      {open && mode === 'stream' && (
        <section className="card live-input" aria-label="Captions">
          <form
            className="live-line"
            onSubmit={(e) => {
              e.preventDefault();
              sendLine();
            }}
          >
            <label>
              Speaker
              <input
                value={speaker}
                placeholder={rep}
                onChange={(e) => setSpeaker(e.target.value)}
              />
            </label>
            <label className="grow">
              What they said
              <input value={line} onChange={(e) => setLine(e.target.value)} />
            </label>
            <button type="submit" className="btn">
              Send
            </button>
          </form>
          <label>
            Or paste caption lines (“Name: text”, one per line)
            <textarea rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </label>
          <div className="live-actions">
            <button type="button" className="btn" onClick={sendPasted} disabled={!pasted.trim()}>
              Send lines
            </button>
            <button type="button" className="btn btn-primary" onClick={() => send({ type: 'end' })}>
              End call and save
            </button>
          </div>
        </section>
      )}
      {open && mode === 'replay' && (
        <div className="live-actions">
          <span className="muted">Replaying…</span>
          <button type="button" className="btn" onClick={() => send({ type: 'end' })}>
            Stop and save
          </button>
        </div>
      )}

      {errors.length > 0 && (
        <ErrorBox>
          {errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </ErrorBox>
      )}

      {summary && (
        <section className="card live-summary" aria-label="Call over">
          {summary.error ? (
            <p>Call over: no analysis ({summary.error}).</p>
          ) : (
            <p>
              Call over: {summary.analysis?.moments.length ?? 0} walk-points; willing-to-walk score{' '}
              {summary.analysis?.score.willingToWalk}/100. The cards agreed with the call’s analysis
              on {summary.agreement?.matched} of {summary.agreement?.moments}.
            </p>
          )}
          {summary.call && (
            <p>
              Saved: <Link to={`/calls/${summary.call.id}`}>{summary.call.title}</Link>
            </p>
          )}
          {summary.saveError && <ErrorBox>Not saved: {summary.saveError.message}</ErrorBox>}
        </section>
      )}

      <div className="live-board">
        <section className="card live-transcript" aria-label="Transcript">
          <h2>Transcript</h2>
          {captions.length === 0 && <p className="muted">Captions appear here as they come in.</p>}
          <ol>
            {captions.map((c, i) => (
              // captions only ever append, so the position is a stable key
              // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
              <li key={i}>
                <strong>{c.speaker}:</strong> {c.text}
              </li>
            ))}
          </ol>
        </section>
        <section className="live-cards" aria-label="Cue cards" aria-live="polite">
          <h2>Cue cards</h2>
          {shown.length === 0 && <p className="muted">No walk-point yet.</p>}
          {shown.map((c) => (
            <Card key={c.turn} card={c} grade={grades.get(c.turn)} />
          ))}
        </section>
      </div>
    </div>
  );
}
