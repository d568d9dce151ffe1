import pc from 'picocolors';

/** What the question-bank renderer reads from each entry (src/coach `QuestionEntry`). */
export interface BankEntry {
  id: string;
  trigger: string;
  subtype?: string;
  text: string;
  why: string;
  technique: string;
}

/** The question bank as text, grouped by trigger and subtype in the order given. */
export function renderQuestionBank(entries: BankEntry[], options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const groups = new Map<string, BankEntry[]>();
  for (const q of entries) {
    const key = q.subtype ? `${q.trigger}:${q.subtype}` : q.trigger;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  const out: string[] = [];
  for (const [key, group] of groups) {
    out.push(c.bold(`${key} (${group.length})`));
    for (const q of group) {
      // {quote} is filled with the prospect's own words when coaching a real moment
      const text = q.text.replaceAll('{quote}', '<their words>');
      out.push(`  - ${c.cyan(text)} ${c.dim(`[${q.technique}, ${q.id}]`)}`);
      out.push(`    why: ${q.why}`);
    }
    out.push('');
  }
  return out.join('\n');
}
