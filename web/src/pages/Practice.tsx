/**
 * Practice: pick a scenario and role-play the walk-points against a simulated prospect, graded
 * by the same engine as real calls. Managers assign scenarios and see their team's results.
 */
import { useEffect, useState } from 'react';
import {
  ApiFailure,
  api,
  type PracticeAssignment,
  type PracticeScenario,
  type PracticeSession,
  type PracticeSessionSummary,
  practiceApi,
  type User,
} from '../api';
import { AssignDialog } from '../components/practice/AssignDialog';
import {
  DifficultyPill,
  OpennessMeter,
  OutcomeBadge,
  shortDate,
  triggerLabel,
} from '../components/practice/bits';
import { Chat } from '../components/practice/Chat';
import { Debrief } from '../components/practice/Debrief';
import { Empty, ErrorBox, Link, Loading, ScorePill } from '../components/ui';
import { useAsync } from '../hooks';
import { match, navigate, useQuery } from '../router';
import { canCoach, useSession } from '../session';

const message = (e: unknown) =>
  e instanceof ApiFailure || e instanceof Error ? e.message : String(e);

export function PracticePage({ path }: { path: string }) {
  const m = match('/practice/sessions/:id', path);
  if (m) return <PracticeSessionPage key={m.id} id={Number(m.id)} />;
  return <PracticeHome />;
}

/** Starts a session and opens it; shared by the scenario cards and the assignment list. */
function useStart(): [(body: { scenario?: string; assignment?: number }) => void, string?] {
  const [error, setError] = useState<string>();
  const start = (body: { scenario?: string; assignment?: number }) => {
    setError(undefined);
    practiceApi.start(body).then(
      (s) => navigate(`/practice/sessions/${s.id}`),
      (e: unknown) => setError(message(e)),
    );
  };
  return [start, error];
}

const DIFFICULTY_FILTERS = ['all', 'easy', 'medium', 'hard'] as const;

