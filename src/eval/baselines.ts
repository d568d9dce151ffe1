/**
 * The baselines every eval table shows beside the engine, measured in the same run: if the
 * engine does not beat these, its rules are not earning their keep.
 */

/** Questions: "contains a question mark". */
export function questionMarkBaseline(text: string): boolean {
  return text.includes('?');
}

/** Triggers: "everything the prospect says is a trigger". */
export function everythingBaseline(): boolean {
  return true;
}

/**
 * Triggers: a plain keyword list, the first thing anyone would write. Each keyword names the
 * trigger kind it stands for.
 */
const KEYWORDS: [RegExp, string][] = [
  [/\b(send|email|brochure|deck|information)\b/i, 'stall:info'],
  [/\bthink (about|it over)\b/i, 'stall:think'],
  [/\b(later|next (month|quarter|year)|not now)\b/i, 'stall:later'],
  [/\b(expensive|price|afford|cost|cheaper|budget)\b/i, 'objection:price'],
  [/\b(boss|manager|approval|decision)\b/i, 'objection:authority'],
  [
    /\b(already (have|use)|current (vendor|provider|supplier)|happy with)\b/i,
    'objection:incumbent',
  ],
  [/\b(don'?t need|no need|not interested)\b/i, 'objection:need'],
  [/\b(trust|scam|reviews|proof)\b/i, 'objection:trust'],
  [/\b(busy|minutes|quick)\b/i, 'brush-off'],
  [/\b(confidential|won'?t share|can'?t share)\b/i, 'withholding'],
  [/\b(discount|free|match|or we)\b/i, 'demand:concession'],
];

export function keywordBaseline(text: string): string[] {
  return KEYWORDS.filter(([re]) => re.test(text)).map(([, kind]) => kind);
}
