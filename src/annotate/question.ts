/**
 * Recognises a question from its words, with or without a question mark: speech-to-text
 * output often drops punctuation, and many real questions are declarative in form.
 * Works on a sentence's lower-case normal tokens (punctuation included).
 */

const WH = new Set(['what', 'why', 'how', 'who', 'whom', 'whose', 'where', 'when', 'which']);
const AUX = new Set([
  'do',
  'does',
  'did',
  'is',
  'are',
  'was',
  'were',
  'am',
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'have',
  'has',
  'had',
  'may',
  'might',
  'must',
  'be',
]);
const SUBJECT = new Set([
  'you',
  'we',
  'i',
  'they',
  'he',
  'she',
  'it',
  'that',
  'this',
  'there',
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'your',
  'the',
  'a',
  'an',
  'our',
  'their',
  'his',
  'her',
  'my',
  'any',
  'these',
  'those',
  'everyone',
  'not',
]);
const PRONOUN = new Set([
  'you',
  'we',
  'i',
  'they',
  'he',
  'she',
  'it',
  'there',
  'your',
  'our',
  'their',
]);
/** Two-word fillers that may open a sentence: "you know, do you...", "i mean, is it...". */
const FILLER_PAIRS = [
  ['you', 'know'],
  ['i', 'mean'],
];

/** Words that may open a sentence without changing its form ("so what happens next"). */
const LEAD_IN = new Set([
  'so',
  'and',
  'but',
  'well',
  'okay',
  'ok',
  'um',
  'uh',
  'uh-huh',
  'yeah',
  'now',
  'oh',
  'alright',
  'right',
  'then',
  'just',
  'also',
  'hey',
  'or',
  'like',
  'and,',
  'hmm',
  'huh',
  'gosh',
  'wow',
  'look',
  'listen',
  'honestly',
  'sure',
  'great',
  'cool',
  'i',
]);
const DETERMINER = new Set(['the', 'this', 'that', 'these', 'those', 'our', 'their', 'his', 'her']);
const IRREGULAR_PAST = new Set(
  'gave made got went came took brought told said sent put kept left set thought caught'.split(' '),
);
/** A wh-word followed by one of these opens a clause, not a question ("when I was there"). */
const WH_CLAUSE_NEXT = new Set(['i', 'we', 'they', 'he', 'she', 'it', 'you', 'there', 'that']);
const WH_DIRECT = new Set([
  'much',
  'many',
  'long',
  'come',
  'about',
  'else',
  'exactly',
  'often',
  'soon',
  'far',
  'big',
]);
const TAGS = [
  ['right'],
  ['correct'],
  ['or', 'not'],
  ['or', 'what'],
  ['is', 'not', 'it'],
  ['do', 'not', 'you'],
  ['did', 'not', 'you'],
  ['are', 'not', 'you'],
  ['are', 'not', 'they'],
  ['was', 'not', 'it'],
  ['would', 'not', 'you'],
  ['does', 'not', 'it'],
  ['have', 'not', 'you'],
  ['will', 'not', 'you'],
  ['can', 'not', 'you'],
  ['you', 'know', 'what', 'i', 'mean'],
  ['am', 'i', 'right'],
  ['you', 'mean'],
  ['make', 'sense'],
  ['does', 'that', 'make', 'sense'],
  ['fair'],
  ['agreed'],
];
/** Declarative openers that ask ("I'm curious what...", "walk me through..."). */
const ASKING_OPENERS: string[][] = [
  ['i', 'am', 'curious'],
  ['just', 'curious'],
  ['curious'],
  ['i', 'wonder'],
  ['i', 'was', 'wondering'],
  ['i', 'was', 'just', 'wondering'],
  ['i', 'am', 'just', 'wondering'],
  ['i', 'am', 'wondering'],
  ['wondering'],
  ['walk', 'me', 'through'],
  ['tell', 'me', 'about'],
  ['tell', 'me', 'more'],
  ['tell', 'me', 'how'],
  ['tell', 'me', 'what'],
  ['tell', 'me', 'why'],
  ['help', 'me', 'understand'],
  ['talk', 'me', 'through'],
  ['i', 'would', 'love', 'to', 'know'],
  ['i', 'would', 'love', 'to', 'hear'],
  ['i', 'would', 'like', 'to', 'know'],
  ['i', 'would', 'like', 'to', 'understand'],
  ['mind', 'if', 'i', 'ask'],
  ['can', 'i', 'ask'],
  ['let', 'me', 'ask'],
  ['any', 'chance'],
  ['any', 'idea'],
  ['any', 'thoughts'],
  ['any', 'questions'],
  ['what', 'if'],
  ['you', 'mean'],
  ['how', 'about'],
  ['what', 'about'],
];

