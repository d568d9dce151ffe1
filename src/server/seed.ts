/**
 * The demo data a fresh database gets on first run: a team, an admin, a manager and three reps
 * (one password for all), and the bundled example calls spread over the last six weeks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { inlineAnalyzer } from './analyzer.js';
import { hashPassword } from './auth/password.js';
import { createDeal, linkCall } from './db/deals.js';
import { countUsers, createTeam, createUser, type User } from './db/people.js';
import { createAssignment } from './db/practice.js';
import type { Database } from './db/schema.js';
import { daysAgo } from './db/time.js';
import { ingestUpload } from './ingest.js';

export const DEMO_PASSWORD = 'walkpoint-demo';
export const DEMO_ACCOUNTS = {
  admin: 'admin@walkpoint.demo',
  manager: 'manager@walkpoint.demo',
} as const;

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples', import.meta.url));
const TRANSCRIPT = /\.(vtt|srt|txt|json|csv)$/;

export interface SeedResult {
  seeded: boolean;
  calls: number;
  accounts: { email: string; role: string }[];
}

/** Seeds an empty database (no users); does nothing to one already in use. */
export async function seedDemo(
  db: Kysely<Database>,
  examplesDir: string = EXAMPLES_DIR,
): Promise<SeedResult> {
  if ((await countUsers(db)) > 0) return { seeded: false, calls: 0, accounts: [] };
  const team = await createTeam(db, 'Demo team');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const make = (email: string, name: string, role: User['role']) =>
    createUser(db, { email, name, role, passwordHash, teamIds: role === 'admin' ? [] : [team.id] });
  const admin = await make(DEMO_ACCOUNTS.admin, 'Avery Admin', 'admin');
  const manager = await make(DEMO_ACCOUNTS.manager, 'Morgan Lee', 'manager');
  const reps = [
    await make('dana@walkpoint.demo', 'Dana Reyes', 'rep'),
    await make('chris@walkpoint.demo', 'Chris Park', 'rep'),
    await make('sam@walkpoint.demo', 'Sam Patel', 'rep'),
  ];
  const files = readdirSync(examplesDir)
    .filter((f) => TRANSCRIPT.test(f) && !f.endsWith('.labels.json'))
    .sort();
  let calls = 0;
  for (const [i, file] of files.entries()) {
    const labels = readLabels(join(examplesDir, file.replace(TRANSCRIPT, '.labels.json')));
    // The bundled examples, before the server listens: this thread, no budget needed.
    await ingestUpload(
      db,
      admin,
      {
        filename: file,
        content: readFileSync(join(examplesDir, file)),
        repId: reps[i % reps.length].id,
        // Spread over six weeks, newest first, so trends have points and this week has a queue.
        date: daysAgo(Math.floor((i * 40) / Math.max(1, files.length - 1))),
        speakers: labels,
      },
      inlineAnalyzer(),
    );
    calls++;
  }
  await seedDemoDeal(db, admin);
  // One practice assignment, so a demo rep finds something waiting on the practice page.
  await createAssignment(db, {
    scenario: 'procurement-renewal-discount',
    userId: reps[0].id,
    assignedBy: manager.id,
  });
  return {
    seeded: true,
    calls,
    accounts: [admin, manager, ...reps].map((u) => ({ email: u.email, role: u.role })),
  };
}

function readLabels(path: string): string[] | undefined {
  try {
    const rep = (JSON.parse(readFileSync(path, 'utf8')) as { rep?: unknown }).rep;
    return Array.isArray(rep) && rep.length > 0 ? rep.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/** One demo deal, linked to a bundled call, so the deal review has something to show. */
async function seedDemoDeal(db: Kysely<Database>, admin: User): Promise<void> {
  const call = await db
    .selectFrom('calls')
    .select(['id', 'rep_user_id'])
    .where('title', '=', 'saas-payroll-think-it-over.csv')
    .executeTakeFirst();
  if (!call) return;
  const id = await createDeal(db, call.rep_user_id, {
    name: 'Payroll and tip reconciliation, 6 restaurants',
    company: 'Cho Restaurant Group',
    stage: 'evaluation',
    value: 58000,
    currency: 'USD',
  });
  await linkCall(db, admin, id, call.id);
}
