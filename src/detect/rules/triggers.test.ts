import { detectors } from '../index.js';
import { detectorTable } from '../table.js';

// the prospect-side detectors, the trained model apart (trigger-model.test.ts)
for (const detector of detectors) {
  if (detector.meta.role === 'prospect' && detector.meta.id !== 'trigger-model') {
    detectorTable(detector);
  }
}
