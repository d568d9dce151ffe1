import { useMemo } from 'react';
import type uPlot from 'uplot';
import { api, type QueueItem, query, type TeamStats } from '../api';
import { Chart } from '../components/Chart';
import { Empty, ErrorBox, GradeBadge, Legend, Link, Loading, MixBar } from '../components/ui';
import { useAsync } from '../hooks';
import { useQuery } from '../router';
import { percent, triggerName } from '../vocab';

const SERIES_COLORS = [
  '#2563eb',
  '#9333ea',
  '#0d9488',
  '#ea580c',
  '#db2777',
  '#65a30d',
  '#0891b2',
  '#4f46e5',
];

const RANGES = [
  { weeks: 4, label: '4 weeks' },
  { weeks: 8, label: '8 weeks' },
  { weeks: 26, label: '6 months' },
  { weeks: 0, label: 'All time' },
];

function weeksAgo(n: number): string | undefined {
  if (!n) return undefined;
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - n * 7);
  return d.toISOString().slice(0, 10);
}

/** uPlot wants aligned columns: x (seconds) and one y column per rep, null where no calls. */
function trendData(stats: TeamStats): {
  data: uPlot.AlignedData;
  options: Omit<uPlot.Options, 'width' | 'height'>;
} {
  const xs = stats.weeks.map((w) => Date.parse(`${w}T00:00:00Z`) / 1000);
  const ys = stats.reps.map((r) => {
    const byWeek = new Map(r.trend.map((t) => [t.week, t.avgScore]));
    return stats.weeks.map((w) => byWeek.get(w) ?? null);
  });
  return {
    data: [xs, ...ys] as uPlot.AlignedData,
    options: {
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: [
        { stroke: '#6b7280', grid: { stroke: '#eef0f4' } },
        { stroke: '#6b7280', grid: { stroke: '#eef0f4' }, label: 'Willing to walk', size: 50 },
      ],
      series: [
        {
          label: 'Week',
          value: (_u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)),
        },
        ...stats.reps.map((r, i) => ({
          label: r.repName,
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          width: 2.5,
          spanGaps: true,
          points: { size: 7, fill: SERIES_COLORS[i % SERIES_COLORS.length] },
        })),
      ],
      legend: { live: true },
    },
  };
}

function questionRateChart(stats: TeamStats) {
  const xs = stats.reps.map((_, i) => i);
  return {
    data: [
      xs,
      stats.reps.map((r) => r.questionRate),
      stats.reps.map((r) => r.toughQuestionRate),
    ] as uPlot.AlignedData,
    options: {
      scales: {
        x: { time: false, range: [-0.6, Math.max(0.6, stats.reps.length - 0.4)] },
        y: { range: [0, 1] },
      },
      axes: [
        {
          stroke: '#6b7280',
          grid: { show: false },
          splits: () => xs,
          values: (_u: uPlot, vals: number[]) => vals.map((v) => stats.reps[v]?.repName ?? ''),
        },
        { stroke: '#6b7280', grid: { stroke: '#eef0f4' }, size: 50 },
      ],
      series: [
        { label: 'Rep', value: (_u: uPlot, v: number) => stats.reps[v]?.repName ?? '' },
        {
          label: 'Questions / rep turn',
          stroke: '#2563eb',
          fill: 'rgba(37,99,235,0.55)',
          paths: barPaths(0.3, -0.17),
          points: { show: false },
        },
        {
          label: 'Tough questions / rep turn',
          stroke: '#16a34a',
          fill: 'rgba(22,163,74,0.6)',
          paths: barPaths(0.3, 0.17),
          points: { show: false },
        },
      ],
    } as Omit<uPlot.Options, 'width' | 'height'>,
  };
}

/** Grouped bars drawn by hand: `width` and `shift` in x units, so two series sit side by side. */
function barPaths(width: number, shift: number): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const path = new Path2D();
    const xs = u.data[0];
    const ys = u.data[seriesIdx];
    for (let i = idx0; i <= idx1; i++) {
      const y = ys[i];
      if (y == null) continue;
      const left = u.valToPos(xs[i] + shift - width / 2, 'x', true);
      const right = u.valToPos(xs[i] + shift + width / 2, 'x', true);
      const top = u.valToPos(y, 'y', true);
      const bottom = u.valToPos(0, 'y', true);
      path.rect(left, top, right - left, bottom - top);
    }
    return { stroke: path, fill: path };
  };
}