/** After "you", words that show an auxiliary was dropped: "you ready", "you ever tried it". */
const ELLIPTICAL = new Set(
  'ever ready still sure okay ok alright free around there done available interested familiar aware kidding serious'.split(
    ' ',
  ),
);

export type QuestionCue =
  | 'question-mark'
  | 'elliptical-question'
  | 'wh-question'
  | 'aux-inversion'
  | 'tag-question'
  | 'asking-opener'
  | 'or-question'
  | 'embedded-question';

/** The next step over a lead-in from word `i` ("so", "you know" before an auxiliary), or -1. */
function leadInStep(words: string[], i: number): number {
  // "you know, do you..." but not the idiom "you know what, ..."
  if (
    i < words.length - 2 &&
    AUX.has(words[i + 2]) &&
    FILLER_PAIRS.some((p) => startsWith(words, i, p))
  ) {
    return i + 2;
  }
  // keep "i" when it starts an asking opener ("i wonder")
  if (i < words.length - 1 && LEAD_IN.has(words[i]) && words[i] !== 'i') return i + 1;
  return -1;
}

/**
 * Where the words from `at` start once lead-ins are skipped. cueAt asks from every clause of a
 * run-on sentence, and "so and so and so..." would make each ask walk the rest of the run: the
 * answers are kept per sentence (cached by the words array), so each word is walked once.
 */
function afterLeadIns(words: string[], at: number): number {
  if (at >= words.length) return at;
  let ends = leadInEnds.get(words);
  if (!ends) {
    ends = new Int32Array(words.length + 1).fill(-1);
    leadInEnds.set(words, ends);
  }
  const path: number[] = [];
  let i = at;
  while (ends[i] < 0) {
    const next = leadInStep(words, i);
    if (next < 0) {
      ends[i] = i;
      break;
    }
    path.push(i);
    i = next;
  }
  for (const p of path) ends[p] = ends[i];
  return ends[i];
}

const leadInEnds = new WeakMap<string[], Int32Array>();

/**
 * Whether a word after position `from` is one of `wanted`: "is there a 'you' later in the
 * sentence". cueAt asks this at every clause of a run-on sentence, so the last position of each
 * word set is found once per sentence (cached by the words array) rather than by a scan each
 * time, which cost the square of a long unpunctuated turn.
 */
function occursFrom(words: string[], from: number, wanted: readonly string[]): boolean {
  let cache = lastPositions.get(words);
  if (!cache) {
    cache = new Map();
    lastPositions.set(words, cache);
  }
  const key = wanted.join(' ');
  let last = cache.get(key);
  if (last === undefined) {
    last = -1;
    for (let j = words.length - 1; j >= 0 && last < 0; j--) if (wanted.includes(words[j])) last = j;
    cache.set(key, last);
  }
  return last >= from;
}

const lastPositions = new WeakMap<string[], Map<string, number>>();

function startsWith(words: string[], at: number, seq: string[]): boolean {
  if (at + seq.length > words.length) return false;
  for (let i = 0; i < seq.length; i++) if (words[at + i] !== seq[i]) return false;
  return true;
}

function endsWith(words: string[], seq: string[]): boolean {
  return words.length > seq.length && startsWith(words, words.length - seq.length, seq);
}

/**
 * Returns why the sentence reads as a question, or undefined.
 * `tokens` are normal forms; `hasQuestionMark` is whether the written text ends in "?".
 */
/** Words that take a wh-clause as their object: "know what would", "sure how it is". */
const WH_COMPLEMENT = new Set(
  'know knows knew see saw sure understand wonder wondering tell told ask asked show explain decide decided is was exactly matter idea remember figure guess care learn what that of about on in to for depends depend like love hear heard say said think'.split(
    ' ',
  ),
);

