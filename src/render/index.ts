/** Renderers: they only read an Analysis and format it; they never decide anything. */
import type { Analysis } from '../core/types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export { escapeHtml, renderHtml } from './html.js';
export { renderJson } from './json.js';
export { escapeMarkdown, renderMarkdown } from './markdown.js';
export { type BankEntry, renderQuestionBank } from './questions.js';
export { renderSummaryTable, type SummaryRow, summaryRow } from './summary.js';
export { renderText, type TextOptions } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** File extension of a written report per format. */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = {
  text: 'txt',
  json: 'json',
  md: 'md',
  html: 'html',
};

/** One report in the given format; `color` applies to text only. */
export function renderReport(
  a: Analysis,
  format: ReportFormat,
  options: { color: boolean },
): string {
  switch (format) {
    case 'text':
      return renderText(a, options);
    case 'json':
      return `${renderJson(a)}\n`;
    case 'md':
      return renderMarkdown(a);
    case 'html':
      return renderHtml(a);
  }
}
