import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Analysis, Turn } from '../core/types.js';
import {
  escapeHtml,
  escapeMarkdown,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderQuestionBank,
  renderReport,
  renderSummaryTable,
  renderText,
  summaryRow,
} from './index.js';
import { excerpt, formatTime, momentTurns, splitBySpans } from './view.js';

const TEXTS: [string, Turn['role'], string][] = [
  ['Dana', 'rep', 'Thanks for making time. What prompted you to take this call?'],
  [
    'Sam',
    'prospect',
    'Honestly this is way more than we expected to pay. <script>alert(1)</script>',
  ],
  ['Dana', 'rep', 'Too much compared with what?'],
  ['Sam', 'prospect', 'Just send me something and I will look at it.'],
  ['Dana', 'rep', 'Sure, I will send it over today.'],
];

/** A hand-built analysis: one challenged price objection, one caved info stall. */
function fixture(): Analysis {
  const turns: Turn[] = TEXTS.map(([speaker, role, text], index) => ({
    index,
    speaker,
    role,
    text,
    start: index * 30,
    end: index * 30 + 25,
    line: index + 1,
  }));
  const priceQuote = 'way more than we expected to pay';
  const priceAt = turns[1].text.indexOf(priceQuote);
  const stallQuote = 'Just send me something';
  return {
    version: 1,
    engine: { name: 'walkpoint', version: '0.1.0' },
    source: { file: 'calls/acme.vtt', format: 'vtt', bytes: 512 },
    speakers: [
      { name: 'Dana', role: 'rep', roleConfidence: 0.92, talkShare: 0.45, words: 30, turns: 3 },
      { name: 'Sam', role: 'prospect', roleConfidence: 0.9, talkShare: 0.55, words: 36, turns: 2 },
    ],
    turns,
    findings: [],
    moments: [
      {
        turn: 1,
        speaker: 'Sam',
        trigger: {
          kind: 'objection',
          subtype: 'price',
          span: [priceAt, priceAt + priceQuote.length],
          quote: priceQuote,
          confidence: 0.9,
          reason: 'price-compare',
        },
        response: {
          kind: 'challenged',
          turn: 2,
          evidence: 'Too much compared with what?',
          reasons: ['tough-question'],
          explanation: 'The rep asked a tough question about the price instead of defending it.',
          confidence: 0.85,
        },
        suggestions: [],
        praise: 'Asked what the price was being compared with.',
        confidence: 0.77,
        needsReview: false,
      },
      {
        turn: 3,
        speaker: 'Sam',
        trigger: {
          kind: 'stall',
          subtype: 'info',
          span: [0, stallQuote.length],
          quote: stallQuote,
          confidence: 0.88,
          reason: 'send-me-info',
        },
        response: {
          kind: 'caved',
          turn: 4,
          evidence: 'Sure, I will send it over today.',
          reasons: ['concession'],
          explanation: 'The rep agreed to send the information and asked for nothing back.',
          confidence: 0.8,
        },
        suggestions: [
          {
            id: 'stall-info-1',
            text: 'After you read it, what happens next?',
            why: 'Tests whether the request is a kind goodbye.',
          },
        ],
        confidence: 0.7,
        needsReview: false,
      },
    ],
    metrics: {
      durationSeconds: 145,
      repTalkShare: 0.45,
      repTurns: 3,
      prospectTurns: 2,
      questions: 2,
      toughQuestions: 1,
      questionsPerRepTurn: 0.67,
      toughQuestionsPerRepTurn: 0.33,
      questionsPer10Min: 8.3,
      toughQuestionsPer10Min: 4.1,
      longestRepMonologue: { turn: 0, words: 11, seconds: 25 },
      longestProspectStretch: { turn: 1, words: 12, seconds: 25 },
      momentsByResponse: {
        challenged: 1,
        caved: 1,
        'gave-up': 0,
        'walked-out': 0,
        'pitched-through': 0,
        none: 0,
      },
      momentsByTrigger: { stall: 1, objection: 1, 'brush-off': 0, withholding: 0, demand: 0 },
      happyEars: 0,
      endsWithNextStep: false,
    },
    score: {
      willingToWalk: 58,
      components: [
        {
          id: 'challenge-rate',
          label: 'Challenged walk-points',
          points: 20,
          max: 40,
          detail: '1 of 2',
        },
        { id: 'no-caves', label: 'No caving', points: 10, max: 20, detail: '1 cave' },
      ],
    },
    warnings: [],
  };
}