/** Words after which a new clause may start in unpunctuated speech ("that's fair so how..."). */
const CLAUSE_BOUNDARY = new Set([
  'so',
  'but',
  'and',
  'okay',
  'ok',
  'fair',
  'sense',
  'sure',
  'right',
  'yeah',
  'well',
  'then',
  'honestly',
  'totally',
  'absolutely',
  'great',
  'cool',
  'gotcha',
  'understood',
  'understand',
  'thanks',
  'now',
  'though',
  'anyway',
  'also',
]);

/**
 * The question form starting at word `i` (after any lead-ins), or undefined. `strict` limits it
 * to strong forms, for sentences the writer ended with a full stop and for clauses inside a
 * longer sentence.
 */
function cueAt(words: string[], at: number, strict: boolean): QuestionCue | undefined {
  let i = afterLeadIns(words, at);
  for (const opener of ASKING_OPENERS) {
    if (!startsWith(words, i, opener)) continue;
    // wondering aloud asks the listener only when it is about them ("I wonder if you...",
    // not "I wonder if it'll ever change")
    const aboutListener = occursFrom(words, i + opener.length, ['you', 'your']);
    if (opener[opener.length - 1].startsWith('wonder') && !aboutListener) return undefined;
    return 'asking-opener';
  }
  // a false start between two auxiliaries ("do would you prefer"): the second one counts
  if (AUX.has(words[i]) && AUX.has(words[i + 1] ?? '') && words[i] !== words[i + 1]) i++;
  const first = words[i];
  const second = words[i + 1];
  if (!first || !second) return undefined;
  // "which is the same", "who's a good arranger": a relative clause trailing the last sentence
  const relative =
    (first === 'which' || first === 'who') && AUX.has(second) && !SUBJECT.has(words[i + 2] ?? '');
  if (WH.has(first) && !relative) {
    if (WH_DIRECT.has(second) || AUX.has(second) || second === 'not') return 'wh-question';
    // "what a day": an exclamation. "what sets us apart is the price": a statement, its
    // wh-clause the subject of "is".
    const exclamation = first === 'what' && (second === 'a' || second === 'an');
    const verbLike = /(?:[^s]s|ed)$/.test(second) || IRREGULAR_PAST.has(second);
    const clauseSubject = verbLike && occursFrom(words, i + 2, ['is', 'was']);
    if (!strict && !WH_CLAUSE_NEXT.has(second) && !exclamation && !clauseSubject) {
      // "what kind of music do you like", "which vendor are the techs using"
      for (let k = i + 2; k < Math.min(words.length - 1, i + 6); k++) {
        if (AUX.has(words[k]) && (PRONOUN.has(words[k + 1]) || DETERMINER.has(words[k + 1]))) {
          return 'wh-question';
        }
      }
      // "what happens if...", "who gave you my name": the wh-word is the subject of a verb
      if ((first === 'what' || first === 'who') && verbLike && words.length - i >= 3) {
        return 'wh-question';
      }
      // "what kind of", "which one" followed by a verb phrase
      if (
        (first === 'what' || first === 'which' || first === 'whose') &&
        words.length <= i + 6 &&
        words.length - i >= 3
      ) {
        return 'wh-question';
      }
    }
  }
  // "you ready", "you ever been there": the auxiliary dropped, as speech does
  if (first === 'you' && ELLIPTICAL.has(second)) return 'elliptical-question';
  // "so do I", "neither did we": agreement, not inversion
  const agreement =
    i > 0 && ['so', 'neither', 'nor'].includes(words[i - 1]) && words.length - i <= 3;
  // "have a good day", "do the math", "don't call me again": imperatives
  const imperative =
    ((first === 'have' || first === 'do') && ['a', 'an', 'the', 'fun', 'some'].includes(second)) ||
    (second === 'not' && !SUBJECT.has(words[i + 2] ?? ''));
  if (AUX.has(first) && SUBJECT.has(second) && first !== 'be' && !agreement && !imperative) {
    return 'aux-inversion';
  }
  return undefined;
}

/** Before "right", words that make it an agreement or an adverb, not a tag: "you're probably right". */
const AGREEING_BEFORE_RIGHT = new Set(
  'is are am was were be all just that exactly oh yeah probably absolutely totally quite definitely certainly not so pretty dead might may'.split(
    ' ',
  ),
);