function PracticeHome() {
  const { user } = useSession();
  const manager = canCoach(user);
  const scenarios = useAsync(practiceApi.scenarios, []);
  const mine = useAsync(() => practiceApi.sessions({ limit: 20 }), []);
  const assigned = useAsync(() => practiceApi.assignments('me'), []);
  const [start, startError] = useStart();
  // the difficulty filter lives in the URL (`?level=hard`): a reload keeps it
  const [search, setQuery] = useQuery();
  const level = DIFFICULTY_FILTERS.find((d) => d === search.get('level')) ?? 'all';
  const [assigning, setAssigning] = useState<string | null>(null);
  const [teamTick, setTeamTick] = useState(0);

  const shown = (scenarios.data ?? []).filter((s) => level === 'all' || s.difficulty === level);
  const open = (assigned.data ?? []).filter((a) => a.status !== 'done');

  return (
    <div className="page practice-page">
      <div className="page-head">
        <div>
          <h1>Practice</h1>
          <p className="muted">
            Rehearse the hard moments against a simulated prospect. Challenge well and they open up;
            pitch and they harden; cave and they take it; walk out and the call is over.
          </p>
        </div>
        {manager && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setAssigning(scenarios.data?.[0]?.name ?? '')}
            disabled={!scenarios.data}
          >
            Assign a scenario
          </button>
        )}
      </div>
      {(startError || scenarios.error) && <ErrorBox>{startError ?? scenarios.error}</ErrorBox>}

      {manager && <TeamResults key={teamTick} />}

      {open.length > 0 && (
        <section className="card practice-assigned" aria-label="Assigned to me">
          <h2>Assigned to me</h2>
          <ul className="practice-list">
            {open.map((a) => (
              <li key={a.id}>
                <DifficultyPill difficulty={a.difficulty} />
                <span className="practice-list-title">{a.title}</span>
                <span className="muted small">
                  from {a.assignedByName}
                  {a.dueDate ? ` · due ${a.dueDate}` : ''}
                </span>
                <StatusBadge status={a.status} />
                {a.activeSessionId ? (
                  <Link className="btn btn-small" to={`/practice/sessions/${a.activeSessionId}`}>
                    Resume
                  </Link>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={() => start({ assignment: a.id })}
                  >
                    Start
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="Scenarios">
        <div className="practice-section-head">
          <h2>Scenarios</h2>
          <fieldset className="segmented" aria-label="Difficulty">
            {DIFFICULTY_FILTERS.map((d) => (
              <button
                key={d}
                type="button"
                className={level === d ? 'on' : ''}
                onClick={() => setQuery({ level: d === 'all' ? null : d }, { push: true })}
              >
                {d === 'all' ? 'All' : d}
              </button>
            ))}
          </fieldset>
        </div>
        {scenarios.loading && !scenarios.data && <Loading />}
        <div className="practice-scenarios">
          {shown.map((s) => (
            <ScenarioCard
              key={s.name}
              scenario={s}
              onStart={() => start({ scenario: s.name })}
              onAssign={manager ? () => setAssigning(s.name) : undefined}
            />
          ))}
        </div>
      </section>

      {!(manager && mine.data?.length === 0) && (
        <section className="card table-card" aria-label="Your sessions">
          <h2>Your sessions</h2>
          <SessionsTable
            items={mine.data}
            showRep={false}
            empty="No practice calls yet: pick a scenario above."
          />
        </section>
      )}

      {manager && assigning !== null && scenarios.data && (
        <AssignDialogForTeam
          scenarios={scenarios.data}
          initialScenario={assigning}
          onClose={() => setAssigning(null)}
          onAssigned={() => setTeamTick((t) => t + 1)}
        />
      )}
    </div>
  );
}

function ScenarioCard({
  scenario: s,
  onStart,
  onAssign,
}: {
  scenario: PracticeScenario;
  onStart(): void;
  onAssign?: () => void;
}) {
  return (
    <article className="card practice-scenario" data-scenario={s.name}>
      <div className="practice-scenario-top">
        <DifficultyPill difficulty={s.difficulty} />
        <span className="muted small">
          {s.persona.name}, {s.persona.title} · {s.persona.company}
        </span>
      </div>
      <h3>{s.title}</h3>
      <p className="practice-brief">{s.brief}</p>
      <div className="question-tags">
        {s.triggers.map((t) => (
          <span key={t} className="tag">
            {triggerLabel(t)}
          </span>
        ))}
      </div>
      <div className="practice-scenario-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          onClick={onStart}
          aria-label={`Start: ${s.title}`}
        >
          Start
        </button>
        {onAssign && (
          <button
            type="button"
            className="btn btn-small"
            onClick={onAssign}
            aria-label={`Assign: ${s.title}`}
          >
            Assign…
          </button>
        )}
      </div>
    </article>
  );
}

const STATUS_TONE: Record<PracticeAssignment['status'], string> = {
  open: 'none',
  started: 'soft',
  done: 'good',
  overdue: 'hard',
};

function StatusBadge({ status }: { status: PracticeAssignment['status'] }) {
  return <span className={`badge tone-${STATUS_TONE[status]}`}>{status}</span>;
}

function SessionsTable({
  items,
  showRep,
  empty,
}: {
  items: PracticeSessionSummary[] | undefined;
  showRep: boolean;
  empty: string;
}) {
  if (!items) return <Loading />;
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <table className="table compact practice-sessions">
      <thead>
        <tr>
          {showRep && <th>Rep</th>}
          <th>Scenario</th>
          <th>Outcome</th>
          <th className="num">Score</th>
          <th className="num">Replies</th>
          <th>Date</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            {showRep && <td>{s.repName}</td>}
            <td>
              <Link to={`/practice/sessions/${s.id}`}>{s.title}</Link>
            </td>
            <td>
              <OutcomeBadge outcome={s.outcome} />
            </td>
            <td className="num">{s.score === null ? '—' : <ScorePill score={s.score} />}</td>
            <td className="num">{s.replies}</td>
            <td className="nowrap">{shortDate(s.startedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A manager's view: finished sessions of the team, and the assignments with their status. */
function TeamResults() {
  const { user } = useSession();
  const results = useAsync(() => practiceApi.sessions({ who: 'team', status: 'finished' }), []);
  const assignments = useAsync(() => practiceApi.assignments('team'), []);
  const [error, setError] = useState<string>();
  const others = (results.data ?? []).filter((s) => s.userId !== user.id);

  const withdraw = async (a: PracticeAssignment) => {
    setError(undefined);
    try {
      await practiceApi.unassign(a.id);
      assignments.reload();
    } catch (e) {
      setError(message(e));
    }
  };

  return (
    <>
      <section className="card table-card" aria-label="Team results">
        <h2>Team results</h2>
        <SessionsTable
          items={results.data && others}
          showRep
          empty="No finished practice calls in your team yet."
        />
      </section>
      <section className="card table-card" aria-label="Team assignments">
        <h2>Assignments</h2>
        {error && <ErrorBox>{error}</ErrorBox>}
        {assignments.data && assignments.data.length === 0 && (
          <Empty>Nothing assigned yet. Use “Assign a scenario”.</Empty>
        )}
        {assignments.data && assignments.data.length > 0 && (
          <table className="table compact practice-assignments">
            <thead>
              <tr>
                <th>Rep</th>
                <th>Scenario</th>
                <th>Due</th>
                <th>Status</th>
                <th>Result</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {assignments.data.map((a) => (
                <tr key={a.id}>
                  <td>{a.repName}</td>
                  <td>{a.title}</td>
                  <td className="nowrap">{a.dueDate ?? '—'}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>
                    {a.sessionId ? (
                      <Link to={`/practice/sessions/${a.sessionId}`} className="practice-result">
                        <OutcomeBadge outcome={a.outcome} />
                        {a.score !== null && <ScorePill score={a.score} />}
                      </Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="num">
                    <button
                      type="button"
                      className="btn btn-small btn-ghost btn-danger"
                      onClick={() => withdraw(a)}
                    >
                      Withdraw
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** The dialog with the manager's reps loaded (the people they may see, reps only). */
function AssignDialogForTeam(props: {
  scenarios: PracticeScenario[];
  initialScenario: string;
  onClose(): void;
  onAssigned(): void;
}) {
  const users = useAsync(() => api.get<User[]>('/users'), []);
  if (!users.data) return null;
  const reps = users.data.filter((u) => u.role === 'rep');
  return <AssignDialog {...props} reps={reps} />;
}

const COACH_KEY = 'walkpoint.practice.coach';

function useCoachMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(COACH_KEY) !== 'off');
  useEffect(() => localStorage.setItem(COACH_KEY, on ? 'on' : 'off'), [on]);
  return [on, setOn];
}

function PracticeSessionPage({ id }: { id: number }) {
  const { user } = useSession();
  const loaded = useAsync(() => practiceApi.session(id), [id]);
  const [live, setLive] = useState<PracticeSession>();
  const [error, setError] = useState<string>();
  const [coach, setCoach] = useCoachMode();
  const [start, startError] = useStart();
  const s = live ?? loaded.data;

  if (loaded.error) {
    return (
      <div className="page">
        <ErrorBox>{loaded.error}</ErrorBox>
        <Link to="/practice">← Back to practice</Link>
      </div>
    );
  }
  if (!s) return <Loading />;

  const mine = s.userId === user.id;
  const reply = async (text: string) => {
    setError(undefined);
    try {
      setLive((await practiceApi.reply(s.id, text)).session);
    } catch (e) {
      setError(message(e));
      throw e;
    }
  };
  const p = s.brief.persona;

  return (
    <div className="page practice-page">
      <div className="page-head">
        <div>
          <Link to="/practice" className="back">
            ← Practice
          </Link>
          <h1>{s.title}</h1>
          <p className="muted">
            {mine ? 'Your practice call' : `${s.repName}’s practice call`} ·{' '}
            {/* the seed replays the same prospect: kept for support, out of the way */}
            <span title={`Replay seed ${s.seed}`}>{shortDate(s.startedAt)}</span>
            {s.assignmentId ? ' · assigned' : ''}
          </p>
        </div>
        <label className="check practice-coach-toggle">
          <input type="checkbox" checked={coach} onChange={(e) => setCoach(e.target.checked)} />
          Coach mode
        </label>
      </div>
      {(error || startError) && <ErrorBox>{error ?? startError}</ErrorBox>}

      <div className="practice-grid">
        <div className="practice-main">
          <Chat session={s} coach={coach} canReply={mine} onReply={reply} />
          {s.debrief && <Debrief debrief={s.debrief} prospect={p.name} />}
          {s.debrief && mine && (
            <div className="practice-again">
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => start({ scenario: s.scenario })}
              >
                Practise this again
              </button>
              <Link to="/practice" className="btn">
                Choose another scenario
              </Link>
            </div>
          )}
        </div>
        <aside className="card practice-side" aria-label="The prospect">
          <div className="practice-persona">
            <div className="practice-avatar" aria-hidden="true">
              {p.name
                .split(' ')
                .map((w) => w[0])
                .join('')}
            </div>
            <div>
              <div className="practice-persona-name">{p.name}</div>
              <div className="muted small">
                {p.title}, {p.company}
              </div>
            </div>
          </div>
          <p className="muted small">{p.temperament}</p>
          <div className="panel-section">
            <div className="eyebrow">Openness</div>
            <OpennessMeter value={s.state.openness} />
          </div>
          <div className="panel-section">
            <div className="eyebrow">
              Facts earned · {s.state.earned.length} of {s.state.facts}
            </div>
            <div className="question-tags">
              {s.state.earned.length === 0 && (
                <span className="muted small">None yet: ask the tough questions.</span>
              )}
              {s.state.earned.map((f) => (
                <span key={f.id} className="tag tag-technique">
                  {f.topic}
                </span>
              ))}
            </div>
          </div>
          <div className="panel-section">
            <div className="eyebrow">Status</div>
            <OutcomeBadge outcome={s.outcome} />
          </div>
          <details className="practice-brief-box">
            <summary>The brief</summary>
            <p className="small">{s.brief.brief}</p>
          </details>
        </aside>
      </div>
    </div>
  );
}
