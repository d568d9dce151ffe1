/**
 * Cuts a prospect's trigger quote down to a short, clean fragment the coach can say back
 * ("{quote}" in a question-bank entry): fillers and throat-clearing removed, at most eight words,
 * cut at a clause boundary. Returns undefined when nothing usable is left.
 */

const MAX_WORDS = 8;

const wordSet = (list: string): Set<string> => new Set(list.split(' '));

/** Hesitations and verbal tics that never belong in a quote. */
const FILLERS = [
  /\b(?:u+m+|u+h+|uhm+|e+r+m*|hmm+|mm+|ah+)\b,?/gi,
  /\byou know\b,?/gi,
  /\bI mean\b,/gi,
  /\blike,/gi,
];

/** Openers that carry no content: stripped from the front of a clause, repeatedly. */
const LEAD_IN =
  /^(?:well|so|okay|ok|look|listen|honestly|frankly|basically|actually|anyway|yeah|yes|yep|no|sure|right|and|but|oh|see|now|i mean|to be honest|if i'm honest|in fairness|no offen[cs]e|i'll be (?:honest|straight|frank)(?: with you)?|here's the thing|the thing is|here's what i'd want|let me be (?:honest|clear))\b[\s,]*/i;

/** Words that start a new clause in unpunctuated speech: the best place to cut. */
const CLAUSE_BREAKS = wordSet('and but so because or which otherwise then');

/** Prepositions start a phrase: the next best place to cut ("ten minutes | before my next..."). */
const PHRASE_BREAKS = wordSet(
  'before after by for with in on at to from until about since into than without under over',
);

/** Words a cut fragment should not end on. */
const DANGLING = wordSet(
  'a an the to of and or but for with in on at by my our your their his her is are was be if so than as from about just really very next last more some under over like',
);

/** Words that make a poor first word for a mirror ("me the deck?" -> "the deck?"). */
const MIRROR_SKIP = wordSet(
  'me us him them it you i we to of and or but so for with if is are was be just really very',
);

/** Sentence-initial words that are safe to lower-case (unlike names: "Brenner has been..."). */
const COMMON_STARTS = wordSet(
  "we we're we've we'd we'll you you're you've you'd you'll they they're they've it it's that that's this there there's the our your my just send give let call try can could would should will need not maybe put match make email ping every everybody nobody nothing any anything way too price spend what why how if unless even all no don't can't won't a an some do switching get come take show throw sign skip go have has i've",
);

function stripFillers(text: string): string {
  let out = text;
  for (const re of FILLERS) out = out.replace(re, ' ');
  return out
    .replace(/\s+([,.?!;:])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripLeadIns(clause: string): string {
  let out = clause.trim();
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(LEAD_IN, '').trim();
  }
  return out;
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** Clauses in order, split at punctuation (commas included) and dashes. */
function clauses(text: string): string[] {
  return text
    .split(/[.?!;:,]+|\s[-–—]+\s|[–—]+/)
    .map(stripLeadIns)
    .filter((c) => /[a-z]/i.test(c));
}

/** The last index in min..MAX_WORDS whose word is in `set`: cutting there keeps the most. */
function lastBreak(clause: string[], set: Set<string>, min: number): number {
  for (let i = Math.min(MAX_WORDS, clause.length - 1); i >= min; i--) {
    if (set.has(clause[i].toLowerCase())) return i;
  }
  return -1;
}

/** Cuts an over-long clause at a clause break, else a phrase break, else at the limit. */
function shorten(clause: string[]): string[] {
  if (clause.length <= MAX_WORDS) return clause;
  // A phrase break needs five words before it, or "come in fifteen..." becomes "come".
  const at = [lastBreak(clause, CLAUSE_BREAKS, 3), lastBreak(clause, PHRASE_BREAKS, 5)].find(
    (i) => i > 0,
  );
  let cut = clause.slice(0, at ?? MAX_WORDS);
  while (cut.length > 0 && DANGLING.has(cut[cut.length - 1].toLowerCase())) cut = cut.slice(0, -1);
  return cut;
}

function lowerFirst(fragment: string): string {
  const first = fragment.split(' ')[0];
  return COMMON_STARTS.has(first.toLowerCase()) && first.slice(1) === first.slice(1).toLowerCase()
    ? fragment[0].toLowerCase() + fragment.slice(1)
    : fragment;
}

export function quoteFragment(quote: string): string | undefined {
  const text = stripFillers(quote.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/"/g, ''));
  // The first clause with some substance; a one-word clause ("Spend,") is usually a topic marker.
  const candidates = clauses(text).map(words);
  const pick = candidates.find((c) => c.length >= 2);
  if (!pick) return undefined;
  const cut = shorten(pick);
  if (cut.length < 2 || cut.every((w) => DANGLING.has(w.toLowerCase()))) return undefined;
  return lowerFirst(cut.join(' '));
}

/**
 * A mirror repeats only the last few words ("...give me the price" -> "the price"), the way a
 * negotiator echoes; a leading pronoun or connective is dropped, a determiner kept.
 */
export function mirrorOf(fragment: string): string {
  let tail = words(fragment).slice(-3);
  while (tail.length > 1 && MIRROR_SKIP.has(tail[0].toLowerCase())) {
    tail = tail.slice(1);
  }
  return tail.join(' ');
}
