import type { CriterionFinder } from './types.js';

export const decisionProcess: CriterionFinder = {
  criterion: 'decision-process',
  cues: [
    {
      id: 'process-steps',
      piece: 'steps',
      strength: 'stated',
      pattern:
        /\b(?:committee|approv(?:al|ed vendor list|es|e)|sign[- ]off|goes to|go through|(?:buying|approval|decision|review|procurement) process|procurement|purchasing|legal|vote|bid|rfp|(?:a|run a|do a) (?:pilot|trial|test)|policy|talk to (?:our|my)|run it by|take (?:it|that) to|add (?:people|vendors)|meet(?:s|ing)? on)\b/i,
      note: 'the prospect described a step in how they buy',
    },
    {
      id: 'process-people',
      piece: 'people',
      strength: 'stated',
      pattern:
        /\b(?:(?:our|my|the) (?:ceo|cfo|coo|cto|ciso|controller|owners?|board|vp|director|purchasing|procurement|finance|legal|gms|it consultant|committee|partners?|coordinator|boss|manager)|(?:he|she) (?:owns|runs|signs|decides|approves)|dr\.? [a-z]+|finance|procurement)\b/i,
      note: 'the prospect named someone who takes part in the decision',
    },
    {
      id: 'process-criteria',
      piece: 'criteria',
      strength: 'stated',
      pattern:
        /\b(?:weighted|criteria|(?:she|he|they|i)(?:'d| would) (?:want|need) (?:the|to see)|need to see|want to see|certs|references|side by side|total cost|requirements?|must have|price sheet|on-time numbers)\b/i,
      note: 'the prospect said what the decision will be judged on',
    },
  ],
};
