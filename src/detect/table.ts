import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateTurn } from '../annotate/index.js';
import type { AnnotatedTurn, Finding } from '../core/types.js';
import type { Role } from '../core/vocabulary.js';
import type { Detector } from '../cues/types.js';
import { runDetectors } from './index.js';

/**
 * An example is one utterance, or "earlier turn >> utterance" when the detector reads the
 * previous turn (a mirror echoes the prospect's words). The utterance is spoken by the
 * detector's role; the earlier turn by the other side.
 */
export function exampleTurns(example: string, role: Role): AnnotatedTurn[] {
  const parts = example.split(' >> ');
  const other: Role = role === 'rep' ? 'prospect' : 'rep';
  return parts.map((text, i) => {
    const r = i === parts.length - 1 ? role : other;
    return annotateTurn({ index: i, speaker: r === 'rep' ? 'Rep' : 'Prospect', role: r, text });
  });
}

export function findingsFor(detector: Detector, example: string): Finding[] {
  const role: Role = detector.meta.role === 'any' ? 'prospect' : detector.meta.role;
  const turns = exampleTurns(example, role);
  const last = turns.length - 1;
  return runDetectors([detector], turns).filter((f) => f.turn === last);
}

/** The table test every detector has: its `fires` examples fire, its `silent` ones do not. */
export function detectorTable(detector: Detector): void {
  const { id, kind, fires, silent } = detector.meta;
  // the table runs this detector alone, so every finding is its own; a detector may report
  // subtypes of its kind, or (the trained model) any trigger kind
  const ofKind = (f: Finding) => f.detector === id;
  test(`${id}: has examples both ways`, () => {
    assert.ok(fires.length > 0, 'a detector needs examples that fire');
  });
  for (const example of fires) {
    test(`${id} fires: ${example}`, () => {
      const found = findingsFor(detector, example).filter(ofKind);
      assert.ok(found.length > 0, `expected ${kind} from ${id} on "${example}"`);
      for (const f of found) {
        assert.ok(f.reason.length > 0 && f.explanation.length > 0, 'finding says why');
        assert.ok(f.span[0] < f.span[1], 'finding has a span');
      }
    });
  }
  for (const example of silent) {
    test(`${id} stays silent: ${example}`, () => {
      const found = findingsFor(detector, example).filter(ofKind);
      assert.deepEqual(
        found.map((f) => `${f.kind} ${f.reason} "${f.quote}"`),
        [],
        `expected no ${kind} on "${example}"`,
      );
    });
  }
}
