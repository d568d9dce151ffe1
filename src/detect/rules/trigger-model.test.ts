import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../engine/analyze.js';
import { overrideModel } from '../../model/shipped.js';
import { DIMENSIONS } from '../../model/vectors.js';
import { detectorTable, findingsFor } from '../table.js';
import triggerModel from './trigger-model.js';

detectorTable(triggerModel);

test('trigger-model explains itself with the features that fired', () => {
  const [f] = findingsFor(
    triggerModel,
    'Honestly that number made me wince, it is way more than we figured.',
  );
  assert.equal(f.reason, 'model');
  assert.match(
    f.explanation,
    /trained model reads this as an? [a-z ]+ \(\d{1,3}% sure\), mostly from/,
  );
});

test('a cue pattern the model is sure about is overruled: kept, explained, no walk-point', () => {
  const call =
    "Rita: Do you have time today?\nPat: Honestly, it's way too expensive for us.\nRita: Okay.";
  // a stand-in model that is sure no sentence holds a trigger
  const sure = (noneBias: number) => ({
    classes: ['none', 'objection:price'],
    features: [],
    dense: DIMENSIONS,
    weights: new Array(2 * DIMENSIONS).fill(0),
    bias: [noneBias, 0],
    threshold: 0.5,
  });
  try {
    overrideModel('triggers.json', sure(5));
    const a = analyze(call, { rep: ['Rita'] });
    const overruled = a.findings.filter((f) => f.overruled);
    assert.ok(overruled.length > 0, 'the price pattern fired and was overruled');
    assert.match(overruled[0].overruled!, /trained model reads this sentence as no walk-point/);
    assert.equal(a.moments.length, 0);
    // without the model (the rules-only ablation) nothing overrules the pattern
    const rules = analyze(call, { rep: ['Rita'], skipDetectors: ['trigger-model'] });
    assert.equal(rules.moments.length, 1);
    assert.ok(rules.findings.every((f) => !f.overruled));
    // a model that is not sure leaves the pattern alone
    overrideModel('triggers.json', sure(1));
    assert.equal(analyze(call, { rep: ['Rita'] }).moments.length, 1);
  } finally {
    overrideModel('triggers.json', undefined);
  }
});

test('a firm cue (a counter-offer with its price, a flat no) is never overruled by the model', () => {
  const call = 'Rita: It lists at 400.\nPat: Would you take 320 for it?\nRita: Okay, deal.';
  const sure = {
    classes: ['none', 'demand:concession'],
    features: [],
    dense: DIMENSIONS,
    weights: new Array(2 * DIMENSIONS).fill(0),
    bias: [5, 0],
    threshold: 0.5,
  };
  try {
    overrideModel('triggers.json', sure);
    const a = analyze(call, { rep: ['Rita'] });
    const offer = a.findings.find((f) => f.reason === 'counter-offer');
    assert.ok(offer, 'the counter-offer cue fired');
    assert.equal(offer.overruled, undefined);
    assert.equal(a.moments.length, 1);
    assert.equal(a.moments[0].trigger.kind, 'demand');
  } finally {
    overrideModel('triggers.json', undefined);
  }
});
