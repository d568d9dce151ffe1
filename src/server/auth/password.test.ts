/** Password hashes: full cost in the product; the cheap cost tests use changes only new hashes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cheapHashesForTests, hashPassword, PARAMS, verifyPassword } from './password.js';

test('hashes carry their scrypt cost; the product hashes at N = 2^15, and tests may hash cheaper', async () => {
  assert.deepEqual(PARAMS, { N: 2 ** 15, r: 8, p: 1 });
  const full = await hashPassword('correct horse battery');
  assert.match(full, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);

  cheapHashesForTests();
  const cheap = await hashPassword('correct horse battery');
  assert.match(cheap, /^scrypt\$1024\$8\$1\$/);
  // each hash is verified at the cost it names, whichever cost new hashes use now
  assert.equal(await verifyPassword('correct horse battery', full), true);
  assert.equal(await verifyPassword('correct horse battery', cheap), true);
  assert.equal(await verifyPassword('correct horse staple', full), false);
  assert.equal(await verifyPassword('correct horse staple', cheap), false);
  assert.equal(await verifyPassword('correct horse battery', 'scrypt$1024$8$1$bad'), false);
});
