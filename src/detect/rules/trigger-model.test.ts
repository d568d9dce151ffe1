import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../analyze.js';
import { detectorTable, findingsFor } from '../table.js';
import triggerModel from './trigger-model.js';

detectorTable(triggerModel);

test('trigger-model explains itself with the features that fired', () => {
  const [f] = findingsFor(triggerModel, 'Honestly the number made me wince.');
  assert.equal(f.reason, 'model');
  assert.match(
    f.explanation,
    /trained model reads this as [a-z-]+(:[a-z-]+)? \(p=0\.\d+\), mostly from/,
  );
});

test('a cue pattern the model is sure about is overruled: kept, explained, no walk-point', () => {
  const a = analyze(
    "Rita: Thanks for joining, do you have time today?\nPat: Sure. I've got twenty minutes.\nRita: Great.",
    { rep: ['Rita'] },
  );
  const overruled = a.findings.filter((f) => f.overruled);
  assert.ok(overruled.length > 0, 'the time-limit pattern fired and was overruled');
  assert.match(overruled[0].overruled!, /trained model reads this sentence as no walk-point/);
  assert.equal(a.moments.length, 0);
  // without the model (the rules-only ablation) nothing overrules the pattern
  const rules = analyze(
    "Rita: Thanks for joining, do you have time today?\nPat: Sure. I've got twenty minutes.\nRita: Great.",
    { rep: ['Rita'], skipDetectors: ['trigger-model'] },
  );
  assert.equal(rules.moments.length, 1);
  assert.ok(rules.findings.every((f) => !f.overruled));
});
