import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Db } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { seedCatalogue } from '../../../src/db/award-versions';
import { dossierFindings } from '../../../src/workflow/eligibility/findings';
import { getSetting } from '../../../src/db/settings';
import { listUnits } from '../../../src/db/units';
import { demoPolicy } from '../../../src/demo/demo-policy';
import { seedDemo } from '../../../src/demo/seed-demo';
import { finding } from '../../unit/rules/fixtures';
import { testEngineDeps } from '../../helpers/engine';

/**
 * `npm run demo`'s organisation: every role can log in, and the first room's draft dossier shows the
 * award rules at work before anyone touches it.
 */

const year = 2026;
const now = new Date(`${year}-11-20T03:00:00Z`);
let db: Db;
let dataDir: string;
beforeAll(async () => {
  db = await openDb({ inMemory: true });
  await seedCatalogue(db);
  dataDir = await mkdtemp(join(tmpdir(), 'accolade-demo-seed-'));
});
afterAll(async () => {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('the demo organisation: logins, a people register, an approved registration, a dossier with findings', async () => {
  const engine = testEngineDeps(db, { now: () => now });
  const logins = await seedDemo(db, engine, {
    logger: pino({ level: 'silent' }),
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    year,
    dataDir,
  });
  expect(logins?.map((l) => l.username)).toEqual([
    'admin',
    'vanphong',
    'giamdoc',
    'phogiamdoc',
    'hoidong',
    'vanthu.pldvl',
    'vanthu.pncc',
    'vanthu.pbtxh',
    'vanthu.pgdnn',
  ]);
  // Only once: a second start finds the organisation and creates nothing.
  expect(await seedDemo(db, engine, { logger: pino({ level: 'silent' }), year, dataDir })).toBeNull();
  expect(await listUnits(db)).toHaveLength(9);

  const [reg] = await db.query<{ state: string; entries: number }>(
    `SELECT r.state, count(e.id)::int AS entries FROM registrations r JOIN registration_entries e ON e.registration_id = r.id
     GROUP BY r.id`,
  );
  expect(reg).toEqual({ state: 'approved', entries: 8 });

  const [d] = await db.query<{ id: number; state: string }>('SELECT id, state FROM dossiers ORDER BY id');
  expect(d!.state).toBe('draft');
  const judged = await dossierFindings(db, d!.id, now);
  const line = (awardCode: string, nomineeName: string) =>
    judged.items.find((i) => i.awardCode === awardCode && i.nomineeName === nomineeName)!;
  expect(judged.items).toHaveLength(10);

  // A four-year excellent head of room with a province-wide initiative: nothing to object to.
  expect(line('LDTT', 'Nguyễn Văn An')).toMatchObject({ eligible: true, counts: { warn: 0, fail: 0 } });
  // 8 LDTT × 15% = 1.2 → one CSTDCS fits the quota.
  expect(line('CSTDCS', 'Nguyễn Văn An').eligible).toBe(true);
  expect(finding(line('CSTDCS', 'Nguyễn Văn An').findings, 'CSTDCS.quota').explanation.en).toContain('1.2');
  // Only "completed" this year: no LDTT.
  expect(finding(line('LDTT', 'Lê Văn Cường').findings, 'LDTT.rating').outcome).toBe('fail');
  // A reprimand in force.
  expect(finding(line('LDTT', 'Phạm Thị Dung').findings, 'general.discipline').outcome).toBe('fail');
  // Not registered: a warning under the default policy, still eligible.
  expect(line('LDTT', 'Hoàng Văn Em')).toMatchObject({ eligible: true });
  expect(finding(line('LDTT', 'Hoàng Văn Em').findings, 'registration').outcome).toBe('warn');
  // The room itself, all its members nominated for LDTT, none disciplined at warning level or above.
  expect(line('TTLDTT', 'Phòng Lao động – Việc làm')).toMatchObject({
    nomineeKind: 'collective',
    eligible: true,
  });
  expect(judged.summary).toEqual({ nominations: 10, eligible: 8, withHardFailure: 2, withWarning: 1 });
});

test('the demo walks into its deadlines: a dossier nobody receives, one returned for supplement', async () => {
  // Run after the test above, on the organisation it created.
  expect(await getSetting(db, 'policy')).toEqual(demoPolicy);
  const dossiers = await db.query<{ id: number; state: string; unit: string }>(
    `SELECT d.id, d.state, u.code AS unit FROM dossiers d JOIN units u ON u.id = d.unit_id ORDER BY d.id`,
  );
  expect(dossiers.map((d) => [d.unit, d.state])).toEqual([
    ['PLĐVL', 'draft'],
    ['PNCC', 'submitted'],
    ['PBTXH', 'returned'],
  ]);
  const timers = await db.query<{ record_id: number; kind: string; rung: string; status: string; s: number }>(
    `SELECT record_id, kind, rung, status, round(extract(epoch FROM due_at - $1::timestamptz))::int AS s
       FROM timers WHERE record_type = 'dossier' AND status = 'armed' ORDER BY record_id, due_at`,
    [now],
  );
  const [, ncc, btxh] = dossiers;
  // Seconds after the demo's first start (the seed runs at `now`).
  expect(timers.map((t) => [t.record_id, t.kind, t.rung, t.s])).toEqual([
    [ncc!.id, 'receipt', 'reminder-1', 120],
    [ncc!.id, 'receipt', 'deadline', 180],
    [ncc!.id, 'receipt', 'escalation', 210],
    [btxh!.id, 'supplement', 'reminder-1', 180],
    [btxh!.id, 'supplement', 'deadline', 240],
    [btxh!.id, 'supplement', 'escalation', 270],
  ]);
  // Their files are real, downloadable PDFs.
  const files = await db.query<{ mime: string; n: number }>(
    'SELECT mime, count(*)::int AS n FROM attachments GROUP BY mime',
  );
  expect(files).toEqual([{ mime: 'application/pdf', n: 6 }]);
});
