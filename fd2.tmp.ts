import { readFileSync } from 'node:fs';
import { analyze } from './src/analyze.js';
const [file, rep, ...lines] = process.argv.slice(2);
const a = analyze(readFileSync(file), { rep: [rep], file });
for (const m of a.moments) if (lines.includes(String(a.turns[m.turn].line))) {
  console.log(a.turns[m.turn].line, m.response.kind, m.response.reasons, m.response.details?.slice(0, 160));
  console.log('   REPLY:', a.turns[m.turn + 1]?.text.slice(0, 250));
}
