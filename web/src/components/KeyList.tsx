/**
 * `?` on any page but a call's (which lists its own keys) opens the keys that work across the
 * app; `?` again or Escape closes it.
 */
import { useEffect, useState } from 'react';
import { useModalDialog } from '../hooks';

const KEYS: { keys: string[]; what: string }[] = [
  { keys: ['?'], what: 'show or hide this list (on a call: its own keys, j / k between moments)' },
  { keys: ['Tab'], what: 'first stop on every page: Skip to content, past the navigation' },
  { keys: ['Enter'], what: 'practice: send your reply (Shift+Enter for a new line)' },
  { keys: ['Ctrl+Enter'], what: 'a note or a reply: save it' },
  { keys: ['Esc'], what: 'close a dialog, or stop editing a note' },
];

const typing = (el: Element | null) =>
  !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

export function KeyList() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.metaKey || e.ctrlKey || e.altKey) return;
      if (typing(document.activeElement)) return;
      // another dialog owns the keyboard while it is open
      if (!open && document.querySelector('dialog[open]')) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return open ? <KeyDialog onClose={() => setOpen(false)} /> : null;
}

function KeyDialog({ onClose }: { onClose(): void }) {
  const ref = useModalDialog();
  return (
    <dialog ref={ref} className="practice-dialog" aria-labelledby="keys-title" onClose={onClose}>
      <h2 id="keys-title">Keys</h2>
      <ul className="key-list">
        {KEYS.map((k) => (
          <li key={k.what}>
            {k.keys.map((key) => (
              <kbd key={key}>{key}</kbd>
            ))}{' '}
            {k.what}
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
