/** Small shared pieces: badges, the response-mix bar, messages, pagination. */
import type { ReactNode } from 'react';
import { pageWords } from '../paging';
import { navigate } from '../router';
import { RESPONSE_COLOR, RESPONSE_KINDS, RESPONSE_LABEL, RESPONSE_TONE, scoreTone } from '../vocab';

export function ResponseBadge({ kind }: { kind: string }) {
  return (
    <span className={`badge tone-${RESPONSE_TONE[kind] ?? 'none'}`}>
      {RESPONSE_LABEL[kind] ?? kind}
    </span>
  );
}

/** A moment's grade, or "Unsure: review" when the engine does not believe its own grade. */
export function GradeBadge({
  moment,
}: {
  moment: { needsReview?: boolean; reviewReason?: string; response: { kind: string } };
}) {
  if (moment.needsReview) {
    return (
      <span className="badge tone-none unsure" title={moment.reviewReason}>
        Unsure: review
      </span>
    );
  }
  return <ResponseBadge kind={moment.response.kind} />;
}

export function ScorePill({ score, large = false }: { score: number; large?: boolean }) {
  return (
    <span
      className={`score tone-${scoreTone(score)}${large ? ' score-large' : ''}`}
      title="Willing to walk, 0-100"
    >
      {Math.round(score)}
    </span>
  );
}

/** A thin stacked bar of moments by response kind, with a tooltip. */
export function MixBar({ mix, wide = false }: { mix: Record<string, number>; wide?: boolean }) {
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  if (total === 0) return <span className="muted">none</span>;
  const title = RESPONSE_KINDS.filter((k) => mix[k])
    .map((k) => `${RESPONSE_LABEL[k]}: ${mix[k]}`)
    .join(', ');
  return (
    <span
      className={`mixbar${wide ? ' mixbar-wide' : ''}`}
      title={title}
      role="img"
      aria-label={title}
    >
      {RESPONSE_KINDS.filter((k) => mix[k]).map((k) => (
        <span key={k} style={{ flexGrow: mix[k], background: RESPONSE_COLOR[k] }} />
      ))}
    </span>
  );
}

export function Legend() {
  return (
    <div className="legend">
      {RESPONSE_KINDS.map((k) => (
        <span key={k}>
          <i style={{ background: RESPONSE_COLOR[k] }} />
          {RESPONSE_LABEL[k]}
        </span>
      ))}
    </div>
  );
}

export function ErrorBox({ children }: { children: ReactNode }) {
  return (
    <div className="error-box" role="alert">
      {children}
    </div>
  );
}

export function Loading() {
  return <div className="loading">Loading…</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** An in-app link: a real <a> (middle-click works) that navigates without a reload. */
export function Link({
  to,
  children,
  className,
}: {
  to: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <a
      href={to}
      className={className}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function Pagination({
  page,
  pageSize,
  total,
  capped = false,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** More matched than were counted: `total` is a lower bound, shown as "10,000+". */
  capped?: boolean;
  onPage(p: number): void;
}) {
  const words = pageWords(page, pageSize, total, capped);
  return (
    <div className="pagination">
      <span className="muted">{words.range}</span>
      <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span>{words.pages}</span>
      <button
        type="button"
        className="btn"
        disabled={!words.hasNext}
        onClick={() => onPage(page + 1)}
      >
        Next →
      </button>
    </div>
  );
}

/**
 * A text box opened to be typed in at once: Ctrl+Enter (Cmd+Enter) sends its form, Escape
 * gives up.
 */
export function DraftBox({
  label,
  value,
  onChange,
  onCancel,
  rows,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  onCancel(): void;
  rows: number;
}) {
  return (
    <textarea
      // biome-ignore lint/a11y/noAutofocus: the box was opened (Edit, Reply) to be typed in
      autoFocus
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
      }}
      rows={rows}
      maxLength={4000}
    />
  );
}
