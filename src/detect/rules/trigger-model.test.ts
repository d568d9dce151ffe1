import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../engine/analyze.js';
import { overrideModel } from '../../model/shipped.js';
import { DIMENSIONS } from '../../model/vectors.js';
import { detectorTable, findingsFor } from '../table.js';
import triggerModel from './trigger-model.js';

detectorTable(triggerModel);

test('trigger-model explains itself with the features that fired', () => {
  // a stand-in model, not the shipped weights: "wince" alone reads as a price objection
  overrideModel('triggers.json', {
    classes: ['none', 'objection:price'],
    features: ['w:wince'],
    dense: DIMENSIONS,
    weights: [0, ...new Array(DIMENSIONS).fill(0), 4, ...new Array(DIMENSIONS).fill(0)],
    bias: [0, 0],
    threshold: 0.5,
  });
  try {
    const [f, ...rest] = findingsFor(
      triggerModel,
      'Honestly that number made me wince, it is way more than we figured.',
    );
    assert.deepEqual(rest, []);
    assert.equal(f.kind, 'objection:price');
    assert.equal(f.reason, 'model');
    // e^4 / (1 + e^4) = 0.982; the finding's confidence is 0.9 of it (to two decimals)
    assert.ok(Math.abs(f.confidence - 0.9 * 0.982) < 0.01, String(f.confidence));
    assert.match(
      f.explanation,
      /^The trained model reads this as a price objection \(98% sure\), mostly from .*wince/,
    );
    assert.deepEqual(findingsFor(triggerModel, 'Honestly that number made me smile.'), []);
  } finally {
    overrideModel('triggers.json', undefined);
  }
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
