/** A manager's "Assign" dialog: a scenario, a rep of their team, an optional due date. */
import { type FormEvent, useState } from 'react';
import { ApiFailure, type PracticeScenario, practiceApi, type User } from '../../api';
import { useModalDialog } from '../../hooks';
import { ErrorBox } from '../ui';

export function AssignDialog({
  scenarios,
  reps,
  initialScenario,
  onClose,
  onAssigned,
}: {
  scenarios: PracticeScenario[];
  reps: User[];
  initialScenario?: string;
  onClose(): void;
  onAssigned(): void;
}) {
  const [scenario, setScenario] = useState(initialScenario ?? scenarios[0]?.name ?? '');
  const [repId, setRepId] = useState(reps[0] ? String(reps[0].id) : '');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useModalDialog();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await practiceApi.assign({ scenario, repId: Number(repId), ...(due ? { due } : {}) });
      onAssigned();
      onClose();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="practice-dialog" aria-labelledby="assign-title" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <h2 id="assign-title">Assign a scenario</h2>
        {error && <ErrorBox>{error}</ErrorBox>}
        <label>
          Scenario
          <select value={scenario} onChange={(e) => setScenario(e.target.value)}>
            {scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {s.title} ({s.difficulty})
              </option>
            ))}
          </select>
        </label>
        <label>
          Rep
          <select value={repId} onChange={(e) => setRepId(e.target.value)}>
            {reps.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Due date
          <input
            type="date"
            value={due}
            min={new Date().toISOString().slice(0, 10)}
            onChange={(e) => setDue(e.target.value)}
          />
        </label>
        <div className="practice-dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !scenario || !repId}>
            Assign
          </button>
        </div>
      </form>
    </dialog>
  );
}
