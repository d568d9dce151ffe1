/**
 * Corrections on the call page: the dialog a manager overrules the engine with, and the history
 * of a moment's corrections with the rep's replies.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import {
  type Correction,
  type CorrectionAction,
  type CorrectionInput,
  corrections,
  failureMessage,
} from '../../api';
import { correctionHeadline, overruledReading } from '../../corrections';
import { useModalDialog } from '../../hooks';
import {
  RESPONSE_KINDS,
  RESPONSE_LABEL,
  RESPONSE_TONE,
  TRIGGER_CHOICES,
  triggerName,
} from '../../vocab';
import { DraftBox, ErrorBox } from '../ui';

const when = (iso: string) => new Date(iso).toLocaleString();

export const ACTION_TITLE: Record<CorrectionAction, string> = {
  retype: 'Change the trigger',
  regrade: 'Change the grade',
  dismiss: 'Not a walk-point',
  promote: 'Mark a missed walk-point',
};

/** What a correction dialog works on: a moment (or a prospect sentence, to promote). */
export interface CorrectTarget {
  action: CorrectionAction;
  turn: number;
  quote: string;
  speaker: string;
  /** The reading the form starts from (the moment's, or the overruled pattern's kind). */
  start: { trigger: string | null; response: string | null };
  /** The rep's words after the sentence, to grade a promoted moment by. */
  reply?: { speaker: string; text: string };
  /** The moment already at that turn, which a promotion replaces. */
  replaces?: number;
}

/**
 * The manager's correction: one form per action, Enter saves, Escape closes (the dialog's own
 * cancel). Nothing is shown as changed until the server has stored it.
 */
