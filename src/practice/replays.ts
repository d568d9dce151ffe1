/**
 * Scripted replies per bundled scenario, for the replay tests and as worked examples: one path
 * that challenges on the right topics, one that caves. Each reply is clearly of its kind, so the
 * grades stay stable while the engine is tuned.
 */
export interface Replay {
  seed: number;
  challenging: string[];
  caving: string[];
}

export const REPLAYS: Record<string, Replay> = {
  'cto-ten-minutes': {
    seed: 7,
    challenging: [
      'Happy to get to price. Before I do, what made you say yes to this call?',
      'Too expensive compared with what? And who else decides on a purchase like this?',
      'Clients usually invest between one and two hundred thousand. Are we close, or way off?',
      'What part are you least sure about?',
    ],
    caving: [
      'Sure, the price is forty thousand a year.',
      'Okay, I can take another twenty percent off and include onboarding.',
    ],
  },
  'procurement-renewal-discount': {
    seed: 7,
    challenging: [
      'Thirty percent is a big number. Where does the thirty percent come from?',
      'Cheaper compared with what? How does their scope compare with what we deliver today?',
      'Who else has a say, and how will operations decide?',
      'How will the committee decide, and what will they ask?',
    ],
    caving: [
      'Okay, I can do thirty percent off the current rate.',
      'Sure, we can waive the implementation fees as well.',
    ],
  },
  'send-me-information': {
    seed: 7,
    challenging: [
      'Sure. Before I send anything, what made you download the guide?',
      'What happens if the overtime keeps growing? When would it need to be fixed by?',
      'What does waiting cost you between now and September?',
    ],
    caving: ['Sure, I will email you our brochure this afternoon.'],
  },
  'plant-manager-eleven-years': {
    seed: 7,
    challenging: [
      'Eleven years is a long time. What would Hartwell have to get wrong before you would look elsewhere?',
      'What happens to the line when a delivery is late? What does the downtime cost you?',
      'What worries you most about changing suppliers?',
      'What part are you least sure about?',
    ],
    caving: [
      'Okay, no problem. I understand completely.',
      'Sure, I will put together a free price comparison on your top fifty parts.',
    ],
  },
  'marketing-next-quarter': {
    seed: 7,
    challenging: [
      'What changes between now and next quarter?',
      'What does waiting cost you if you plan spring without the data?',
      'What part are you least sure about?',
    ],
    caving: [
      'Sure, no problem. I can give you a free trial over the holidays.',
      'Of course, we will do a free analysis of your last campaign as well.',
    ],
  },
  'committee-gatekeeper': {
    seed: 7,
    challenging: [
      'How will the committee decide, and who sits on it?',
      'Clients usually invest between seventy and a hundred thousand a year. Is money set aside, or would it need to be found?',
      'What will the committee do with the proposal? Can we cover what went wrong with payroll first?',
      'What would it need to show to earn a meeting?',
    ],
    caving: [
      'Sure, I will send over a full proposal with pricing this week.',
      'Of course, I will include an implementation plan and three references too.',
    ],
  },
  'founder-free-pilot': {
    seed: 7,
    challenging: [
      'What would the pilot need to prove for you to sign? What does success look like?',
      'What is fraud costing you today in chargebacks?',
      'Too high compared with what? What happens if the chargebacks keep climbing?',
      'What would it take to go ahead on a paid pilot?',
    ],
    caving: [
      'Sure, we can do a free pilot for a month.',
      'Okay, we will make it two months and do the integration for free.',
    ],
  },
  'benchmark-shopper': {
    seed: 7,
    challenging: [
      'What made you ask for a quote now? What will you do with the quote?',
      'If prices matched, would you pick DataVault again? What would they have to get wrong before you switch?',
      'Should we just call it not a fit? Is that where this is going?',
    ],
    caving: [
      'Sure, I will email you a quote and a one-pager today.',
      'Okay, I can take another ten percent off the quote.',
    ],
  },
  'cfo-bad-timing': {
    seed: 7,
    challenging: [
      'What did the auditors find last year, and what happens if they find it again?',
      'What would a material weakness cost you?',
      'Who else decides, and how would the audit committee decide?',
      'What changes between now and next quarter?',
    ],
    caving: [
      'Of course. I will put together a free assessment and send it over after the audit.',
      'Sure, I will send you a full business case with your numbers.',
    ],
  },
  'ops-director-heard-it-before': {
    seed: 7,
    challenging: [
      'It sounds like vendors have wasted your time before. What went wrong with the last two?',
      'What is fuel and insurance costing you today?',
      'Who else has a say, and how will the driver council decide?',
      'What part are you least sure about?',
    ],
    caving: [
      'Sure, no problem. I understand.',
      'Okay, we can put units in ten trucks for free for three months.',
    ],
  },
  'clinic-let-me-think': {
    seed: 7,
    challenging: [
      'Of course. What part are you least sure about?',
      'Who else has a say in this, and how would Dr Patel decide?',
      'What does a no-show cost you today?',
    ],
    caving: [
      'Sure, I will send you a brochure and a free trial to show the team.',
      'Of course, I will check back after the summer.',
    ],
  },
  'bakery-best-number': {
    seed: 7,
    challenging: [
      'Shops your size usually invest two to four hundred a month. Are we close, or way off?',
      'Too expensive compared with what? What is going wrong with the old tills?',
      'What happens if it is not running when the fourth shop opens? When does it open?',
    ],
    caving: [
      'Sure, our best number is two hundred a month.',
      'Okay, I can throw in the card readers for free.',
    ],
  },
};
