import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import {
  DIFFICULTIES,
  listScenarios,
  loadScenario,
  loadScenarios,
  parseScenario,
  readScenarioFile,
  SCENARIO_DIR,
} from './scenario.js';

const cto = JSON.parse(readFileSync(join(SCENARIO_DIR, 'cto-ten-minutes.json'), 'utf8'));

/** A copy of a valid scenario with one change applied. */
function broken(change: (s: typeof cto) => void): unknown {
  const copy = structuredClone(cto);
  change(copy);
  return copy;
}

function rejects(data: unknown, ...parts: string[]) {
  assert.throws(
    () => parseScenario(data, 'scenarios/cto-ten-minutes.json'),
    (e: unknown) => {
      assert.ok(isWalkpointError(e), 'a WalkpointError');
      assert.equal(e.code, 'scenario-invalid');
      assert.match(e.message, /^scenarios\/cto-ten-minutes\.json: /);
      for (const p of parts) assert.ok(e.message.includes(p), `"${e.message}" names ${p}`);
      return true;
    },
  );
}

describe('bundled scenarios', () => {
  const all = loadScenarios();

  it('has at least ten, in all three difficulties', () => {
    assert.ok(all.length >= 10, `${all.length} scenarios`);
    for (const d of DIFFICULTIES)
      assert.ok(
        all.some((s) => s.difficulty === d),
        d,
      );
  });

  it('includes the four named prospects', () => {
    for (const name of [
      'cto-ten-minutes',
      'procurement-renewal-discount',
      'send-me-information',
      'plant-manager-eleven-years',
    ]) {
      assert.equal(loadScenario(name).name, name);
    }
    assert.match(
      loadScenario('plant-manager-eleven-years').opening.lines.join(' '),
      /eleven years/,
    );
    assert.match(
      loadScenario('procurement-renewal-discount').opening.lines.join(' '),
      /thirty percent/,
    );
  });

  it('covers every trigger kind and subtype', () => {
    const thrown = new Set(listScenarios().flatMap((s) => s.triggers));
    for (const kind of TRIGGER_KINDS) {
      const subtypes: readonly string[] = TRIGGER_SUBTYPES[kind];
      if (subtypes.length === 0) assert.ok(thrown.has(kind), kind);
      for (const sub of subtypes) assert.ok(thrown.has(`${kind}:${sub}`), `${kind}:${sub}`);
    }
  });

  it('gives several phrasings for the opening and every beat', () => {
    for (const s of all) {
      assert.ok(s.opening.lines.length >= 2, `${s.name} opening`);
      for (const b of s.beats) assert.ok(b.lines.length >= 2, `${s.name} ${b.id}`);
    }
  });

  it('lists name, title, difficulty and triggers', () => {
    const [first] = listScenarios();
    assert.equal(typeof first.title, 'string');
    assert.ok(first.triggers.length > 0);
  });
});

describe('scenario validation', () => {
  it('accepts the valid file', () => {
    assert.equal(parseScenario(cto, 'cto-ten-minutes.json').name, 'cto-ten-minutes');
  });

  it('names a subtype that does not exist', () => {
    rejects(
      broken((s) => {
        s.beats[0].trigger.subtype = 'cheap';
      }),
      'beats[0].trigger.subtype',
      '"cheap" is not a subtype of objection',
    );
  });

  it('names a missing persona field', () => {
    rejects(
      broken((s) => {
        delete s.persona.temperament;
      }),
      'persona.temperament',
    );
  });

  it('names an unknown trigger kind', () => {
    rejects(
      broken((s) => {
        s.exploit.trigger.kind = 'tantrum';
      }),
      'exploit.trigger.kind',
    );
  });

  it('names a goal fact that is not in facts', () => {
    rejects(
      broken((s) => {
        s.goal.facts = ['pain', 'secret'];
      }),
      'goal.facts[1]',
      '"secret"',
    );
  });

  it('names a cue that is not a valid pattern', () => {
    rejects(
      broken((s) => {
        s.facts[0].cues = ['(unclosed'];
      }),
      'facts[0].cues[0]',
      'not a valid pattern',
    );
  });

  it('names an empty phrasing list', () => {
    rejects(
      broken((s) => {
        s.lines.harden = [];
      }),
      'lines.harden',
    );
  });

  it('requires the name to match the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-scenario-'));
    const file = join(dir, 'other-name.json');
    writeFileSync(file, JSON.stringify(cto));
    assert.throws(() => readScenarioFile(file), /other-name\.json: name: "cto-ten-minutes"/);
  });

  it('names the file when it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wp-scenario-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ not json');
    assert.throws(() => readScenarioFile(file), /bad\.json: cannot read the scenario/);
  });

  it('lists the scenario names for an unknown one', () => {
    assert.throws(
      () => loadScenario('no-such-prospect'),
      (e: unknown) =>
        isWalkpointError(e) && e.code === 'unknown-scenario' && /cto-ten-minutes/.test(e.message),
    );
  });
});
