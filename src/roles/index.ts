import { WalkpointError } from '../core/errors.js';
import type { Speaker, Turn } from '../core/types.js';

/**
 * Decides who is the salesperson. With `--rep` names the user decides; otherwise each
 * speaker's words are scored on what salespeople do (introduce the offer, ask discovery
 * questions, state prices, propose next steps) against what prospects do (describe their own
 * setup, defer, ask for material), and the evidence is kept for the report.
 */

interface Cue {
  id: string;
  re: RegExp;
  weight: number;
}

const REP_CUES: Cue[] = [
  {
    id: 'introduces-offer',
    re: /\b(?:our (?:platform|product|solution|software|service|tool|team can|customers|clients|pricing)|we (?:help|offer|provide|work with|specialize|specialise)|i(?:'m| am) (?:calling|reaching out) (?:from|because)|(?:this is|my name is) \w+ (?:from|with|at))\b/gi,
    weight: 2,
  },
  {
    id: 'discovery-question',
    re: /\b(?:how (?:are you|do you|does your|is your|many|much|long)|what (?:are you|does your|do you|is your|would|happens|made you)|who (?:else|is involved|makes|signs)|tell me (?:about|more)|walk me through)\b/gi,
    weight: 1,
  },
  {
    id: 'states-price',
    re: /(?:\$\s?\d|\b\d+ (?:dollars|per (?:month|seat|user|year))|\bper (?:seat|user|license)\b|\b(?:list price|our pricing|the investment|we charge|it(?:'s| is) \$)\b)/gi,
    weight: 2,
  },
  {
    id: 'proposes-next-step',
    re: /\b(?:(?:send|book|schedule|set up) (?:you |us )?(?:an? |the )?(?:invite|meeting|demo|follow[- ]up|call|proposal)|does (?:monday|tuesday|wednesday|thursday|friday|next week|tomorrow) work|next steps?)\b/gi,
    weight: 1.5,
  },
  {
    id: 'runs-the-demo',
    re: /\b(?:(?:share|sharing) (?:my|the|your) screen|can you see my screen|(?:the|our|a) demo|crm|closed[- ]lost|pipeline|quota|the prospect)\b/gi,
    weight: 2,
  },
  {
    id: 'we-offer',
    re: /\bwe (?:help|work with|offer|provide|integrate|support|specialize|build|partner with)\b/gi,
    weight: 1.5,
  },
  {
    id: 'thanks-for-time',
    re: /\bthanks? (?:you )?for (?:your time|taking (?:the|my) call|making time|meeting)\b/gi,
    weight: 1,
  },
];

const PROSPECT_CUES: Cue[] = [
  {
    id: 'describes-own-setup',
    re: /\b(?:we (?:use|are using|currently|have been|already have|run|do it)|our (?:current|existing) |we're (?:using|with))\b/gi,
    weight: 1,
  },
  {
    id: 'defers-or-stalls',
    re: /\b(?:send me|email me|let me think|run it by|my boss|too expensive|not interested|get back to you|not (?:the )?right time)\b/gi,
    weight: 1.5,
  },
  {
    id: 'asks-price',
    re: /\b(?:what(?:'s| does| is) (?:it|the price|this) cost|how much (?:is|does|would)|what(?:'s| is) the price)\b/gi,
    weight: 1.5,
  },
];

function count(text: string, cues: Cue[], evidence: string[]): number {
  let total = 0;
  for (const cue of cues) {
    const n = text.match(cue.re)?.length ?? 0;
    if (n > 0) {
      total += n * cue.weight;
      evidence.push(`${cue.id} x${n}`);
    }
  }
  return total;
}

/** A speaker's salesperson evidence in `text`: salesperson cues minus prospect cues, counted. */
export function roleScore(text: string, evidence: string[]): number {
  return count(text, REP_CUES, evidence) - count(text, PROSPECT_CUES, evidence);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** How many names, and how much of each, an error message quotes. */
const QUOTED_NAMES = 12;
const QUOTED_NAME_CHARS = 40;

/**
 * Names for an error message: quoted, each clipped, the list cut after a dozen. A file may hold
 * thousands of speakers, or a name of a megabyte, and a message stays one readable line.
 */
export function quoted(names: readonly string[]): string {
  const shown = names.slice(0, QUOTED_NAMES).map((n) => {
    const name = n.length > QUOTED_NAME_CHARS ? `${n.slice(0, QUOTED_NAME_CHARS - 3)}...` : n;
    return `"${name.replace(/\s+/g, ' ')}"`;
  });
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** Finds the speakers a `--rep` name refers to: full name or a unique first-name prefix. */
export function matchRepNames(names: string[], speakers: string[], file?: string): Set<string> {
  const chosen = new Set<string>();
  for (const raw of names) {
    const want = raw.trim().toLowerCase();
    const exact = speakers.filter((s) => s.toLowerCase() === want);
    const partial = speakers.filter((s) => {
      const low = s.toLowerCase();
      return low.startsWith(`${want} `) || low.split(/\s+/)[0] === want || low.startsWith(want);
    });
    const hits = exact.length > 0 ? exact : partial;
    if (hits.length === 1) {
      chosen.add(hits[0]);
      continue;
    }
    const list = quoted(speakers);
    if (hits.length === 0) {
      throw new WalkpointError(
        'unknown-rep',
        `no speaker matches --rep ${quoted([raw])}; speakers found: ${list}`,
        { file },
      );
    }
    throw new WalkpointError(
      'ambiguous-rep',
      `--rep ${quoted([raw])} matches more than one speaker (${quoted(hits)}); give the full name. Speakers found: ${list}`,
      { file },
    );
  }
  return chosen;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** No first name is longer; a longer "name" (a pasted blob) would make too large a pattern. */
const MAX_FIRST_NAME_CHARS = 64;

/** Whether `text` introduces `name` as one of the speaker's own team. */
export function introducedAsColleague(text: string, name: string): boolean {
  const given = name.split(/\s+/)[0];
  if (given.length > MAX_FIRST_NAME_CHARS) return false;
  const first = escapeRegex(given);
  const re = new RegExp(
    `\\b(?:i've got|i have|i brought|joined by|here with|with me is|along with|i'm with)\\s+${first}\\b` +
      `|\\b${first}(?:\\s+\\w+)?,?\\s+(?:is|she's|he's|who's|who is)\\s+(?:our|my)\\b` +
      `|\\b${first}(?:\\s+\\w+)?\\s+(?:is here|is joining|joins us|is on)(?:\\s+us)?\\s+(?:from|with|for)\\s+(?:our|my)\\b` +
      `|\\b(?:our|my)\\s+(?:\\w+\\s+){0,2}(?:engineer|consultant|architect|colleague|partner|lead|specialist|manager|director|expert),?\\s+${first}\\b`,
    'i',
  );
  return re.test(text.replace(/\u2019/g, "'"));
}

/**
 * How many distinct first names `colleagueCheck` reads the rep's text for. A call has a
 * handful of speakers; a file with thousands would otherwise cost speakers x text.
 */
const MAX_COLLEAGUE_CHECKS = 64;

/**
 * `introducedAsColleague` against one text for many speakers, in time linear in the text: a
 * first name made of word characters is only looked for when the text holds it as a word
 * (which every pattern needs), each first name is read once, and at most
 * MAX_COLLEAGUE_CHECKS are read at all.
 */
export function colleagueCheck(text: string): (name: string) => boolean {
  const words = new Set(text.toLowerCase().match(/\w+/g));
  const known = new Map<string, boolean>();
  return (name) => {
    const first = name.split(/\s+/)[0];
    const cached = known.get(first);
    if (cached !== undefined) return cached;
    const runs = first.match(/\w+/g);
    // a name whose every word-run is absent from the text cannot match
    if (runs && !runs.every((w) => words.has(w.toLowerCase()))) return false;
    if (known.size >= MAX_COLLEAGUE_CHECKS) return false;
    const found = introducedAsColleague(text, name);
    known.set(first, found);
    return found;
  };
}

export interface RoleResult {
  speakers: Speaker[];
  turns: Turn[];
}

export function assignRoles(
  turns: Turn[],
  options: { rep?: string[]; file?: string } = {},
): RoleResult {
  const order: string[] = [];
  const texts = new Map<string, string[]>();
  const words = new Map<string, number>();
  const turnCounts = new Map<string, number>();
  for (const t of turns) {
    if (!texts.has(t.speaker)) {
      order.push(t.speaker);
      texts.set(t.speaker, []);
    }
    texts.get(t.speaker)!.push(t.text);
    words.set(t.speaker, (words.get(t.speaker) ?? 0) + wordCount(t.text));
    turnCounts.set(t.speaker, (turnCounts.get(t.speaker) ?? 0) + 1);
  }
  if (order.length < 2) {
    throw new WalkpointError(
      'one-speaker',
      `only one speaker found (${quoted(order) || 'none'}): Walkpoint needs a conversation between a salesperson and a prospect, with each line attributed to a speaker`,
      { file: options.file },
    );
  }
  const totalWords = [...words.values()].reduce((a, b) => a + b, 0) || 1;

  const role = new Map<string, Speaker['role']>();
  const confidence = new Map<string, number>();
  const evidence = new Map<string, string[]>();

  if (options.rep && options.rep.length > 0) {
    const reps = matchRepNames(options.rep, order, options.file);
    if (reps.size === order.length) {
      throw new WalkpointError(
        'no-prospect',
        `every speaker is named with --rep (${quoted(order)}): there is no prospect to analyse`,
        { file: options.file },
      );
    }
    for (const s of order) {
      role.set(s, reps.has(s) ? 'rep' : 'prospect');
      confidence.set(s, 1);
      evidence.set(s, [reps.has(s) ? 'named with --rep' : 'not named with --rep']);
    }
  } else {
    // Each speaker's evidence: salesperson cues minus prospect cues, counted (not per word, so a
    // talkative rep is not penalised for talking).
    const scores = order.map((s) => {
      const ev: string[] = [];
      const text = texts.get(s)!.join('\n');
      const score = roleScore(text, ev);
      evidence.set(s, ev);
      return { s, score };
    });
    const ranked = [...scores].sort((a, b) => b.score - a.score);
    const top = ranked[0];
    // a second rep (a sales engineer) also shows clear salesperson evidence
    const isRep = (x: { s: string; score: number }) =>
      x.s === top.s || (order.length > 2 && x.score >= 3 && x.score >= top.score * 0.5);
    // ...or is introduced by the rep as a colleague ("I've got Anika with me, she's our SE")
    const topText = texts.get(top.s)!.join('\n');
    const introduced = colleagueCheck(topText);
    for (const x of scores) {
      if (x.s === top.s || isRep(x)) continue;
      if (introduced(x.s)) {
        x.score = Math.max(x.score, 3, top.score * 0.5);
        evidence.get(x.s)!.push(`introduced by ${top.s} as a colleague`);
      }
    }
    const bestProspect = ranked.find((x) => !isRep(x)) ?? ranked[ranked.length - 1];
    const margin = top.score - bestProspect.score;
    const topConfidence = Math.round((1 / (1 + Math.exp(-margin * 0.5))) * 100) / 100;
    for (const x of scores) {
      role.set(x.s, isRep(x) ? 'rep' : 'prospect');
      confidence.set(
        x.s,
        isRep(x) && x.s !== top.s ? Math.max(0.5, topConfidence - 0.1) : topConfidence,
      );
    }
  }

  const speakers: Speaker[] = order.map((name) => ({
    name,
    role: role.get(name)!,
    roleConfidence: confidence.get(name)!,
    talkShare: Math.round(((words.get(name) ?? 0) / totalWords) * 1000) / 1000,
    words: words.get(name) ?? 0,
    turns: turnCounts.get(name) ?? 0,
    roleEvidence: evidence.get(name),
  }));
  return { speakers, turns: turns.map((t) => ({ ...t, role: role.get(t.speaker)! })) };
}
