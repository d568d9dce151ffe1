import { api, type QuestionEntry, query } from '../api';
import { Empty, ErrorBox } from '../components/ui';
import { useAsync, useDebounced } from '../hooks';
import { useQuery } from '../router';
import {
  quoted,
  TECHNIQUE_LABEL,
  TRIGGER_KINDS,
  TRIGGER_LABEL,
  TRIGGER_SUBTYPES,
  triggerName,
} from '../vocab';

export function QuestionsPage() {
  // the filters live in the URL: a reload or a copied link shows the same moves
  const [search, setQuery] = useQuery();
  const trigger = search.get('trigger') ?? '';
  const text = search.get('q') ?? '';
  const q = useDebounced(text);
  const list = useAsync(
    () => api.get<QuestionEntry[]>(`/questions${query({ trigger, q })}`),
    [trigger, q],
  );

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Question bank</h1>
          <p className="muted">
            What to say, ask or do at a walk-point when there is no sale left to lose.
          </p>
        </div>
      </div>
      <section className="card filters">
        <div className="filter-row">
          <input
            type="search"
            className="search"
            placeholder="Search moves…"
            aria-label="Search the question bank"
            value={text}
            onChange={(e) => setQuery({ q: e.target.value })}
          />
          <select
            aria-label="Trigger"
            value={trigger}
            onChange={(e) => setQuery({ trigger: e.target.value }, { push: true })}
          >
            <option value="">Every trigger</option>
            {TRIGGER_KINDS.map((k) => (
              <optgroup key={k} label={TRIGGER_LABEL[k]}>
                <option value={k}>All {TRIGGER_LABEL[k].toLowerCase()}s</option>
                {TRIGGER_SUBTYPES[k].map((s: string) => (
                  <option key={s} value={`${k}:${s}`}>
                    {triggerName(k, s)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <span className="muted">{list.data ? `${list.data.length} moves` : ''}</span>
        </div>
      </section>
      {list.error && <ErrorBox>{list.error}</ErrorBox>}
      {list.data?.length === 0 && <Empty>No move matches.</Empty>}
      <div className="question-grid">
        {(list.data ?? []).map((e) => (
          <article key={e.id} className="card question">
            <div className="question-tags">
              <span className="tag">{triggerName(e.trigger, e.subtype)}</span>
              <span className="tag tag-technique">
                {TECHNIQUE_LABEL[e.technique] ?? e.technique}
              </span>
            </div>
            <p className="question-text">{quoted(e.text.replace('{quote}', '…'))}</p>
            <p className="muted small">{e.why}</p>
          </article>
        ))}
      </div>
    </div>
  );
}
