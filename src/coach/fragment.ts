/**
 * The prospect's words the coach can say back ("{quote}" in a question-bank entry): one whole
 * sentence of the trigger quote, fillers and throat-clearing removed. A sentence is never cut to
 * fit: when the first sentence with substance is too long (an unpunctuated run-on, say), holds
 * markup or stumbles, there is nothing to say back, and the coach uses a move without the
 * prospect's words (`quoteFragment` returns undefined).
 */

/** The longest sentence the coach says back, in words. */
const MAX_WORDS = 12;

const wordSet = (list: string): Set<string> => new Set(list.split(' '));

/** Hesitations and verbal tics that never belong in a quote. */
const FILLERS = [
  /\b(?:u+m+|u+h+|uhm+|e+r+m*|hmm+|mm+|ah+)\b,?/gi,
  /(?<!\bso )\byou know\b,?/gi,
  /\bI mean\b,/gi,
  /\blike,/gi,
];

/** Openers that carry no content: stripped from the front of a clause, repeatedly. */
const LEAD_IN =
  /^(?:well|so|okay|ok|wow|oof|alright|hey|hi|look|listen|honestly|frankly|basically|actually|anyway|yeah|yes|yep|no|sure|right|and|but|oh|see|now|i mean|just so you know|to be honest|if i'm honest|in fairness|no offen[cs]e|i'll be (?:honest|straight|frank)(?: with you)?|here's the thing|the thing is|here's what i'd want|let me be (?:honest|clear))\b[\s,]*/i;

/** Words that join clauses: a sentence said back never starts or ends on one. */
const CLAUSE_BREAKS = wordSet('and but so because or which otherwise then');

/** Words a whole thought does not end on. */
const DANGLING = wordSet(
  'a an the to of and or but for with in on at by my our your their his her is are was be if so than as from about just really very next last more some under over like',
);

/** Words that make a poor first word for a mirror ("me the deck?" -> "the deck?"). */
const MIRROR_SKIP = wordSet(
  'me us him them it you i we to of and or but so for with if is are was be just really very',
);

/** Sentence-initial words that are safe to lower-case (unlike names: "Brenner has been..."). */
const COMMON_STARTS = wordSet(
  "we we're we've we'd we'll let's you you're you've you'd you'll they they're they've it it's that that's this there there's the our your my just send give let call try can could would should will need not maybe put match make email ping every everybody nobody nothing any anything way too price spend what why how if unless even all no don't can't won't a an some do switching get come take show throw sign skip go have has i've",
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

/** Sentences in order, lead-ins stripped; a title's full stop ends none ("Dr. Marsh"). */
function sentences(text: string): { text: string; question: boolean }[] {
  return text
    .split(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof)\.)(?<=[.?!])\s+/)
    .map((s) => ({
      text: stripLeadIns(s.replace(/[.?!;:,\s]+$/, '')),
      question: /\?\s*$/.test(s),
    }))
    .filter((s) => /[a-z]/i.test(s.text));
}

/** Clauses of a sentence, split at punctuation, dashes and the words that join clauses. */
function clausesOf(sentence: string): string[][] {
  const out: string[][] = [[]];
  for (const w of words(sentence.replace(/\s[-–—]+\s|[–—]+/g, ', '))) {
    if (CLAUSE_BREAKS.has(w.toLowerCase()) && out[out.length - 1].length > 0) out.push([]);
    const bare = w.replace(/[,;:]+$/, '');
    if (bare) out[out.length - 1].push(bare);
    if (bare !== w) out.push([]);
  }
  return out.filter((c) => c.length > 0);
}

/** Speech repeated in a stumble ("that's that's a lot"): not words to say back. */
function stumbles(sentence: string[]): boolean {
  const bare = sentence.map((w) => w.toLowerCase().replace(/[^a-z0-9']/g, ''));
  return bare.some((w, i) => i > 0 && w !== '' && w === bare[i - 1]);
}

function lowerFirst(fragment: string): string {
  const first = fragment.split(' ')[0].replace(/[,;:]+$/, '');
  return COMMON_STARTS.has(first.toLowerCase()) && first.slice(1) === first.slice(1).toLowerCase()
    ? fragment[0].toLowerCase() + fragment.slice(1)
    : fragment;
}

/**
 * The first sentence of the quote with substance, as the coach would say it back, and whether it
 * was a question; undefined when there is none fit to say back.
 */
export function sayBack(quote: string): { text: string; question: boolean } | undefined {
  const text = stripFillers(quote.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/"/g, ''));
  // The first sentence with some substance ("Okay, look." has none).
  const pick = sentences(text).find((s) => words(s.text).length >= 2);
  if (!pick) return undefined;
  const said = words(pick.text);
  if (said.length > MAX_WORDS || stumbles(said)) return undefined;
  // bracketed tags, emoticons and the like are not speech
  if (/[[\]{}<>|@#*_~^=\\]|:\)|:\(|\p{Extended_Pictographic}/u.test(pick.text)) return undefined;
  // a piece of a thought starts on a connective or ends on one ("by Friday, or")
  const last = said[said.length - 1].toLowerCase();
  if (CLAUSE_BREAKS.has(said[0].toLowerCase()) || DANGLING.has(last) || CLAUSE_BREAKS.has(last)) {
    return undefined;
  }
  return { text: lowerFirst(said.join(' ')), question: pick.question };
}

/** The sentence a `{quote}` holds; a question said back inside a sentence reads oddly. */
export function quoteFragment(quote: string): string | undefined {
  const said = sayBack(quote);
  return said && !said.question ? said.text : undefined;
}

/** Pronouns that end an ask a mirror can echo whole ("send me something"). */
const INDEFINITE = wordSet('something anything everything');

/** Words that open the noun phrase a mirror echoes ("the deck", "your cause"). */
const DETERMINERS = wordSet('the a an this that these those your our my their his her its');

/**
 * A mirror repeats the noun phrase that ends the prospect's first clause ("just send me the deck
 * and I'll look" -> "the deck"), the way a negotiator echoes. Undefined when the clause does not
 * end on one ("Sign by Friday"): a verb or an adverb said back reads as a garble ("Asking though?").
 */
export function mirrorOf(fragment: string): string | undefined {
  const clause = clausesOf(fragment).find((c) => c.length >= 2) ?? [];
  // "just send me something" -> "send me something": the ask itself, said back
  if (INDEFINITE.has(clause[clause.length - 1]?.toLowerCase() ?? '')) {
    let tail = clause.slice(-3);
    while (tail.length > 2 && MIRROR_SKIP.has(tail[0].toLowerCase())) tail = tail.slice(1);
    return tail.join(' ');
  }
  for (let i = clause.length - 2; i >= Math.max(0, clause.length - 4); i--) {
    if (!DETERMINERS.has(clause[i].toLowerCase())) continue;
    const tail = clause.slice(i);
    const last = tail[tail.length - 1].toLowerCase();
    if (DANGLING.has(last) || MIRROR_SKIP.has(last) || DETERMINERS.has(last)) return undefined;
    return tail.join(' ');
  }
  return undefined;
}