export function TeamPage() {
  // the period lives in the URL (`?weeks=26`, 0 for all time): a reload keeps it
  const [search, setQuery] = useQuery();
  const asked = Number(search.get('weeks') ?? 8);
  const weeks = RANGES.some((r) => r.weeks === asked) ? asked : 8;
  const from = weeksAgo(weeks);
  const stats = useAsync(() => api.get<TeamStats>(`/stats${query({ from })}`), [from]);
  const queue = useAsync(() => api.get<QueueItem[]>('/stats/queue?limit=12'), []);
  const trend = useMemo(() => (stats.data ? trendData(stats.data) : undefined), [stats.data]);
  const qrate = useMemo(
    () => (stats.data ? questionRateChart(stats.data) : undefined),
    [stats.data],
  );
  const s = stats.data;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Team</h1>
          <p className="muted">
            Are your reps getting braver? Weekly “willing to walk”, what they do at walk-points, and
            who to coach first.
          </p>
        </div>
        <fieldset className="segmented" aria-label="Period">
          {RANGES.map((r) => (
            <button
              key={r.weeks}
              type="button"
              className={weeks === r.weeks ? 'on' : ''}
              onClick={() => setQuery({ weeks: r.weeks === 8 ? null : r.weeks }, { push: true })}
            >
              {r.label}
            </button>
          ))}
        </fieldset>
      </div>
      {stats.error && <ErrorBox>{stats.error}</ErrorBox>}
      {!s && !stats.error && <Loading />}
      {s && (
        <>
          <div className="kpis">
            <div className="card kpi">
              <div className="kpi-value">{s.totals.calls}</div>
              <div className="muted">calls</div>
            </div>
            <div className="card kpi">
              <div className="kpi-value">{s.totals.moments}</div>
              <div className="muted">walk-point moments</div>
            </div>
            <div className="card kpi">
              <div className="kpi-value">{Math.round(s.totals.avgScore)}</div>
              <div className="muted">average willing to walk</div>
            </div>
            <div className="card kpi">
              <div className="kpi-value">
                {s.totals.moments
                  ? percent((s.totals.responses.challenged ?? 0) / s.totals.moments)
                  : '—'}
              </div>
              <div className="muted">moments challenged</div>
            </div>
          </div>

          <section className="card">
            <h2>Willing to walk, week by week</h2>
            {s.weeks.length === 0 ? (
              <Empty>No calls in this period.</Empty>
            ) : (
              trend && (
                <Chart
                  options={trend.options}
                  data={trend.data}
                  label="Per-rep weekly willing-to-walk trend"
                />
              )
            )}
          </section>

          <div className="two-col">
            <section className="card">
              <h2>Response mix</h2>
              <Legend />
              <table className="table compact">
                <tbody>
                  {s.reps.map((r) => (
                    <tr key={r.repUserId}>
                      <td className="nowrap">{r.repName}</td>
                      <td className="wide">
                        <MixBar mix={r.responses} wide />
                      </td>
                    </tr>
                  ))}
                  <tr className="total-row">
                    <td>Team</td>
                    <td className="wide">
                      <MixBar mix={s.totals.responses} wide />
                    </td>
                  </tr>
                </tbody>
              </table>
            </section>
            <section className="card">
              <h2>Talk share and questions</h2>
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Rep</th>
                    <th>Calls</th>
                    <th>Talk share</th>
                    <th>Questions / turn</th>
                    <th>Avg score</th>
                  </tr>
                </thead>
                <tbody>
                  {s.reps.map((r) => (
                    <tr key={r.repUserId}>
                      <td>{r.repName}</td>
                      <td>{r.calls}</td>
                      <td>
                        <div className="talk">
                          <div className="meter">
                            <span
                              className={r.talkShare > 0.6 ? 'warn' : ''}
                              style={{ width: percent(r.talkShare) }}
                            />
                          </div>
                          {percent(r.talkShare)}
                        </div>
                      </td>
                      <td>{r.questionRate.toFixed(2)}</td>
                      <td>{Math.round(r.avgScore)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {qrate && s.reps.length > 0 && (
                <Chart
                  options={qrate.options}
                  data={qrate.data}
                  height={190}
                  label="Question rate per rep"
                />
              )}
            </section>
          </div>
        </>
      )}

      <section className="card">
        <h2>Coaching queue: the worst moments of the last 7 days</h2>
        {queue.error && <ErrorBox>{queue.error}</ErrorBox>}
        {queue.data?.length === 0 && <Empty>Nothing left to review from the last 7 days.</Empty>}
        <ul className="queue">
          {(queue.data ?? []).map((q) => (
            <li key={q.momentId}>
              <Link to={`/calls/${q.callId}?m=${q.momentIdx}`} className="queue-item">
                <GradeBadge
                  moment={{ needsReview: q.needsReview, response: { kind: q.responseKind } }}
                />
                <div className="queue-body">
                  <div>
                    <strong>{q.repName}</strong> · {triggerName(q.triggerKind, q.triggerSubtype)} ·{' '}
                    <span className="muted">
                      {q.callTitle}, {q.callDate}
                    </span>
                  </div>
                  <div className="queue-quote">“{q.triggerQuote}”</div>
                  {q.evidence && (
                    <div className="muted small">
                      Rep: “{q.evidence.slice(0, 160)}
                      {q.evidence.length > 160 ? '…' : ''}”
                    </div>
                  )}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
