import assert from 'node:assert/strict';
import { test } from 'node:test';
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
