import { detectorTable } from '../table.js';
import brushOff from './brush-off.js';
import demand from './demand.js';
import objection from './objection.js';
import stall from './stall.js';
import withholding from './withholding.js';

for (const detector of [stall, objection, brushOff, withholding, demand]) detectorTable(detector);
