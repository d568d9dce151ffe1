/**
 * A deterministic synthetic corpus of sales calls for the benchmark: a seeded PRNG picks lines
 * from pools of rep and prospect phrasings (small talk, discovery questions, pitches, and
 * walk-points with the different responses), so every run reads exactly the same text.
 */

import { prng } from '../src/core/prng.js';

export { prng };

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

const COMPANIES = ['Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'];
const PRODUCTS = ['the platform', 'our analytics suite', 'the routing module', 'the dashboard'];
const REPS = ['Dana Reyes', 'Chris Park', 'Priya Shah', 'Tom Becker'];
const PROSPECTS = ['Sam Ortiz', 'Alex Kim', 'Jordan Lee', 'Morgan Hale', 'Riley Chen'];

const SMALL_TALK = [
  'Thanks for making the time today, I know the quarter end is busy.',
  'How was the conference last week? I heard the keynote ran long.',
  'Yeah, it was fine. Lots of vendors, not a lot of substance, to be honest.',
  'Sorry, give me one second, my other screen just froze.',
  'Can you hear me okay? The connection keeps dropping on my side.',
  'Um, so, yeah, we can get started whenever you are ready.',
  'Right, right. Okay. That makes sense.',
  'Mm-hmm. Sure.',
];

const BACKCHANNEL = ['Mm-hmm.', 'Right.', 'Okay.', 'Sure, go on.', 'Yeah.', 'Got it.'];

const DISCOVERY = [
  'What made you take this meeting in the first place?',
  'How are you handling the reporting today, and who owns it?',
  'What happens if nothing changes over the next six months?',
  'Who else would have a say in a decision like this?',
  'How do you measure whether the current process is working?',
  'What has it cost you so far, roughly, in hours or in missed deals?',
  'When you say the team is stretched, what does that look like day to day?',
  'Is there a budget set aside for this, or would it need to be found?',
];

const PROSPECT_INFO = [
  'We run most of it out of spreadsheets right now, which works until it does not.',
  'Our ops lead, Marta, built the current process about three years ago.',
  'Honestly the biggest pain is the month-end close, it takes four people a full week.',
  'We lost two renewals last quarter because nobody saw the usage drop in time.',
  'I would say we spend maybe twenty hours a week just reconciling the numbers.',
  'The board asked about it in the last meeting, so it is on my radar.',
];

const PITCH = [
  'So what {product} does is pull every source into one view, in real time, with alerts built in.',
  'Another great feature is the automated reconciliation, which saves most teams about a week a month.',
  'We integrate with over two hundred tools out of the box, and setup usually takes a couple of days.',
  'Let me show you the dashboard, you can see the pipeline, the forecast and the risk scores side by side.',
  'Customers like {company} cut their reporting time in half within the first quarter.',
];

/** Walk-points: prospect lines a rep would like to walk away from. */
const TRIGGERS = [
  'Can you just send me something, a one-pager or a deck, and I will take a look?',
  'Let me sleep on it and talk it over with the team.',
  'Try me again next quarter, after budgets reset.',
  'This is way more than we expected to pay, {company} quoted us about twenty percent less.',
  'I would need to run this by my boss, she makes the final call on anything like this.',
  'We are pretty happy with our current vendor, we have been with them for years.',
  'We do not really share budget numbers at this stage, just give me your best price.',
  'Honestly, we are just seeing what is out there, nothing is really broken.',
  'Look, you have got five minutes, so skip to the pricing.',
  'Before we talk any more we would want a full proposal and a free pilot.',
  'Match their price or we are done here.',
  'Now is just not a good time for us, there is too much going on.',
];

const RESPONSES = [
  // challenged
  'Sure. Requests like that are often a polite goodbye. Is that what this is?',
  'Too much compared with what, exactly?',
  'What changes between now and next quarter that would make this a better time?',
  'It sounds like switching feels riskier than staying. What worries you most about it?',
  'How will your boss decide, and what will she ask you when you bring this to her?',
  'I may be wrong, but maybe this just is not a priority right now?',
  // caved
  'No problem at all, I will send the deck over this afternoon.',
  'I hear you. I can probably knock ten percent off if that helps.',
  'Sure, we can do the pilot for free, no commitment needed.',
  // gave up
  'No worries, reach out whenever the timing is better for you.',
  'Okay, I will circle back next quarter then.',
  // walked out
  'Then I think this is not worth our time, let us stop here.',
  // pitched through
  'Well, let me tell you about the reporting module, it really is our strongest feature and customers love it.',
];