export function CorrectDialog({
  callId,
  target,
  onClose,
  onSaved,
}: {
  callId: number;
  target: CorrectTarget;
  onClose(): void;
  onSaved(c: Correction): void;
}) {
  const { action } = target;
  const [trigger, setTrigger] = useState(target.start.trigger ?? '');
  const [response, setResponse] = useState(target.start.response ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useModalDialog();
  const needsTrigger = action === 'retype' || action === 'promote';
  const needsGrade = action === 'regrade' || action === 'promote';

  // The first control takes the focus, so the keys work at once (the dialog opened on mount).
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-first]')?.focus();
  }, [ref]);

  const unchanged =
    (action === 'retype' && trigger === target.start.trigger) ||
    (action === 'regrade' && response === target.start.response);
  const ready =
    !busy && !unchanged && (!needsTrigger || trigger !== '') && (!needsGrade || response !== '');

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    const [kind, subtype] = trigger.split(':');
    const input: CorrectionInput = { turn: target.turn, action };
    if (action === 'promote') input.quote = target.quote;
    if (needsTrigger) Object.assign(input, { triggerKind: kind, triggerSubtype: subtype ?? null });
    if (needsGrade) input.responseKind = response;
    if (reason.trim()) input.reason = reason.trim();
    try {
      const saved = await corrections.create(callId, input);
      onSaved(saved);
      onClose();
    } catch (err) {
      setError(failureMessage(err));
      setBusy(false);
    }
  };

  // Enter saves from any control but a button (a radio or a select does not submit by itself).
  // Keys 1-6 pick a grade, except while typing the reason.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const t = e.target as HTMLElement;
    const typing = t instanceof HTMLInputElement && t.type === 'text';
    const grade = RESPONSE_KINDS[Number(e.key) - 1];
    if (needsGrade && !typing && grade && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setResponse(grade);
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey || t.tagName === 'BUTTON' || t.tagName === 'TEXTAREA') {
      return;
    }
    e.preventDefault();
    submit();
  };

  return (
    <dialog
      ref={ref}
      className="practice-dialog correct-dialog"
      aria-labelledby="correct-title"
      onClose={onClose}
    >
      <form className="form" onSubmit={submit} onKeyDown={onKeyDown}>
        <h2 id="correct-title">{ACTION_TITLE[action]}</h2>
        <blockquote>
          <span className="quote-who">{target.speaker}:</span> “{target.quote}”
        </blockquote>
        {action === 'dismiss' && (
          <p className="small">
            The moment stops counting in the score, the team’s figures and the coaching queue. It
            stays listed, so it can be undone.
          </p>
        )}
        {action === 'promote' && target.replaces !== undefined && (
          <p className="small muted">
            Moment {target.replaces} is on this turn already: this sentence takes its place.
          </p>
        )}
        {needsTrigger && (
          <label>
            Trigger
            <select data-first value={trigger} onChange={(e) => setTrigger(e.target.value)}>
              {trigger === '' && <option value="">Choose the trigger…</option>}
              {TRIGGER_CHOICES.map((g) => (
                <optgroup key={g.kind} label={triggerName(g.kind)}>
                  {g.values.map((v) => {
                    const [k, s] = v.split(':');
                    return (
                      <option key={v} value={v}>
                        {triggerName(k, s)}
                      </option>
                    );
                  })}
                </optgroup>
              ))}
            </select>
          </label>
        )}
        {needsGrade && (
          <fieldset className="grade-choice">
            <legend>What the rep did</legend>
            {target.reply ? (
              <blockquote className="evidence">
                <span className="quote-who rep-who">{target.reply.speaker}:</span> “
                {target.reply.text.length > 300
                  ? `${target.reply.text.slice(0, 300)}…`
                  : target.reply.text}
                ”
              </blockquote>
            ) : (
              action === 'promote' && <p className="small muted">The rep did not reply.</p>
            )}
            <div className="grade-options">
              {RESPONSE_KINDS.map((k, i) => (
                <label
                  key={k}
                  className={`check grade-option tone-${RESPONSE_TONE[k]}${response === k ? ' on' : ''}`}
                >
                  <input
                    type="radio"
                    name="grade"
                    value={k}
                    checked={response === k}
                    onChange={() => setResponse(k)}
                    // the checked grade takes the focus (the first one when none is): arrows move
                    {...((response ? response === k : i === 0) && !needsTrigger
                      ? { 'data-first': true }
                      : {})}
                  />
                  <kbd>{i + 1}</kbd> {RESPONSE_LABEL[k]}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <label>
          Reason (optional)
          <input
            {...(action === 'dismiss' ? { 'data-first': true } : {})}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            placeholder={
              action === 'dismiss' ? 'e.g. small talk, not a real stall' : 'Why, for the rep'
            }
          />
        </label>
        {error && <ErrorBox>{error}</ErrorBox>}
        <div className="practice-dialog-actions">
          <span className="muted small dialog-keys">
            {needsGrade && (
              <>
                <kbd>1</kbd>–<kbd>6</kbd> grade ·{' '}
              </>
            )}
            <kbd>Enter</kbd> saves · <kbd>Esc</kbd> closes
          </span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={`btn ${action === 'dismiss' ? 'btn-danger' : 'btn-primary'}`}
            disabled={!ready}
          >
            {action === 'dismiss' ? 'Not a walk-point' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * A moment's corrections, newest first: the one in force on top, undone ones struck. Everyone
 * who can see the call reads them; the rep and the managers can reply.
 */
export function CorrectionHistory({
  history,
  activeId,
  coach,
  onUndo,
  onChanged,
}: {
  history: Correction[];
  activeId: number | null;
  coach: boolean;
  onUndo(c: Correction): void;
  onChanged(): void;
}) {
  // the list comes oldest first; shown newest first
  const oldestFirst = [...history].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  );
  const newestFirst = [...oldestFirst].reverse();
  const headline = (c: Correction) => correctionHeadline(c, overruledReading(c, oldestFirst));
  return (
    <ul className="corrections">
      {newestFirst.map((c) => (
        <li
          key={c.id}
          className={`correction${c.revertedAt ? ' reverted' : ''}${c.id === activeId ? ' active' : ''}`}
        >
          <div className="correction-head">
            {c.revertedAt ? <s>{headline(c)}</s> : <strong>{headline(c)}</strong>}
          </div>
          {c.reason && <p className="correction-reason">“{c.reason}”</p>}
          <div className="muted small">
            {when(c.createdAt)}
            {c.revertedAt && ` · undone ${when(c.revertedAt)}`}
          </div>
          {coach && c.id === activeId && (
            <button
              type="button"
              className="btn btn-small"
              aria-keyshortcuts="u"
              onClick={() => onUndo(c)}
            >
              Undo <kbd>u</kbd>
            </button>
          )}
          {c.replies.length > 0 && (
            <ul className="replies">
              {c.replies.map((r) => (
                <li key={r.id}>
                  <strong>{r.authorName}</strong>{' '}
                  <span className="muted small">{when(r.createdAt)}</span>
                  <p>{r.body}</p>
                </li>
              ))}
            </ul>
          )}
          {!c.revertedAt && <ReplyForm correction={c} onSent={onChanged} />}
        </li>
      ))}
    </ul>
  );
}

function ReplyForm({ correction, onSent }: { correction: Correction; onSent(): void }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await corrections.reply(correction.id, body.trim());
      setBody('');
      setOpen(false);
      onSent();
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(true)}>
        Reply
      </button>
    );
  }
  return (
    <form className="note-form" onSubmit={send}>
      <DraftBox
        label="Reply to the correction"
        value={body}
        onChange={setBody}
        onCancel={() => setOpen(false)}
        rows={2}
      />
      {error && <ErrorBox>{error}</ErrorBox>}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || !body.trim()}>
          Send reply
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
