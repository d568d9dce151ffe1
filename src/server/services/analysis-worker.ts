/**
 * The server's analysis worker: runs what the Analyzer sends it. It analyses a short call before
 * saying it is ready, so loading the engine and its models is never charged to an upload's
 * time budget.
 */
import { serveTasks } from '../../pool/worker.js';
import { analyzeTranscript, runAnalysisTask } from './analysis-tasks.js';

const WARM_UP = [
  'Dana: Thanks for the time today. What made you take this call?',
  'Jordan: Honestly, the price is way too expensive for us.',
  'Dana: Too expensive compared to what?',
  'Jordan: Just send me some information and I will get back to you.',
  '',
].join('\n');

serveTasks(runAnalysisTask, () => analyzeTranscript({ content: WARM_UP, file: 'warm-up.txt' }));
