import pino from 'pino';
import type { Db } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { seedCatalogue } from '../../../src/db/award-versions';
import { dossierFindings } from '../../../src/workflow/eligibility/findings';
import { listUnits } from '../../../src/db/units';
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
beforeAll(async () => {
  db = await openDb({ inMemory: true });
  await seedCatalogue(db);
});
afterAll(async () => db.close());

test('the demo organisation: logins, a people register, an approved registration, a dossier with findings', async () => {
  const engine = testEngineDeps(db, { now: () => now });
  const logins = await seedDemo(db, engine, {
    logger: pino({ level: 'silent' }),
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    year,
  });
  expect(logins?.map((l) => l.username)).toEqual([
    'admin',
    'vanphong',
    'giamdoc',
    'phogiamdoc',
    'hoidong',
    'vanthu.ldvl',
    'vanthu.ncc',
    'vanthu.btxh',
    'vanthu.gdnn',
  ]);
  // Only once: a second start finds the organisation and creates nothing.
  expect(await seedDemo(db, engine, { logger: pino({ level: 'silent' }), year })).toBeNull();
  expect(await listUnits(db)).toHaveLength(9);

  const [reg] = await db.query<{ state: string; entries: number }>(
    `SELECT r.state, count(e.id)::int AS entries FROM registrations r JOIN registration_entries e ON e.registration_id = r.id
     GROUP BY r.id`,
  );
  expect(reg).toEqual({ state: 'approved', entries: 8 });

  const [d] = await db.query<{ id: number; state: string }>('SELECT id, state FROM dossiers');
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