const NEXT_STEPS = [
  'Can we put thirty minutes on the calendar for Tuesday at ten, with Marta on the call?',
  'Let us book a follow-up for next Thursday to walk through the numbers with your CFO.',
  'Okay, I will send a calendar invite for Friday morning.',
];

function fill(rng: Rng, line: string): string {
  return line.replace('{company}', pick(rng, COMPANIES)).replace('{product}', pick(rng, PRODUCTS));
}

/** One exchange: a few lines of small talk, discovery, pitch or a walk-point with a response. */
function exchange(rng: Rng): [role: 'rep' | 'prospect', text: string][] {
  const r = rng();
  if (r < 0.15) return [[rng() < 0.5 ? 'rep' : 'prospect', pick(rng, SMALL_TALK)]];
  if (r < 0.45) {
    return [
      ['rep', pick(rng, DISCOVERY)],
      ['prospect', pick(rng, PROSPECT_INFO)],
    ];
  }
  if (r < 0.65) {
    // A pitch runs two different lines together: a short monologue.
    const first = Math.floor(rng() * PITCH.length);
    const second = (first + 1 + Math.floor(rng() * (PITCH.length - 1))) % PITCH.length;
    return [['rep', `${fill(rng, PITCH[first])} ${fill(rng, PITCH[second])}`]];
  }
  return [
    ['prospect', fill(rng, pick(rng, TRIGGERS))],
    ['rep', pick(rng, RESPONSES)],
  ];
}

export interface SyntheticCall {
  name: string;
  text: string;
}

/**
 * A call in "Name: text" lines (or WebVTT with `vtt`), grown exchange by exchange until it
 * reaches about `targetBytes`. Speech runs at ~150 words a minute for the cue times.
 */
export function generateCall(
  seed: number,
  targetBytes: number,
  format: 'text' | 'vtt' = 'text',
): string {
  const rng = prng(seed);
  const rep = pick(rng, REPS);
  const prospect = pick(rng, PROSPECTS);
  const lines: string[] = format === 'vtt' ? ['WEBVTT', ''] : [];
  let bytes = 0;
  let clock = 0;
  const say = (role: 'rep' | 'prospect', text: string) => {
    const name = role === 'rep' ? rep : prospect;
    let line: string;
    if (format === 'vtt') {
      const seconds = Math.max(2, (text.split(' ').length / 150) * 60);
      line = `${vttTime(clock)} --> ${vttTime(clock + seconds)}\n<v ${name}>${text}</v>\n`;
      clock += seconds + 0.5;
    } else {
      line = `${name}: ${text}`;
    }
    lines.push(line);
    bytes += line.length + 1;
  };
  let last: 'rep' | 'prospect' = 'rep';
  say('rep', pick(rng, SMALL_TALK));
  while (bytes < targetBytes) {
    for (const [role, text] of exchange(rng)) {
      // Real calls alternate: the other side acknowledges before the same speaker goes on.
      if (role === last) say(role === 'rep' ? 'prospect' : 'rep', pick(rng, BACKCHANNEL));
      say(role, text);
      last = role;
    }
  }
  say('rep', pick(rng, NEXT_STEPS));
  return `${lines.join('\n')}\n`;
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = String(Math.floor(ms / 3_600_000)).padStart(2, '0');
  const m = String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0');
  const s = String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0');
  return `${h}:${m}:${s}.${String(ms % 1000).padStart(3, '0')}`;
}

/** A one-hour call: about 60 KB of "Name: text". */
export function oneHourCall(seed = 1): string {
  return generateCall(seed, 60_000, 'text');
}

/** `count` calls of 4-40 KB, a third of them WebVTT, named call-001.txt / .vtt ... */
export function generateCorpus(seed: number, count: number): SyntheticCall[] {
  const rng = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const format = rng() < 1 / 3 ? 'vtt' : 'text';
    const size = 4_000 + Math.floor(rng() * 36_000);
    const name = `call-${String(i + 1).padStart(3, '0')}.${format === 'vtt' ? 'vtt' : 'txt'}`;
    return { name, text: generateCall(seed * 1000 + i, size, format) };
  });
}