describe('renderText', () => {
  test('shows each moment with its grade, evidence and suggestion', () => {
    const out = renderText(fixture(), { color: false });
    assert.match(out, /objection:price\s+->\s+challenged/);
    assert.match(out, /stall:info\s+->\s+caved/);
    assert.match(out, /After you read it, what happens next\?/);
    assert.match(out, /why: Tests whether the request is a kind goodbye\./);
    assert.match(out, /What worked: Asked what the price/);
    assert.match(out, /\[00:30\] Sam: Honestly this is «way more than we expected to pay»/);
    assert.match(out, /Dana \(rep, role confidence 92%, talk 45%\)/);
    assert.match(out, /Willing-to-walk score: 58\/100/);
    assert.match(out, /20\/40\s+Challenged walk-points/);
  });

  test('colours only when asked', () => {
    const plain = renderText(fixture(), { color: false });
    const coloured = renderText(fixture(), { color: true });
    const esc = '\u001b[';
    assert.ok(!plain.includes(esc));
    // caved is yellow (33), challenged green (32)
    assert.ok(coloured.includes(`${esc}33mcaved${esc}39m`));
    assert.ok(coloured.includes(`${esc}32mchallenged${esc}39m`));
  });

  test('says so when there are no moments', () => {
    const a = { ...fixture(), moments: [] };
    assert.match(renderText(a, { color: false }), /No walk-points found/);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(fixture());

  test('escapes transcript text', () => {
    assert.ok(!html.includes('<script>'), 'raw <script> must not appear');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  test('marks the trigger span in place with its grade', () => {
    assert.match(
      html,
      /<mark class="good" title="Objection: price">way more than we expected to pay<span class="grade">challenged<\/span><\/mark>/,
    );
    assert.match(html, /<mark class="warn" title="Stall: info">Just send me something/);
  });

  test('is standalone: inline CSS, no scripts, no external assets', () => {
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<style>/);
    assert.doesNotMatch(html, /<script|<link|src=|https?:/);
  });

  test("is titled by the file's name, never the path it was read from", () => {
    const fromPath = renderHtml({
      ...fixture(),
      source: { ...fixture().source, file: '/home/ana/calls/2025/acme-renewal.vtt' },
    });
    assert.match(fromPath, /<title>Walkpoint report: acme-renewal\.vtt<\/title>/);
    assert.match(fromPath, /<h1>Walkpoint report: acme-renewal\.vtt<\/h1>/);
    assert.doesNotMatch(fromPath, /\/home\/ana/);
    const windows = renderHtml({
      ...fixture(),
      source: { ...fixture().source, file: 'C:\\Users\\ana\\acme.srt' },
    });
    assert.match(windows, /<title>Walkpoint report: acme\.srt<\/title>/);
  });

  test('moment cards float beside their turn, before it, instead of a two-column grid', () => {
    assert.doesNotMatch(html, /grid-template-columns/);
    assert.match(html, /<aside class="notes"><section class="moment good" id="moment-1">/);
    assert.match(html, /<\/aside><div class="turn" id="turn-\d+"/);
    assert.match(html, /\.notes\{float:right/);
  });

  test('has a side note per moment with suggestions, and the scorecard', () => {
    assert.match(html, /<section class="moment warn" id="moment-2">/);
    assert.match(html, /After you read it, what happens next\?/);
    assert.match(html, /58\/100/);
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixture());

  test('has the scorecard with metrics and score components', () => {
    assert.match(md, /## Scorecard/);
    assert.match(md, /\| Rep talk share \| 45% \|/);
    assert.match(md, /### Willing-to-walk score: 58\/100/);
    assert.match(md, /\| Challenged walk-points \| 20\/40 \| 1 of 2 \|/);
  });

  test('bolds the trigger quote and escapes markup in transcript text', () => {
    assert.match(md, /\*\*way more than we expected to pay\*\*/);
    assert.ok(md.includes('\\<script\\>'));
    assert.equal(escapeMarkdown('a|b *c*'), 'a\\|b \\*c\\*');
  });
});

describe('renderJson and renderReport', () => {
  test('json is one line that parses back to the analysis', () => {
    const a = fixture();
    const json = renderJson(a);
    assert.ok(!json.includes('\n'));
    assert.deepEqual(JSON.parse(json), a);
  });

  test('renderReport dispatches on the format', () => {
    const a = fixture();
    assert.equal(renderReport(a, 'md', { color: false }), renderMarkdown(a));
    assert.equal(renderReport(a, 'json', { color: false }), `${renderJson(a)}\n`);
  });
});

describe('summary table', () => {
  test('one row per call with counts, and a total line', () => {
    const a = fixture();
    const b = { ...fixture(), source: { ...a.source, file: 'b.vtt' } };
    b.score = { ...b.score, willingToWalk: 80 };
    const table = renderSummaryTable([summaryRow(a), summaryRow(b)]);
    const lines = table.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^file\s+rep\s+moments\s+challenged\s+caved\s+gave-up/);
    assert.match(lines[1], /^calls\/acme\.vtt\s+Dana\s+2\s+1\s+1\s+0\s+0\s+0\s+58$/);
    assert.match(lines[3], /^total \(2 calls\)\s+4\s+2\s+2\s+0\s+0\s+0\s+69 avg$/);
  });
});

describe('question bank', () => {
  test('groups by trigger and subtype', () => {
    const entry = { why: 'w', technique: 'label' };
    const out = renderQuestionBank(
      [
        { ...entry, id: 'a', trigger: 'objection', subtype: 'price', text: 'Compared with what?' },
        { ...entry, id: 'b', trigger: 'objection', subtype: 'price', text: 'How could I?' },
        { ...entry, id: 'c', trigger: 'brush-off', text: 'Would rescheduling beat rushing?' },
      ],
      { color: false },
    );
    assert.match(out, /^objection:price \(2\)\n {2}- Compared with what\? \[label, a\]/);
    assert.match(out, /\nbrush-off \(1\)\n {2}- Would rescheduling/);
  });
});

describe('view helpers', () => {
  test('formatTime', () => {
    assert.equal(formatTime(0), '00:00');
    assert.equal(formatTime(65.7), '01:05');
    assert.equal(formatTime(3725), '1:02:05');
  });

  test('splitBySpans clips overlaps and keeps every character once', () => {
    const pieces = splitBySpans('abcdefghij', [
      [5, 8],
      [1, 3],
      [7, 9],
    ]);
    assert.equal(pieces.map((p) => p.text).join(''), 'abcdefghij');
    assert.deepEqual(
      pieces.map((p) => [p.text, p.mark]),
      [
        ['a', undefined],
        ['bc', 1],
        ['de', undefined],
        ['fgh', 0],
        ['i', 2],
        ['j', undefined],
      ],
    );
  });

  test('excerpt keeps the span visible in long text', () => {
    const text = `${'x'.repeat(1000)}NEEDLE${'y'.repeat(1000)}`;
    const cut = excerpt(text, [1000, 1006], 100);
    assert.ok(cut.text.length <= 102);
    assert.equal(cut.text.slice(cut.span![0], cut.span![1]), 'NEEDLE');
  });

  test('momentTurns runs from the trigger to the graded rep turn', () => {
    const a = fixture();
    assert.deepEqual(
      momentTurns(a, a.moments[1]).map((t) => t.index),
      [3, 4],
    );
  });
});

describe('HTML escaping', () => {
  test('each character that matters in text or in a quoted attribute becomes an entity', () => {
    const table: [string, string][] = [
      ['&', '&amp;'],
      ['<', '&lt;'],
      ['>', '&gt;'],
      ['"', '&quot;'],
      ["'", '&#39;'],
      // already escaped text stays text: the & goes first, so it is escaped exactly once
      ['&lt;b&gt;', '&amp;lt;b&amp;gt;'],
      ['a < b && c > "d" \'e\'', 'a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;'],
      // every attribute is double-quoted, so a backtick, = and spaces cannot end one
      ['`x` = y', '`x` = y'],
      ['Zoë, 10 €, ok', 'Zoë, 10 €, ok'],
      ['', ''],
    ];
    for (const [raw, escaped] of table) assert.equal(escapeHtml(raw), escaped, raw);
  });

  const hostile = (where: string) => `${where}<b id='x' title="y">&amp;</b>`;
  const escaped = (where: string) =>
    `${where}&lt;b id=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/b&gt;`;

  /** The fixture with markup in every text a renderer shows, each field tagged by name. */
  function hostileFixture(): Analysis {
    const a = fixture();
    // a file name has no slash (the report shows the name, not the path)
    a.source.file = `calls/file<b id='x' title="y">&amp;`;
    a.warnings = [hostile('warning')];
    a.speakers[1].name = hostile('speaker');
    for (const t of a.turns) if (t.speaker === 'Sam') t.speaker = hostile('speaker');
    const stall = a.turns[3];
    stall.text = `${hostile('mark')} ${hostile('after')}`;
    a.moments[1].speaker = hostile('speaker');
    // the span ends inside the tag: both halves must come out escaped
    a.moments[1].trigger.span = [0, hostile('mark').length - 3];
    a.moments[1].trigger.subtype = `x" onmouseover="alert(1)' q='`;
    a.moments[1].response.explanation = hostile('explanation');
    a.moments[1].response.evidence = hostile('evidence');
    a.moments[1].response.details = hostile('details');
    a.moments[1].suggestions = [{ id: 's', text: hostile('suggestion'), why: hostile('why') }];
    a.moments[0].praise = hostile('praise');
    a.moments[0].needsReview = true;
    a.moments[0].reviewReason = hostile('review');
    a.score.components[0].label = hostile('label');
    a.score.components[0].detail = hostile('detail');
    return a;
  }

  test('every text of the report is escaped, in the page and in its attributes', () => {
    const html = renderHtml(hostileFixture());
    assert.doesNotMatch(html, /<b\b|<\/b>|id='x'|title="y"|onmouseover="/);
    assert.ok(html.includes('file&lt;b id=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;</title>'));
    for (const where of [
      'warning',
      'speaker',
      'after',
      'explanation',
      'evidence',
      'details',
      'suggestion',
      'why',
      'praise',
      'review',
      'label',
      'detail',
    ]) {
      assert.ok(html.includes(escaped(where)), where);
    }
    // the highlighted part and the rest of the turn, split inside the tag
    assert.ok(html.includes(`>mark&lt;b id=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;<span`));
    assert.ok(html.includes('/b&gt; after&lt;b'));
    const titles = [...html.matchAll(/<mark class="\w+" title="([^"]*)">/g)].map((m) => m[1]);
    assert.deepEqual(titles, [
      'Objection: price',
      'Stall: x&quot; onmouseover=&quot;alert(1)&#39; q=&#39;',
    ]);
  });

  test('Markdown: markup, backticks and table pipes in any text stay text', () => {
    assert.equal(
      escapeMarkdown('<b>`x`</b> | *y* _z_ [l](u) #h \\'),
      '\\<b\\>\\`x\\`\\</b\\> \\| \\*y\\* \\_z\\_ \\[l\\](u) \\#h \\\\',
    );
    const md = renderMarkdown(hostileFixture());
    assert.doesNotMatch(md, /(?<!\\)<b\b/);
    assert.ok(md.includes('speaker\\<b id=\'x\' title="y"\\>&amp;\\</b\\>'));
  });
});
