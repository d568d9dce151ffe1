/**
 * Topics a hidden fact can be earned on. Each is a word class: a few patterns over the reply's
 * lower-cased words, so that "Who else signs off?" and "How will the board decide?" both reach
 * the decision process, whatever the exact sentence. A scenario may add its own cues per fact.
 */

export const TOPICS = [
  'pain',
  'consequence',
  'budget',
  'decision',
  'incumbent',
  'timeline',
  'competition',
  'concern',
  'need',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Patterns per topic, each with a note saying what kind of question it stands for. */
const TOPIC_CUES: Record<Topic, { pattern: string; note: string }[]> = {
  pain: [
    {
      pattern:
        '\\b(?:problems?|issues?|pain|broken|struggl\\w*|challeng\\w*|frustrat\\w*|fail\\w*|going wrong|not working|headaches?)\\b',
      note: 'asks what hurts',
    },
    {
      pattern: '\\b(?:what made you|why did you|what prompted|what brought|why take)\\b',
      note: 'asks why they are talking at all',
    },
  ],
  consequence: [
    {
      pattern:
        '\\b(?:happens? if|do nothing|nothing changes|cost(?:s|ing)? (?:you|of)|what does (?:it|that|waiting|delay\\w*|staying) cost|impact|at stake|lose|losing)\\b',
      note: 'asks what doing nothing costs',
    },
  ],
  budget: [
    {
      pattern:
        '\\b(?:budget\\w*|money|spend\\w*|invest\\w*|set aside|afford|funds?|funded|ranges?|ballpark|numbers?|paying|pay)\\b',
      note: 'asks about money',
    },
  ],
  decision: [
    {
      pattern:
        '\\b(?:who else|decid\\w*|decision\\w*|signs? off|sign-off|approv\\w*|boss|committee|board|process|stakeholders?|final say|your call|procurement)\\b',
      note: 'maps who decides and how',
    },
  ],
  incumbent: [
    {
      pattern:
        '\\b(?:current (?:vendor|supplier|provider|partner|system|tool)|incumbent|switch\\w*|pick them|choose them|get wrong|happy with|relationship|loyal\\w*|contract|them again)\\b',
      note: 'sets the status quo against itself',
    },
  ],
  timeline: [
    {
      pattern:
        '\\b(?:when|timeline|deadline|by when|dates?|what changes|between now|renewal|go-live|urgent|why now|next quarter|january)\\b',
      note: 'tests for a real event and date',
    },
  ],
  competition: [
    {
      pattern:
        '\\b(?:other (?:vendors?|options|quotes|suppliers|bids)|compar\\w*|competitors?|alternatives?|cheaper|shopping|who else are you|if prices? matched)\\b',
      note: 'asks what they are measuring against',
    },
  ],
  concern: [
    {
      pattern:
        '\\b(?:worr\\w*|concern\\w*|least sure|hesitat\\w*|holding you back|what part|risk\\w*|scared|afraid|trust|burned|bad experience|nervous)\\b',
      note: 'names the unspoken concern',
    },
  ],
  need: [
    {
      pattern:
        '\\b(?:what made you|take this meeting|looking for|hoping|goals?|trying to (?:solve|fix|achieve)|success look|what would (?:make|need)|worth (?:it|your time))\\b',
      note: 'asks for the compelling reason',
    },
  ],
};

const compiled = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'gi');
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * How strongly the reply reaches the topic: the number of cue matches (the topic's word classes
 * plus the fact's own cues, which count double as they are more specific). 0 = not at all.
 */
export function topicHits(reply: string, topic: Topic, extraCues: readonly string[] = []): number {
  const text = reply.toLowerCase().replace(/[’‘]/g, "'");
  const count = (pattern: string) => text.match(regex(pattern))?.length ?? 0;
  return (
    TOPIC_CUES[topic].reduce((n, c) => n + count(c.pattern), 0) +
    2 * extraCues.reduce((n, c) => n + count(c), 0)
  );
}
