import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { practiceReport } from './debrief.js';
import { REPLAYS } from './replays.js';
import { loadScenario, loadScenarios, OUTCOMES, type Outcome } from './scenario.js';
import { type PracticeSession, playReplies, startSession, submitReply } from './session.js';

const rank = (o: Outcome | null) => (o === null ? OUTCOMES.length : OUTCOMES.indexOf(o));
const cto = loadScenario('cto-ten-minutes');

describe('scripted replay per scenario', () => {
  it('has a replay for every bundled scenario', () => {
    for (const s of loadScenarios()) assert.ok(REPLAYS[s.name], `replay for ${s.name}`);
  });

  for (const scenario of loadScenarios()) {
    const replay = REPLAYS[scenario.name];
    if (!replay) continue;
    describe(scenario.name, () => {
      const play = (replies: string[]) => playReplies(scenario, replies, { seed: replay.seed });
      const challenging = play(replay.challenging).session;
      const caving = play(replay.caving).session;

      it('gives the same path and grades for the same seed and replies', () => {
        assert.deepEqual(play(replay.challenging).session, challenging);
        assert.deepEqual(play(replay.caving).session, caving);
      });

      it('challenging earns the hidden facts and the earned ending', () => {
        assert.equal(challenging.outcome, scenario.goal.earned);
        for (const id of scenario.goal.facts) assert.ok(challenging.revealed.includes(id), id);
        for (const g of challenging.grades) assert.equal(g.response, 'challenged', g.explanation);
      });

      it('caving or giving up ends worse: a worse outcome and a lower score', () => {
        // accepting a brush-off or an incumbent objection without a question lets it drop
        // (gave-up); accepting a demand or a stall gives in (caved): both fail the moment
        assert.ok(caving.grades.some((g) => g.response === 'caved' || g.response === 'gave-up'));
        assert.ok(rank(caving.outcome) > rank(challenging.outcome), `${caving.outcome}`);
        const score = (s: PracticeSession) => practiceReport(scenario, s).score;
        assert.ok(score(caving) < score(challenging), `${score(caving)} < ${score(challenging)}`);
        assert.ok(caving.openness < challenging.openness);
      });
    });
  }
});

describe('reaction rules', () => {
  it('a walk-out ends the call at once', () => {
    const start = startSession(cto, { seed: 1 });
    const s = submitReply(cto, start, "This isn't worth our time. Let's stop here.");
    assert.equal(s.outcome, 'walked-out');
    assert.equal(s.grades[0].response, 'walked-out');
    assert.equal(s.turns.length, 2, 'no prospect line after the walk-out');
    assert.equal(s.turns[1].role, 'rep');
    assert.throws(
      () => submitReply(cto, s, 'Wait, one question?'),
      (e: unknown) => isWalkpointError(e) && e.code === 'session-over',
    );
  });

  it('giving up ends the call with no next step', () => {
    const s = playReplies(cto, ['No worries, reach out whenever you are ready.'], { seed: 1 });
    assert.equal(s.session.grades[0].response, 'gave-up');
    assert.equal(s.session.outcome, 'prospect-left');
  });

  it('a pitch hardens the prospect, who presses the same point again', () => {
    const start = startSession(cto, { seed: 2 });
    const s = submitReply(
      cto,
      start,
      'Our platform automates your entire release pipeline with rollbacks, canary deploys, audit trails, and integrations with every major cloud provider, and customers love the dashboards.',
    );
    assert.equal(s.grades[0].response, 'pitched-through');
    assert.ok(s.openness <= start.openness);
    assert.ok(s.patience < start.patience - 1, 'a pitch costs more patience than a question');
    assert.deepEqual(s.turns[2].trigger, start.turns[0].trigger);
    assert.equal(s.outcome, null);
  });

  it('a cave is exploited: the prospect asks for more', () => {
    const scenario = loadScenario('procurement-renewal-discount');
    const s = playReplies(scenario, ['Okay, I can do thirty percent off the current rate.'], {
      seed: 4,
    }).session;
    assert.equal(s.grades[0].response, 'caved');
    assert.deepEqual(s.turns[2].trigger, scenario.exploit.trigger);
    assert.equal(s.outcome, null);
    assert.ok(s.openness < scenario.start.openness);
  });

  it('asking too early is met with withholding, and the fact stays hidden', () => {
    const s = playReplies(cto, ['How much budget have you set aside for this?'], {
      seed: 1,
    }).session;
    assert.equal(s.grades[0].response, 'challenged');
    assert.deepEqual(s.revealed, []);
    assert.equal(s.turns[2].trigger?.kind, 'withholding');
  });

  it('reveals a fact on a question about its topic, however it is worded', () => {
    for (const reply of [
      'What made you take this call today?',
      'What is going wrong with your releases right now?',
    ]) {
      const s = playReplies(cto, [reply], { seed: 1 }).session;
      assert.deepEqual(s.revealed, ['pain'], reply);
      assert.equal(s.grades[0].revealed, 'pain');
    }
  });
});

describe('sessions', () => {
  it('are plain JSON: a stored session continues exactly like the live one', () => {
    const s1 = submitReply(cto, startSession(cto, { seed: 9 }), 'What made you take this call?');
    const stored: PracticeSession = JSON.parse(JSON.stringify(s1));
    const reply = 'Too expensive compared with what?';
    assert.deepEqual(submitReply(cto, stored, reply), submitReply(cto, s1, reply));
  });

  it('never mutate the session they are given', () => {
    const s = startSession(cto, { seed: 5 });
    const before = structuredClone(s);
    submitReply(cto, s, 'What made you take this call?');
    assert.deepEqual(s, before);
  });

  it('choose phrasings by seed', () => {
    const openings = new Set(
      Array.from({ length: 12 }, (_, seed) => startSession(cto, { seed }).turns[0].text),
    );
    assert.ok(openings.size >= 2, 'different seeds give different openings');
    assert.equal(
      startSession(cto, { seed: 3 }).turns[0].text,
      startSession(cto, { seed: 3 }).turns[0].text,
    );
  });

  it('refuse an empty reply, a session of another scenario, and a bad trainee name', () => {
    const s = startSession(cto);
    assert.throws(() => submitReply(cto, s, '   '), /empty/);
    assert.throws(() => submitReply(loadScenario('bakery-best-number'), s, 'Hi?'), /scenario/);
    assert.throws(() => startSession(cto, { rep: 'Renata Voss' }), /trainee/);
  });

  it('debrief each moment with a grade and a nothing-to-lose reply', () => {
    const scenario = loadScenario('procurement-renewal-discount');
    const { caving, seed } = { ...REPLAYS[scenario.name] };
    const report = practiceReport(scenario, playReplies(scenario, caving, { seed }).session);
    assert.ok(report.moments.length >= 2);
    for (const m of report.moments) {
      assert.ok(m.suggestion && m.suggestion.text.length > 0, 'a suggestion');
      assert.equal(m.response, 'caved');
    }
    assert.ok(report.missed.length > 0);
    assert.equal(report.turns.filter((t) => t.grade).length, report.grades.length);
  });
});
