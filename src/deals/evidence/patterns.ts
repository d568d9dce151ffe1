/**
 * Shared patterns for amounts and dates, in digits or words ("forty-five grand", "$60k",
 * "the 14th", "january first"). Speech-to-text calls write numbers as words, so both count.
 */
const NUMBER_WORD =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a|half)';
const NUMBER_WORDS = `${NUMBER_WORD}(?:(?:[\\s-]|,\\s|\\s(?:and|to|or|point)\\s)${NUMBER_WORD})*`;
const DIGITS = '\\d[\\d,]*(?:\\.\\d+)?';
const NUMBER = `(?:${DIGITS}|${NUMBER_WORDS})`;

/** A sum of money: "$60k", "£200", "60,000 dollars", "forty, forty-five grand", "two hundred quid". */
export const MONEY = new RegExp(
  `(?:[$£€]\\s?${DIGITS}(?:\\s?(?:k|m|mm|million|thousand|grand)\\b)?|\\b${NUMBER}\\s?(?:k|grand|thousand|million|dollars|bucks|quid|pounds|euros)\\b)`,
  'i',
);

/** A measured cost: money, or a count of time, people or percent ("two full days", "40%"). */
export const QUANTITY = new RegExp(
  `(?:${MONEY.source}|\\b${NUMBER}(?:\\s(?:full|whole|more|extra))?\\s?(?:%|percent\\b|days?\\b|hours?\\b|shifts?\\b|weeks?\\b|months?\\b|people\\b|loads\\b|times\\b|customers\\b|clients\\b|accounts\\b))`,
  'i',
);

const MONTH =
  '(?:january|february|march|april|may(?=\\s(?:\\d|first|second|third|\\w+th\\b))|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
/** Ordinals that name a day of the month; "the first/second" are left out (usually "the first one"). */
const DAY_ORDINAL =
  '(?:\\d{1,2}(?:st|nd|rd|th)|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\\w+|thirtieth|thirty-first)';

/** A date or a dated period: a month, a weekday, "the 14th", "end of the quarter", "Q3". */
export const DATE = new RegExp(
  `\\b(?:${MONTH}(?:\\s(?:${DAY_ORDINAL}|first|second|third|\\d{1,2}))?|${DAY}|the\\s${DAY_ORDINAL}|(?:end|start|beginning)\\sof\\s(?:the\\s)?(?:month|quarter|year)|q[1-4]|(?:this|next)\\s(?:month|quarter|year)|fiscal\\syear|year[-\\s]end|new\\syear|spring|summer|autumn|winter)\\b`,
  'i',
);

/** A clock time with am or pm: "9 am", "2:30pm", "10 a.m.". */
const CLOCK = '\\b\\d{1,2}(?::\\d\\d)?\\s?(?:a\\.?m\\b\\.?|p\\.?m\\b\\.?)';
/** An hour in words, as in "at ten". */
const HOUR_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';

/** A day or a time, as people agree a meeting: "Thursday at two", "the 3rd", "9 am". */
export const MEETING_TIME = new RegExp(
  `(?:${DATE.source}|${CLOCK}|\\bat\\s(?:\\d{1,2}(?::\\d\\d)?|${HOUR_WORD}|noon)\\b|\\btomorrow\\b|\\bnext\\sweek\\b)`,
  'i',
);

/** What may follow a bare clock hour ("at ten then", "at 3 on Tuesday"), not "at one point". */
const CLOCK_END =
  "(?=\\s*(?:$|[.?!]|o'?clock|thirty|fifteen|forty-five|then|works|on\\b|tomorrow|sharp|your time|my time|london|eastern|pacific|central))";

/**
 * A slot on a calendar, narrower than a date: a weekday, tomorrow, next week, a clock time, "the
 * 5th", "March 3". A month or a season alone is a plan, not a meeting.
 */
export const MEETING_SLOT = new RegExp(
  `\\b(?:${DAY}|tomorrow|next\\sweek|the\\s${DAY_ORDINAL}|${MONTH}\\s(?:${DAY_ORDINAL}|\\d{1,2}))\\b|${CLOCK}|\\bat\\s(?:\\d{1,2}:\\d\\d|noon|(?:\\d{1,2}|${HOUR_WORD})${CLOCK_END})`,
  'i',
);
