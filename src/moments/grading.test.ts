/**
 * One row per grading rule of docs/scoring.md ("How a response is graded"): a prospect's
 * walk-point, the rep's reply, and the grade the rule gives, through the public `analyze`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../engine/analyze.js';

const ROWS: { rule: string; trigger: string; reply?: string; grade: string; reason?: RegExp }[] = [
  {
    rule: '1. none: no reply before the call ends',
    trigger: "Honestly it's way too expensive for us.",
    grade: 'none',
  },
  {
    rule: '2. walked-out: the rep closes the meeting',
    trigger: "Honestly it's way too expensive for us.",
    reply: "Then this isn't worth our time. Let's stop here.",
    grade: 'walked-out',
  },
  {
    rule: '3. challenged: a tough question after a concession trades',
    trigger: "Honestly it's way too expensive for us.",
    reply: 'I could take ten percent off. Compared with what, though? What are you paying today?',
    grade: 'challenged',
  },
  {
    rule: '3. a question that offers the rep its own move does not trade',
    trigger: "Honestly it's way too expensive for us.",
    reply:
      'We could start you at a reduced rate for the first three months. Would that help with the budget?',
    grade: 'caved',
    reason: /sweetener/,
  },
  {
    rule: '4. caved: agreeing to send the information',
    trigger: 'Just send me some information and I will look at it.',
    reply: "Sure, I'll send it over today.",
    grade: 'caved',
  },
  {
    rule: '5. pitched-through: a feature monologue',
    trigger: "We're happy with our current vendor.",
    reply:
      'Totally. So our platform pulls every call into one dashboard and automatically scores each deal. ' +
      'It integrates with Salesforce and HubSpot out of the box, and the analytics module gives managers ' +
      'real time insights, so your reps are live within the week with our templates and onboarding.',
    grade: 'pitched-through',
  },
  {
    rule: '6. gave-up: letting it drop with no next step',
    trigger: "We're happy with our current vendor.",
    reply: 'No worries at all, just reach out whenever you are ready.',
    grade: 'gave-up',
  },
  {
    rule: '8. an open question about their reason challenges',
    trigger: 'Let me think about it.',
    reply: 'Of course. What part are you least sure about?',
    grade: 'challenged',
  },
  {
    rule: '8. asking why behind a refusal challenges',
    trigger: "No, I'm not interested.",
    reply: 'May I ask why not?',
    grade: 'challenged',
  },
  {
    rule: '9. asking for the same yes again is a pitch',
    trigger: "No, I'm not interested.",
    reply: 'Would you reconsider since it helps so many teams?',
    grade: 'pitched-through',
    reason: /re-ask/,
  },
];

for (const row of ROWS) {
  test(`grading rule ${row.rule}`, () => {
    const lines = [
      'Rita Moss: Thanks for the time today. Here is where we landed on the proposal.',
      `Pat Lee: ${row.trigger}`,
      ...(row.reply ? [`Rita Moss: ${row.reply}`] : []),
    ];
    const a = analyze(lines.join('\n'), { rep: ['Rita Moss'] });
    const m = a.moments.find((x) => x.turn === 1);
    assert.ok(m, `a walk-point on "${row.trigger}"`);
    assert.equal(m.response.kind, row.grade, m.response.details);
    if (row.reason) assert.match(m.response.reasons.join(' '), row.reason);
  });
}
