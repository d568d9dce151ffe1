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

/**
 * Deal evidence: one keyword list per rubric criterion, the first thing anyone would write. A
 * sentence with a keyword is evidence; a call with any is scored 1, without any 0.
 */
const DEAL_KEYWORDS: Record<string, RegExp> = {
  'compelling-reason': /\b(cost(ing|s)?|losing|lost|problem|pain|hurt(ing)?|risk)\b/i,
  'why-now': /\b(deadline|renew(al|s)?|expir(e|es|ing)|urgent|asap|by the end of)\b/i,
  'decision-maker': /\b(decides?|decision|sign(s)? off|approves?|boss|ceo|cfo|owner)\b/i,
  'decision-process': /\b(process|approval|committee|procurement|legal|steps?)\b/i,
  budget: /(\bbudget|\$\d|\bthousand\b|\bgrand\b|\bafford)/i,
  alternatives:
    /\b(competitors?|alternatives?|other (vendors?|options?)|currently use|already (use|have)|in-house)\b/i,
  'next-step': /\b(next step|follow up|meeting|calendar|schedule|next week)\b/i,
};

export function dealKeywordBaseline(criterion: string, sentence: string): boolean {
  return DEAL_KEYWORDS[criterion]?.test(sentence) ?? false;
}
