/**
 * The demo data a fresh database gets on first run: a team, an admin, a manager, one rep per
 * salesperson of the bundled example calls (one password for all), and those calls spread over
 * the last six weeks, each belonging to the rep who speaks as its salesperson, so the calls list
 * and the transcript name the same person and uploading an example again infers its rep.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { hashPassword } from './auth/password.js';
import { createDeal, linkCall } from './db/deals.js';
import { countUsers, createTeam, createUser, type User } from './db/people.js';
import { createAssignment } from './db/practice.js';
import type { Database } from './db/schema.js';
import { daysAgo } from './db/time.js';
import { inlineAnalyzer } from './services/analyzer.js';
import { ingestUpload } from './services/ingest.js';

export const DEMO_PASSWORD = 'walkpoint-demo';
export const DEMO_ACCOUNTS = {
  admin: 'admin@walkpoint.demo',
  manager: 'manager@walkpoint.demo',
  /** The rep of the staffing example, who also finds a practice assignment waiting. */
  rep: 'dana@walkpoint.demo',
} as const;

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples', import.meta.url));
const TRANSCRIPT = /\.(vtt|srt|txt|json|csv)$/;

export interface SeedResult {
  seeded: boolean;
  calls: number;
  accounts: { email: string; role: string; name: string }[];
}

/** A demo email for each name: the first name, or first.last when two reps share one. */
export function demoEmails(names: string[]): Map<string, string> {
  const first = (n: string) => n.trim().split(/\s+/)[0].toLowerCase();
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '');
  const emails = new Map<string, string>();
  for (const name of names) {
    const shared = names.some((o) => o !== name && first(o) === first(name));
    emails.set(name, `${slug(shared ? name : first(name)) || 'rep'}@walkpoint.demo`);
  }
  return emails;
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
  const files = readdirSync(examplesDir)
    .filter((f) => TRANSCRIPT.test(f) && !f.endsWith('.labels.json'))
    .sort();
  const calls = files.map((file) => ({
    file,
    speakers: readLabels(join(examplesDir, file.replace(TRANSCRIPT, '.labels.json'))),
  }));
  // The salesperson who leads each call is a rep of the demo team (a second rep voice, such as a
  // sales engineer, stays a speaker of that call only).
  const names = [...new Set(calls.flatMap((c) => (c.speakers ? [c.speakers[0]] : [])))];
  if (names.length === 0) names.push('Dana Whitfield');
  const emails = demoEmails(names);
  const reps: User[] = [];
  for (const name of names) reps.push(await make(emails.get(name) as string, name, 'rep'));
  const repNamed = (name: string | undefined) => reps.find((r) => r.name === name);
  for (const [i, call] of calls.entries()) {
    // The bundled examples, before the server listens: this thread, no budget needed.
    await ingestUpload(
      db,
      admin,
      {
        filename: call.file,
        content: readFileSync(join(examplesDir, call.file)),
        repId: (repNamed(call.speakers?.[0]) ?? reps[i % reps.length]).id,
        // Spread over six weeks, newest first, so trends have points and this week has a queue.
        date: daysAgo(Math.floor((i * 40) / Math.max(1, calls.length - 1))),
        speakers: call.speakers,
      },
      inlineAnalyzer(),
    );
  }
  await seedDemoDeal(db, admin);
  // One practice assignment, so a demo rep finds something waiting on the practice page.
  await createAssignment(db, {
    scenario: 'procurement-renewal-discount',
    userId: (reps.find((r) => r.email === DEMO_ACCOUNTS.rep) ?? reps[0]).id,
    assignedBy: manager.id,
  });
  return {
    seeded: true,
    calls: calls.length,
    accounts: [admin, manager, ...reps].map((u) => ({
      email: u.email,
      role: u.role,
      name: u.name,
    })),
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

const ROLE_ORDER: Record<string, number> = { admin: 0, manager: 1, rep: 2 };

/**
 * The demo accounts still able to sign in (every role; all share DEMO_PASSWORD unless someone
 * changed theirs), admins first, then managers, then reps by name.
 */
export async function demoLogins(
  db: Kysely<Database>,
): Promise<{ email: string; role: string; name: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['email', 'role', 'name'])
    .where('email', 'like', '%@walkpoint.demo')
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.sort(
    (a, b) => (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3) || a.name.localeCompare(b.name),
  );
}

/** The lines `npm start` prints: every demo login, with the password. */
export function demoLoginLines(logins: { email: string; role: string; name: string }[]): string[] {
  if (logins.length === 0) return [];
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role.padEnd(7)}  ${l.name}`),
  ];
}
