import type { Analysis, Moment, Turn } from '../core/types.js';
import {
  countsLine,
  formatTime,
  metricRows,
  shownGrade,
  speakerSummary,
  splitBySpans,
  triggerTitle,
} from './view.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** A grade or a count's key in words: `pitched-through` -> "pitched through". */
function plain(label: string): string {
  return label === 'none' ? 'no response' : label.replace(/-/g, ' ');
}

/** `{ caved: 2, 'gave-up': 1 }` -> "caved 2, gave up 1". */
function countsWords(counts: Record<string, number>): string {
  return countsLine(counts)
    .split(', ')
    .map((part) => (part === 'none' ? part : part.replace(/^(\S+)/, (k) => plain(k))))
    .join(', ');
}

/** Speaker colours, assigned in order of first appearance. */
const PALETTE = ['#1f6feb', '#8250df', '#bf3989', '#0a7f6f', '#9a6700', '#57606a'];

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.meta{color:#57606a}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:top}
.score{font-size:28px;font-weight:700}
.transcript{display:flow-root}
.turn{display:flow-root;background:#fff;border-left:4px solid var(--c);padding:6px 10px;border-radius:4px;margin:0 0 6px}
.who{font-weight:600;color:var(--c)}.time{color:#57606a;font-size:13px;margin-right:6px}
.notes{float:right;clear:right;width:40%;margin:0 0 8px 16px;display:flex;flex-direction:column;gap:8px}
@media (max-width:800px){.notes{float:none;width:auto;margin:0 0 8px}}
.moment{background:#fff;border:1px solid #d0d7de;border-top:4px solid var(--g);border-radius:4px;padding:8px 10px;font-size:14px}
.moment h3{margin:0 0 4px;font-size:15px}.moment ul{margin:4px 0;padding-left:18px}
.why{color:#57606a}
mark{background:#fff3b0;padding:0 2px;border-radius:2px}
mark .grade,.badge{font-size:12px;font-weight:600;color:#fff;background:var(--g);border-radius:3px;padding:0 4px;margin-left:4px}
.good{--g:#1a7f37}.warn{--g:#bf8700}.bad{--g:#cf222e}.dim{--g:#8c959f}
`;

/** A standalone HTML report (inline CSS, no scripts, no external assets) a manager can open. */
export function renderHtml(a: Analysis): string {
  const e = escapeHtml;
  // the file's name, not the path it was read from (a path says nothing to the reader and
  // tells whoever receives the report where the sender keeps their files)
  const title = `Walkpoint report: ${fileName(a.source.file) ?? '(input)'}`;
  const colors = speakerColors(a);
  const byTurn = new Map<number, Moment[]>();
  for (const m of a.moments) byTurn.set(m.turn, [...(byTurn.get(m.turn) ?? []), m]);

  const parts = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${e(title)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>${e(title)}</h1>`,
    `<p class="meta">Format: ${e(a.source.format)}, ${a.turns.length} turns, ${a.source.bytes} bytes</p>`,
    '<h2>Speakers</h2><ul>',
    ...a.speakers.map(
      (s) =>
        `<li style="--c:${colors.get(s.name)}"><span class="who">${e(speakerSummary(s))}</span></li>`,
    ),
    '</ul>',
    ...a.warnings.map((w) => `<p class="meta">Warning: ${e(w)}</p>`),
    renderScorecard(a),
    `<h2>Transcript and walk-point moments (${a.moments.length})</h2>`,
    '<div class="transcript">',
    ...a.turns.map((t) => renderTurn(a, t, byTurn.get(t.index) ?? [], colors)),
    '</div>',
    '</main></body></html>',
  ];
  return `${parts.join('\n')}\n`;
}

/** `/home/ana/calls/acme.vtt` -> `acme.vtt` (either slash). */
export function fileName(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  return file.split(/[\\/]/).filter(Boolean).pop() ?? file;
}

function speakerColors(a: Analysis): Map<string, string> {
  const colors = new Map<string, string>();
  for (const name of [...a.speakers.map((s) => s.name), ...a.turns.map((t) => t.speaker)]) {
    if (!colors.has(name)) colors.set(name, PALETTE[colors.size % PALETTE.length]);
  }
  return colors;
}

function renderTurn(a: Analysis, t: Turn, moments: Moment[], colors: Map<string, string>): string {
  const e = escapeHtml;
  const body = splitBySpans(
    t.text,
    moments.map((m) => m.trigger.span),
  )
    .map((p) => {
      if (p.mark === undefined) return e(p.text);
      const m = moments[p.mark];
      const { label: code, tone } = shownGrade(m);
      const label = plain(code);
      return `<mark class="${tone}" title="${e(triggerTitle(m))}">${e(p.text)}<span class="grade">${e(label)}</span></mark>`;
    })
    .join('');
  const time = t.start === undefined ? '' : `<span class="time">${formatTime(t.start)}</span>`;
  // a moment's card floats beside its turn and the following turns flow past it, so a tall card
  // leaves no gap under a short turn and a turn without a card takes the full width
  const notes = moments.map((m) => renderMomentNote(a, m)).join('');
  return [
    notes ? `<aside class="notes">${notes}</aside>` : '',
    `<div class="turn" id="turn-${t.index + 1}" style="--c:${colors.get(t.speaker)}">${time}<span class="who">${e(t.speaker)}</span>: ${body}</div>`,
  ].join('');
}

function renderMomentNote(a: Analysis, m: Moment): string {
  const e = escapeHtml;
  const { label: code, tone } = shownGrade(m);
  const label = plain(code);
  const where = m.response.turn === undefined ? '' : ` (turn ${m.response.turn + 1})`;
  const parts = [
    `<section class="moment ${tone}" id="moment-${a.moments.indexOf(m) + 1}">`,
    `<h3>${e(triggerTitle(m))} <span class="badge">${e(label)}</span></h3>`,
    `<div>${e(m.response.explanation)}</div>`,
  ];
  if (m.needsReview && m.reviewReason) parts.push(`<div class="why">${e(m.reviewReason)}</div>`);
  if (m.response.details) {
    parts.push(`<details><summary>Details</summary>${e(m.response.details)}</details>`);
  }
  if (m.response.evidence) {
    parts.push(`<div class="why">Evidence${where}: &ldquo;${e(m.response.evidence)}&rdquo;</div>`);
  }
  if (m.praise) parts.push(`<div><strong>What worked:</strong> ${e(m.praise)}</div>`);
  if (m.suggestions.length > 0) {
    parts.push('<div><strong>Nothing-to-lose moves:</strong></div><ul>');
    for (const s of m.suggestions) {
      parts.push(`<li>${e(s.text)}<div class="why">${e(s.why)}</div></li>`);
    }
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.join('');
}

function renderScorecard(a: Analysis): string {
  const e = escapeHtml;
  const rows = [
    ...metricRows(a),
    ['Moments by response', countsWords(a.metrics.momentsByResponse)],
    ['Moments by trigger', countsWords(a.metrics.momentsByTrigger)],
  ];
  const moments = a.moments.map(
    (m, i) =>
      `<li><a href="#turn-${m.turn + 1}">${e(triggerTitle(m))}</a> <span class="badge ${shownGrade(m).tone}">${e(plain(shownGrade(m).label))}</span> (turn ${m.turn + 1}) <a href="#moment-${i + 1}">notes</a></li>`,
  );
  return [
    '<h2>Scorecard</h2>',
    `<p><span class="score">${a.score.willingToWalk}/100</span> willing-to-walk score</p>`,
    '<table><tr><th>Component</th><th>Points</th><th>Detail</th></tr>',
    ...a.score.components.map(
      (k) => `<tr><td>${e(k.label)}</td><td>${k.points}/${k.max}</td><td>${e(k.detail)}</td></tr>`,
    ),
    '</table><h2>Metrics</h2><table>',
    ...rows.map(([label, value]) => `<tr><th>${e(label)}</th><td>${e(value)}</td></tr>`),
    '</table>',
    moments.length > 0 ? `<h2>Moments</h2><ol>${moments.join('')}</ol>` : '',
  ].join('\n');
}
