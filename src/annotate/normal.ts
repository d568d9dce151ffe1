/**
 * Our own normal form for a token: lower case, curly apostrophes straightened, contractions
 * expanded. wink's `normal` also respells words ("through" -> "thru"), which would make cue
 * patterns harder to read, so it is not used. The tables are Maps: they are looked up with the
 * speaker's words, and a plain object answers "constructor" with a built-in function.
 */

const SPLIT_CONTRACTIONS = new Map<string, string>(
  Object.entries({
    "n't": 'not',
    "'m": 'am',
    "'re": 'are',
    "'ve": 'have',
    "'ll": 'will',
    "'d": 'would',
  }),
);

const WHOLE_CONTRACTIONS = new Map<string, string>(
  Object.entries({
    "i'm": 'i am',
    "i've": 'i have',
    "i'll": 'i will',
    "i'd": 'i would',
    "let's": 'let us',
    "y'all": 'you all',
    "ain't": 'is not',
    cannot: 'can not',
    "can't": 'can not',
    "won't": 'will not',
    "don't": 'do not',
    "doesn't": 'does not',
    "didn't": 'did not',
    "isn't": 'is not',
    "aren't": 'are not',
    "wasn't": 'was not',
    "weren't": 'were not',
    "haven't": 'have not',
    "hasn't": 'has not',
    "wouldn't": 'would not',
    "couldn't": 'could not',
    "shouldn't": 'should not',
    gonna: 'going to',
    wanna: 'want to',
    gotta: 'got to',
    kinda: 'kind of',
    dunno: 'do not know',
    // speech-to-text often loses the apostrophe
    im: 'i am',
    dont: 'do not',
    doesnt: 'does not',
    didnt: 'did not',
    cant: 'can not',
    wont: 'will not',
    isnt: 'is not',
    arent: 'are not',
    wasnt: 'was not',
    havent: 'have not',
    wouldnt: 'would not',
    couldnt: 'could not',
    shouldnt: 'should not',
    youre: 'you are',
    theyre: 'they are',
    weve: 'we have',
    ive: 'i have',
    thats: 'that is',
    whats: 'what is',
    lets: 'let us',
    ill: 'i will',
    youll: 'you will',
    theyll: 'they will',
    hes: 'he is',
    shes: 'she is',
    theyve: 'they have',
    youve: 'you have',
    whos: 'who is',
    heres: 'here is',
    theres: 'there is',
  }),
);

const STEM_BEFORE_NOT = new Map(Object.entries({ ca: 'can', wo: 'will', sha: 'shall', ai: 'is' }));
/** Words that "nt" (a contraction without its apostrophe) may follow. */
const NT_STEMS = new Set(
  'do does did is are was were have has had would could should must need ca wo sha ai will can shall'.split(
    ' ',
  ),
);
const S_IS = new Set([
  'it',
  'that',
  'there',
  'here',
  'he',
  'she',
  'what',
  'who',
  'where',
  'how',
  'why',
  'when',
  'nothing',
  'everything',
  'something',
  'anything',
  'everyone',
  'someone',
  'this',
  'which',
  'one',
]);

export function normalize(value: string, prev: string | undefined, next: string | undefined) {
  const lower = value.toLowerCase();
  const v = /[\u2018\u2019\u02bc]/.test(lower)
    ? lower.replace(/[\u2018\u2019\u02bc]/g, "'")
    : lower;
  const split = SPLIT_CONTRACTIONS.get(v);
  if (split) return split;
  if (v === "'s") return prev === 'let' ? 'us' : prev && S_IS.has(prev) ? 'is' : "'s";
  if (next && (next === "n't" || next === 'n’t' || next === 'nt') && STEM_BEFORE_NOT.has(v)) {
    return STEM_BEFORE_NOT.get(v)!;
  }
  // speech-to-text "dont", "wont": the tokenizer splits them into "do" + "nt"
  if (v === 'nt' && prev && NT_STEMS.has(prev)) return 'not';
  const word = WHOLE_CONTRACTIONS.get(v) ?? v;
  // wink sometimes keeps a sentence's full stop on its last word ("no.")
  return word.length > 1 && word.endsWith('.') && !word.slice(0, -1).includes('.')
    ? word.slice(0, -1)
    : word;
}