const HESITATION = new Set(['uh', 'um', 'er', 'erm']);

/** Words that open a repair or a greeting without changing it ("sorry, what?", "hi, how are you"). */
const RITUAL_LEAD = new Set([
  'oh',
  'um',
  'uh',
  'hmm',
  'well',
  'sorry',
  'i',
  'am',
  'hi',
  'hey',
  'hello',
]);
/**
 * Utterances that have a question's form but ask nothing a coach would count: a request to
 * repeat ("pardon?", "what did you say?", "come again?") or a line check ("hello?"), and an echo
 * of a word not caught ("the what?").
 */
const RITUALS = [
  'what',
  'huh',
  'eh',
  'hmm',
  'um',
  'who',
  'pardon',
  'pardon me',
  'excuse me',
  'sorry',
  'say',
  'say again',
  'say that again',
  'come again',
  'what did you say',
  'what was that',
  'what is that again',
  'hello',
].map((r) => r.split(' '));

export function notAsking(words: string[]): boolean {
  let i = 0;
  while (i < words.length - 1 && RITUAL_LEAD.has(words[i])) i++;
  const rest = words.slice(i);
  if (rest.length === 0) return false;
  if (RITUALS.some((r) => r.length === rest.length && r.every((w, k) => w === rest[k]))) {
    return true;
  }
  // "the what?", "he's got what?": an echo asking for one word again (not "or what")
  const n = words.length;
  return n >= 2 && n <= 4 && words[n - 1] === 'what' && words[n - 2] !== 'or';
}

/** "..., isn't it", "..., did we": a verb tag the writer set off with a comma. */
function tagAfterComma(tokens: string[], words: string[]): QuestionCue | undefined {
  const n = tokens.length - (/^[.!,]$/.test(tokens[tokens.length - 1]) ? 1 : 0);
  const t = tokens.slice(0, n);
  const k = t.length;
  if (k < 4) return undefined;
  const auxTag =
    PRONOUN.has(t[k - 1]) &&
    ((AUX.has(t[k - 2]) && t[k - 3] === ',') ||
      (t[k - 2] === 'not' && AUX.has(t[k - 3]) && t[k - 4] === ','));
  return auxTag && words.length >= 4 ? 'tag-question' : undefined;
}

/**
 * A verb tag closing a statement: negative after anything ("..., isn't it", "..., don't they"),
 * positive after a negative statement ("we didn't disconnect did we").
 */
/** Verbs that take an if-clause as their object: "I don't know if it's done or not". */
const COMPLEMENT_IF = new Set([
  'know',
  'sure',
  'wonder',
  'wondering',
  'see',
  'tell',
  'decide',
  'ask',
]);
const NEGATIVE = new Set(['not', 'never', 'no', 'nobody', 'nothing', 'nowhere']);
const TAG_SUBJECT = new Set(['you', 'we', 'i', 'they', 'he', 'she', 'it', 'there']);
function verbTag(words: string[]): boolean {
  const n = words.length;
  if (n < 5 || !TAG_SUBJECT.has(words[n - 1])) return false;
  if (words[n - 2] === 'not') return AUX.has(words[n - 3]);
  // not a verb with its subject or after "to" ("how they do it", "the best way to do it")
  const before = words[n - 3];
  if (TAG_SUBJECT.has(before) || before === 'to' || AUX.has(before)) return false;
  return AUX.has(words[n - 2]) && words.slice(0, n - 2).some((w) => NEGATIVE.has(w));
}

/** "I don't know if you...", "being in Utah, I was wondering whether you...": asks the listener. */
function askingInside(words: string[]): QuestionCue | undefined {
  for (let i = 1; i < words.length - 2; i++) {
    if (
      (words[i] === 'if' || words[i] === 'whether') &&
      (words[i + 1] === 'you' || words[i + 1] === 'your')
    ) {
      const verb = words[i - 1];
      const negatedKnow =
        (verb === 'know' || verb === 'sure') && words.slice(Math.max(0, i - 4), i).includes('not');
      if (verb === 'wonder' || verb === 'wondering' || verb === 'curious' || negatedKnow)
        return 'asking-opener';
    }
  }
  return undefined;
}

