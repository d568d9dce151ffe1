/**
 * The practice call as a chat: the prospect on the left, the trainee on the right, each reply
 * with its grade chip and (in coach mode) one line of feedback.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { PracticeSession, PracticeTurn } from '../../api';
import { ResponseBadge } from '../ui';
import { feedbackLine, OUTCOME_LABEL, triggerLabel } from './bits';

function Message({ turn, coach }: { turn: PracticeTurn; coach: boolean }) {
  const g = turn.grade;
  return (
    <li className={`practice-msg practice-msg-${turn.role}`}>
      <div className="practice-who">{turn.role === 'rep' ? 'You' : turn.speaker}</div>
      <div className="practice-bubble">{turn.text}</div>
      {turn.role === 'prospect' && coach && turn.trigger && (
        <div className="practice-meta">
          <span className="tag">{triggerLabel(turn.trigger)}</span>
        </div>
      )}
      {g && (
        <div className="practice-meta">
          <ResponseBadge kind={g.response} />
          {g.revealed && <span className="tag tag-technique">Earned: {g.revealed.topic}</span>}
        </div>
      )}
      {g && coach && <div className="practice-feedback">{feedbackLine(g)}</div>}
    </li>
  );
}

export function Chat({
  session,
  coach,
  canReply,
  onReply,
}: {
  session: PracticeSession;
  coach: boolean;
  canReply: boolean;
  onReply(text: string): Promise<void>;
}) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState<string>();
  const end = useRef<HTMLLIElement>(null);
  const turns = session.turns.length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the thread grows
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [turns, pending]);

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const reply = text.trim();
    if (!reply || pending) return;
    setPending(reply);
    setText('');
    try {
      await onReply(reply);
    } catch {
      setText(reply); // keep what they wrote; the page shows the error
    } finally {
      setPending(undefined);
    }
  };

  // Enter sends, Shift+Enter breaks the line: the habit of every chat app.
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <section
      className={`card practice-chat${session.outcome ? ' practice-chat-ended' : ''}`}
      aria-label="Practice call"
    >
      <ol className="practice-thread">
        {session.turns.map((t, i) => (
          // Turns are append-only, so the index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Message key={i} turn={t} coach={coach} />
        ))}
        {pending && (
          <>
            <li className="practice-msg practice-msg-rep practice-pending">
              <div className="practice-who">You</div>
              <div className="practice-bubble">{pending}</div>
            </li>
            <li className="practice-msg practice-msg-prospect">
              <div className="practice-bubble practice-typing">
                <span className="sr-only">The prospect is answering</span>
                <i />
                <i />
                <i />
              </div>
            </li>
          </>
        )}
        {session.outcome && (
          <li className="practice-ended">Call ended · {OUTCOME_LABEL[session.outcome]}</li>
        )}
        <li ref={end} aria-hidden="true" />
      </ol>
      {canReply && !session.outcome && (
        <form className="practice-composer" onSubmit={send}>
          <textarea
            aria-label="Your reply"
            placeholder="What would you say if there were nothing to lose?"
            rows={2}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            disabled={pending !== undefined}
            // biome-ignore lint/a11y/noAutofocus: the reply box is the point of the page
            autoFocus
          />
          <button type="submit" className="btn btn-primary" disabled={!text.trim() || !!pending}>
            Send
          </button>
        </form>
      )}
    </section>
  );
}
