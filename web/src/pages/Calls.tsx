import { api, type CallSummary, query, type User } from '../api';
import { type CallsFilters, callsView, defaultOrder, NO_FILTERS, type Sort } from '../callsView';
import {
  Empty,
  ErrorBox,
  Legend,
  Link,
  MixBar,
  Pagination,
  ResponseBadge,
  ScorePill,
} from '../components/ui';
import { useAsync, useDebounced } from '../hooks';
import { navigate, useQuery } from '../router';
import { useSession } from '../session';
import {
  clock,
  RESPONSE_KINDS,
  RESPONSE_LABEL,
  TRIGGER_KINDS,
  TRIGGER_LABEL,
  worstResponse,
} from '../vocab';

function toggle(list: string[], v: string): string[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function CallsPage() {
  const { user } = useSession();
  const [search, setQuery] = useQuery();
  const { f, sort, order, page } = callsView(search);
  const q = useDebounced(f.q);
  /** A filter changes: back to the first page. Typing replaces the history entry. */
  const set = (patch: Partial<Record<keyof CallsFilters, string>>, typing = false) =>
    setQuery({ ...patch, page: null }, { push: !typing });
  const setPage = (p: number) => setQuery({ page: p > 1 ? p : null }, { push: true });

  const users = useAsync(() => api.get<User[]>('/users'), []);
  const reps = (users.data ?? []).filter((u) => u.role === 'rep' || u.id === user.id);
  const list = useAsync(
    () =>
      api.get<{
        items: CallSummary[];
        total: number;
        totalCapped?: boolean;
        page: number;
        pageSize: number;
      }>(
        `/calls${query({
          q,
          rep: f.rep,
          from: f.from,
          to: f.to,
          minScore: f.minScore,
          maxScore: f.maxScore,
          response: f.response.join(','),
          trigger: f.trigger.join(','),
          sort,
          order,
          page,
          pageSize: 20,
        })}`,
      ),
    [
      q,
      f.rep,
      f.from,
      f.to,
      f.minScore,
      f.maxScore,
      f.response.join(),
      f.trigger.join(),
      sort,
      order,
      page,
    ],
  );

  const header = (key: Sort, label: string) => (
    <th aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="th-sort"
        onClick={() => {
          const next = sort === key ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(key);
          setQuery(
            {
              sort: key === 'date' ? null : key,
              order: next === defaultOrder(key) ? null : next,
              page: null,
            },
            { push: true },
          );
        }}
      >
        {label}
        <span className="sort-arrow">{sort === key ? (order === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </th>
  );

  const filtersOn = Object.values(f).some((v) => v.length > 0);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Calls</h1>
          <p className="muted">Every call you can see, with its walk-point moments graded.</p>
        </div>
        <Link to="/upload" className="btn btn-primary">
          Upload calls
        </Link>
      </div>

      <section className="card filters">
        <div className="filter-row">
          <input
            type="search"
            className="search"
            placeholder="Search titles, accounts, reps and transcripts…"
            aria-label="Search calls"
            value={f.q}
            onChange={(e) => set({ q: e.target.value }, true)}
          />
          <select aria-label="Rep" value={f.rep} onChange={(e) => set({ rep: e.target.value })}>
            <option value="">All reps</option>
            {reps.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <label className="inline">
            From
            <input type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label className="inline">
            To
            <input type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <label className="inline">
            Score
            <input
              type="number"
              min={0}
              max={100}
              placeholder="min"
              className="num"
              value={f.minScore}
              onChange={(e) => set({ minScore: e.target.value }, true)}
            />
            –
            <input
              type="number"
              min={0}
              max={100}
              placeholder="max"
              className="num"
              value={f.maxScore}
              onChange={(e) => set({ maxScore: e.target.value }, true)}
            />
          </label>
          {filtersOn && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => setQuery(NO_FILTERS, { push: true })}
            >
              Clear filters
            </button>
          )}
        </div>
        <div className="filter-row">
          <span className="filter-label">Responses</span>
          {RESPONSE_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={`chip chip-${k}${f.response.includes(k) ? ' on' : ''}`}
              aria-pressed={f.response.includes(k)}
              onClick={() => set({ response: toggle(f.response, k).join(',') })}
            >
              {RESPONSE_LABEL[k]}
            </button>
          ))}
        </div>
        <div className="filter-row">
          <span className="filter-label">Triggers</span>
          {TRIGGER_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={`chip${f.trigger.includes(k) ? ' on' : ''}`}
              aria-pressed={f.trigger.includes(k)}
              onClick={() => set({ trigger: toggle(f.trigger, k).join(',') })}
            >
              {TRIGGER_LABEL[k]}
            </button>
          ))}
        </div>
      </section>

      {list.error && <ErrorBox>{list.error}</ErrorBox>}
      <section className={`card table-card${list.loading ? ' is-loading' : ''}`}>
        <div className="calls-legend">
          <span className="muted small">
            The bar beside each moment count shows how the rep responded:
          </span>
          <Legend />
        </div>
        <table className="table calls-table">
          <thead>
            <tr>
              {header('date', 'Date')}
              {header('title', 'Call')}
              {header('account', 'Account')}
              {header('rep', 'Rep')}
              {header('score', 'Score')}
              {header('moments', 'Moments')}
              <th>Worst response</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((c) => {
              const worst = worstResponse(c.responses);
              return (
                <tr key={c.id} className="row-link" onClick={() => navigate(`/calls/${c.id}`)}>
                  <td className="nowrap">{c.callDate}</td>
                  <td>
                    <Link to={`/calls/${c.id}`} className="call-title">
                      {c.title}
                    </Link>
                    <div className="muted small">
                      {c.format.toUpperCase()}
                      {c.durationSeconds ? ` · ${clock(c.durationSeconds)}` : ''}
                      {c.repSpeakers ? ` · ${c.repSpeakers}` : ''}
                      {c.corrections > 0 &&
                        ` · ${c.corrections} correction${c.corrections === 1 ? '' : 's'}`}
                    </div>
                  </td>
                  <td>{c.account ?? <span className="muted">—</span>}</td>
                  <td>{c.repName}</td>
                  <td>
                    <ScorePill score={c.score} />
                  </td>
                  <td>
                    <div className="moments-cell">
                      <span className="count">{c.momentCount}</span>
                      <MixBar mix={c.responses} />
                    </div>
                  </td>
                  <td>
                    {worst ? <ResponseBadge kind={worst} /> : <span className="muted">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {list.data && list.data.items.length === 0 && (
          <Empty>
            {filtersOn
              ? 'No call matches these filters.'
              : 'No calls yet: upload a transcript to begin.'}
          </Empty>
        )}
        {list.data && (
          <Pagination
            page={page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            capped={list.data.totalCapped}
            onPage={setPage}
          />
        )}
      </section>
    </div>
  );
}
