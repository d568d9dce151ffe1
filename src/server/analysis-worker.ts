/**
 * The server's analysis worker: analyses what the Analyzer sends it. It analyses a short call
 * before saying it is ready, so loading the engine and its models is never charged to an
 * upload's time budget.
 */
import { analyze } from '../analyze.js';
import { serveTasks } from '../pool/worker.js';
import type { AnalysisRequest } from './analyzer.js';

const WARM_UP = [
  'Dana: Thanks for the time today. What made you take this call?',
  'Jordan: Honestly, the price is way too expensive for us.',
  'Dana: Too expensive compared to what?',
  'Jordan: Just send me some information and I will get back to you.',
  '',
].join('\n');

serveTasks(
  ({ text, file, rep }: AnalysisRequest) => analyze(text, { file, rep }),
  () => analyze(WARM_UP, { file: 'warm-up.txt' }),
);
