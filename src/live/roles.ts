import { isWalkpointError } from '../core/errors.js';
import type { Role } from '../core/vocabulary.js';
import { colleagueCheck, matchRepNames, roleScore } from '../roles/index.js';

/**
 * How much of each speaker's opening words is kept to find colleagues introduced by name
 * ("I've got Anika with me, she's our SE"): introductions come early, and the text kept must not
 * grow with the call.
 */
const INTRO_CHARS = 4000;

interface SpeakerState {
  name: string;
  /** Role evidence of the speaker's finished turns (src/roles cues, counted). */
  closed: number;
  /** The speaker's current, still growing, turn. */
  open: number;
  intro: string;
}

/**
 * Who is the rep while the call is running: named up front (`--rep`), or inferred with the batch
 * engine's cues and rule (src/roles) from the evidence so far, counted turn by turn so an update
 * costs the length of one turn. Until a second speaker has spoken, nobody is a prospect and no
 * card is shown; roles may change as evidence comes in.
 */
export class LiveRoles {
  private readonly speakers: SpeakerState[] = [];
  private readonly byName = new Map<string, SpeakerState>();

  constructor(private readonly reps: readonly string[] = []) {}

  /** The speaker's words in their current turn so far (the whole turn text each time). */
  update(name: string, turnText: string): void {
    let s = this.byName.get(name);
    if (!s) {
      s = { name, closed: 0, open: 0, intro: '' };
      this.byName.set(name, s);
      this.speakers.push(s);
    }
    s.open = roleScore(turnText, []);
  }

  /** The speaker's turn is over: its evidence is kept. */
  close(name: string, turnText: string): void {
    const s = this.byName.get(name);
    if (!s) return;
    s.closed += s.open;
    s.open = 0;
    if (s.intro.length < INTRO_CHARS) s.intro = `${s.intro}\n${turnText}`.slice(0, INTRO_CHARS);
  }

  /** Every speaker's role now. */
  roles(): Map<string, Role> {
    const out = new Map<string, Role>();
    if (this.reps.length > 0) {
      for (const s of this.speakers) out.set(s.name, this.named(s.name) ? 'rep' : 'prospect');
      return out;
    }
    const scores = this.speakers.map((s) => ({ s: s.name, score: s.closed + s.open }));
    if (scores.length < 2) {
      for (const x of scores) out.set(x.s, 'other');
      return out;
    }
    const ranked = [...scores].sort((a, b) => b.score - a.score);
    const top = ranked[0];
    const isRep = (x: { s: string; score: number }) =>
      x.s === top.s || (scores.length > 2 && x.score >= 3 && x.score >= top.score * 0.5);
    const introduced = colleagueCheck(this.byName.get(top.s)?.intro ?? '');
    for (const x of scores) {
      if (x.s === top.s || isRep(x)) continue;
      if (introduced(x.s)) x.score = Math.max(x.score, 3, top.score * 0.5);
    }
    // decided as soon as two speakers have spoken, as the batch would on the call so far (waiting
    // for one to lead on the evidence agreed less with the final roles over the corpus calls)
    for (const x of scores) out.set(x.s, isRep(x) ? 'rep' : 'prospect');
    return out;
  }

  /** The role of a speaker not heard in a final caption yet. */
  guess(name: string): Role {
    return this.reps.length > 0 && this.named(name)
      ? 'rep'
      : this.reps.length > 0
        ? 'prospect'
        : 'other';
  }

  private named(name: string): boolean {
    return this.reps.some((rep) => {
      try {
        return matchRepNames([rep], [name]).size > 0;
      } catch (e) {
        if (isWalkpointError(e)) return false;
        throw e;
      }
    });
  }
}