/**
 * Returns why the sentence reads as a question, or undefined.
 * `tokens` are normal forms, punctuation included; `hasQuestionMark` is whether the written
 * text ends in "?"; `punctuated` whether the turn uses sentence punctuation at all.
 */
export function questionCue(
  tokens: string[],
  hasQuestionMark: boolean,
  punctuated = false,
): QuestionCue | undefined {
  const words: string[] = [];
  const afterComma: boolean[] = [];
  tokens.forEach((t, k) => {
    // speech repeats words ("was was that the time"): a stutter is read once
    // and hesitations inside a question do not break it ("is uh is that good")
    if (
      /[a-z0-9]/.test(t) &&
      t !== words[words.length - 1] &&
      !(HESITATION.has(t) && words.length)
    ) {
      afterComma.push(words.length > 0 && tokens[k - 1] === ',');
      words.push(t);
    }
  });
  if (notAsking(words)) return undefined;
  if (hasQuestionMark) return 'question-mark';
  if (words.length < 2) return undefined;
  const last = tokens[tokens.length - 1];
  const endsWithStop = last === '.' || last === '!';
  const start = cueAt(words, 0, endsWithStop);
  // Where the writer punctuates, a sentence left without its "?" is mostly a statement: only
  // strong forms still read as questions (an inverted verb, asking phrases, a verb tag after a
  // comma).
  if (punctuated) {
    if (start === 'aux-inversion' || start === 'asking-opener') return start;
    return tagAfterComma(tokens, words) ?? askingInside(words);
  }
  if (start) return start;
  const inside = askingInside(words);
  if (inside) return inside;
  // "believe it or not" and "I don't know if ... or not" leave nothing open to the listener
  const closedAlternative =
    endsWith(words, ['believe', 'it', 'or', 'not']) ||
    words.some(
      (w, k) => (w === 'if' || w === 'whether') && k > 0 && COMPLEMENT_IF.has(words[k - 1]),
    );
  if (closedAlternative && words[words.length - 2] === 'or') return undefined;
  for (const tag of TAGS) {
    if (endsWith(words, tag) && words.length >= tag.length + 3) {
      if (tag.length === 1) {
        // A bare one-word tag needs a comma before it ("..., right"), or, in unpunctuated
        // speech, a statement before it that is not itself an agreement ("that's right").
        const beforeTag = tokens[tokens.lastIndexOf(tag[0]) - 1];
        const unpunctuated = !tokens.some((t) => /^[,.;:!]$/.test(t));
        const agreeing = AGREEING_BEFORE_RIGHT;
        if (beforeTag !== ',' && !(unpunctuated && !agreeing.has(beforeTag))) continue;
      }
      return 'tag-question';
    }
  }
  if (verbTag(words)) return 'tag-question';
  if (endsWith(words, ['or', 'not']) || endsWith(words, ['or', 'no'])) return 'or-question';
  // an alternative left open ("college or...")
  if (!punctuated && words[words.length - 1] === 'or') return 'or-question';
  // "too much compared to what": asks wherever it stands
  for (let i = 0; i < words.length - 2; i++) {
    if (
      words[i] === 'compared' &&
      (words[i + 1] === 'to' || words[i + 1] === 'with') &&
      words[i + 2] === 'what'
    ) {
      return 'asking-opener';
    }
  }
  // Unpunctuated speech runs clauses together: "okay that's fair so how many actually book".
  if (!endsWithStop) {
    for (let i = 2; i < words.length - 1; i++) {
      // a wh-word and an auxiliary start a new clause unless a verb takes them as its object
      // ("I know what would work")
      const whClause =
        WH.has(words[i]) &&
        !WH_COMPLEMENT.has(words[i - 1]) &&
        (AUX.has(words[i + 1]) ||
          [2, 3].some((k) => AUX.has(words[i + k]) && PRONOUN.has(words[i + k + 1] ?? '')));
      if (whClause) return 'embedded-question';
      if (!CLAUSE_BOUNDARY.has(words[i - 1]) && !afterComma[i]) continue;
      const cue = cueAt(words, i, true);
      if (cue) return cue === 'asking-opener' ? cue : 'embedded-question';
    }
  }
  return undefined;
}
