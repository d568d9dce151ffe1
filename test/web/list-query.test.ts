/** A list's view in its URL: the query string a view writes, and the view a query string reads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callsView, NO_FILTERS } from '../../web/src/callsView.js';
import { withQuery } from '../../web/src/urlQuery.js';

test('withQuery sets and drops keys, in a stable order', () => {
  const here = new URLSearchParams('sort=score&q=acme');
  assert.equal(
    withQuery('/calls', here, { response: 'caved', page: 2 }),
    '/calls?page=2&q=acme&response=caved&sort=score',
  );
  assert.equal(withQuery('/calls', here, { q: '', sort: null }), '/calls');
  assert.equal(withQuery('/team', new URLSearchParams(), { weeks: 0 }), '/team?weeks=0');
  assert.equal(withQuery('/calls', here, NO_FILTERS), '/calls?sort=score');
  // the caller's parameters are left as they were
  assert.equal(here.toString(), 'sort=score&q=acme');
});

test('callsView reads the filters, the sort and the page the URL names', () => {
  const v = callsView(
    new URLSearchParams(
      'q=price&rep=3&from=2026-01-01&minScore=40&response=caved,walked-out&trigger=stall&sort=title&order=desc&page=3',
    ),
  );
  assert.deepEqual(v, {
    f: {
      q: 'price',
      rep: '3',
      from: '2026-01-01',
      to: '',
      minScore: '40',
      maxScore: '',
      response: ['caved', 'walked-out'],
      trigger: ['stall'],
    },
    sort: 'title',
    order: 'desc',
    page: 3,
  });
});

test('callsView reads what it cannot use as the default, never as an error', () => {
  const v = callsView(
    new URLSearchParams('response=caved,nonsense&trigger=,&sort=drop&order=up&page=-2'),
  );
  assert.deepEqual(v.f.response, ['caved']);
  assert.deepEqual(v.f.trigger, []);
  assert.equal(v.sort, 'date');
  assert.equal(v.order, 'desc');
  assert.equal(v.page, 1);
  assert.equal(callsView(new URLSearchParams('page=2.5')).page, 1);
  // a sort with no order named reads in its own direction: names A to Z
  assert.equal(callsView(new URLSearchParams('sort=rep')).order, 'asc');
});
