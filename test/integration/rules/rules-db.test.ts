import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../../src/db/db';
import { json } from '../../../src/db/db';
import { openDb } from '../../../src/db/open-db';
import { addDiscipline, addInitiative, addPastAward, setRating } from '../../../src/db/register-history';
import { createCollective, setCollectiveMembers } from '../../../src/db/collectives';
import {
  createPerson,
  findPersonsByName,
  followMerger,
  getPerson,
  listPersonsOfUnit,
} from '../../../src/db/persons';
import type { Role } from '../../../machines/contract';
import { loadCollectiveNominee, loadPersonNominee } from '../../../src/db/nominees';
import { dropPostgresSchema } from '../../../src/db/postgres';
import { awardVersionInForce, listAwardVersions, seedCatalogue } from '../../../src/db/award-versions';
import { getCouncilSession } from '../../../src/db/council-sessions';
import {
  getRegistration,
  getRegistrationById,
  registrationForNominations,
} from '../../../src/db/registrations';
import { reviseAward } from '../../../src/workflow/catalogue/revise-award';
import { addToAgenda as putOnAgenda } from '../../../src/workflow/council/add-to-agenda';
import { openCouncilSession } from '../../../src/workflow/council/open-council-session';
import { countAgendaVote } from '../../../src/workflow/council/record-agenda-vote';
import { setAttendance as markAttendance } from '../../../src/workflow/council/set-attendance';
import { importPastAwards as importFile } from '../../../src/workflow/people/import-past-awards';
import { saveRegistrationEntries as saveEntries } from '../../../src/workflow/registrations/save-registration-entries';
import { sendRegistrationEvent as sendEvent } from '../../../src/workflow/registrations/send-registration-event';
import type { Actor } from '../../../src/workflow/types';
import { testEngineDeps } from '../../helpers/engine';
import { createRulesPort } from '../../../src/workflow/eligibility/rules-port';
import {
  dossierFindings,
  evaluateStoredNomination,
  findingsOfNominations,
} from '../../../src/workflow/eligibility/findings';
import { defaultCatalogue } from '../../../src/domain/catalogue';
import { finding } from '../../unit/rules/fixtures';
import { countingStatements } from '../../helpers/db';
import { parsePastAwardsCsv } from '../../../src/domain/people-import';
import { AppError } from '../../../src/errors';

/** PGlite in memory, and PostgreSQL in a fresh schema too when DATABASE_URL is set. */
const targets: Array<[string, () => Promise<{ db: Db; close: () => Promise<void> }>]> = [
  [
    'pglite',
    async () => {
      const db = await openDb({ inMemory: true });
      return { db, close: () => db.close() };
    },
  ],
];
const url = process.env.DATABASE_URL;
if (url)
  targets.push([
    'postgres',
    async () => {
      const schema = `t_rules_${randomBytes(5).toString('hex')}`;
      const db = await openDb({ databaseUrl: url, schema });
      return {
        db,
        close: async () => {
          await db.close();
          await dropPostgresSchema(url, schema);
        },
      };
    },
  ]);

/**
 * The award-rules use cases as these tests drive them: by the database alone, as an admin, the office
 * or the unit's own clerk, on the day given (the registration's catalogue check), with the same answers.
 */
const as = (userId: number | null, roles: Role[], unitId: number | null = null): Actor => ({
  userId,
  name: `user ${userId}`,
  roles,
  unitId,
});
const onDay = (db: Db, date: string) => testEngineDeps(db, { now: () => new Date(`${date}T03:00:00Z`) });
const putAwardVersion = (db: Db, code: string, patch: unknown, from: string, userId: number | null) =>
  reviseAward({ db }, as(userId, ['admin']), code, patch, from);
async function importPastAwards(db: Db, unitId: number, csv: string, userId: number) {
  const r = await importFile(
    onDay(db, '2026-03-02'),
    as(userId, ['office']),
    unitId,
    { mime: 'text/csv', buffer: Buffer.from(csv) },
    'commit',
  );
  if (r.mode !== 'commit') throw new Error('not committed');
  return r;
}
const saveRegistrationEntries = (
  db: Db,
  a: { campaignId: number; unitId: number; entries: unknown; userId: number; onDate: string },
) =>
  saveEntries(onDay(db, a.onDate), as(a.userId, ['unit'], a.unitId), a.campaignId, a.unitId, {
    entries: a.entries,
  });
async function sendRegistrationEvent(
  db: Db,
  id: number,
  event: { type: string; reason?: string },
  actor: { userId: number; roles: string[] },
  expectedVersion?: number,
) {
  const unitId = (await getRegistrationById(db, id))?.unitId ?? null;
  return sendEvent({ db }, as(actor.userId, actor.roles as Role[], unitId), id, {
    ...event,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  });
}
const office = (userId: number | null) => as(userId, ['office']);
const createCouncilSession = (db: Db, input: unknown, userId: number) =>
  openCouncilSession({ db }, office(userId), input);
const addToAgenda = async (db: Db, sessionId: number, nominationIds: number[]) =>
  (await putOnAgenda({ db }, office(1), sessionId, { nominationIds })).agenda.map((a) => a.nominationId);
const setAttendance = (db: Db, sessionId: number, presentMemberIds: number[]) =>
  markAttendance({ db }, office(1), sessionId, { presentMemberIds });
const recordAgendaVote = (
  db: Db,
  args: { sessionId: number; nominationId: number; yes: number; userId: number },
) => db.transaction((tx) => countAgendaVote(tx, args));

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}`);
}

async function unit(q: Queryable, code: string, name: string): Promise<number> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO units (code, name, valid_from) VALUES ($1, $2, '2020-01-01') RETURNING id`,
    [code, name],
  );
  return r[0]!.id;
}
/** Unit `from` is merged into `to` on `on` (its validity closes the day before). */
async function merge(q: Queryable, from: number, to: number, on: string): Promise<void> {
  await q.query(`UPDATE units SET valid_to = $3::date - 1, successor_id = $2 WHERE id = $1`, [from, to, on]);
}
const wfCols = 'state, machine_id, machine_version, snapshot';
async function campaign(q: Queryable, year: number, kind = 'annual'): Promise<number> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO campaigns (title, kind, year, nomination_deadline, ${wfCols})
     VALUES ($1, $2, $3, $4::date, 'open', 'campaign', 1, '{}'::jsonb) RETURNING id`,
    [`Thi đua ${year}`, kind, year, `${year}-12-15`],
  );
  return r[0]!.id;
}
async function dossier(
  q: Queryable,
  campaignId: number,
  unitId: number,
  receivedAt: string | null,
): Promise<number> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO dossiers (campaign_id, unit_id, title, submitted_at, received_at, ${wfCols})
     VALUES ($1, $2, 'Hồ sơ', $3::timestamptz, $3::timestamptz, 'accepted', 'dossier', 1, '{}'::jsonb) RETURNING id`,
    [campaignId, unitId, receivedAt],
  );
  return r[0]!.id;
}
async function nomination(
  q: Queryable,
  n: {
    dossierId: number;
    campaignId: number;
    unitId: number;
    awardCode: string;
    personId?: number;
    collectiveId?: number;
    name: string;
    state?: string;
    voteThreshold?: number;
  },
): Promise<number> {
  const snapshot = n.voteThreshold ? { context: { rules: { voteThreshold: n.voteThreshold } } } : {};
  const r = await q.query<{ id: number }>(
    `INSERT INTO nominations (dossier_id, campaign_id, unit_id, award_code, nominee_kind, nominee_name, person_id, collective_id,
       summary, ${wfCols})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Thành tích', $9, 'nomination', 1, $10::jsonb) RETURNING id`,
    [
      n.dossierId,
      n.campaignId,
      n.unitId,
      n.awardCode,
      n.collectiveId ? 'collective' : 'individual',
      n.name,
      n.personId ?? null,
      n.collectiveId ?? null,
      n.state ?? 'appraisal',
      json(snapshot),
    ],
  );
  return r[0]!.id;
}

describe.each(targets)('award rules on %s', (_kind, open) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await open());
  });
  afterAll(async () => close());

  describe('catalogue', () => {
    test('seeded with the nine defaults when empty, once', async () => {
      expect(await seedCatalogue(db)).toBe(9);
      expect(await seedCatalogue(db)).toBe(0);
      const all = await listAwardVersions(db);
      expect(all).toEqual([...defaultCatalogue].sort((a, b) => a.code.localeCompare(b.code)));
    });

    test('a new version closes the previous one the day before; the receipt day picks the version', async () => {
      const v2 = await putAwardVersion(db, 'CSTDCS', { voteThreshold: 0.75 }, '2025-07-01', null);
      expect(v2).toMatchObject({
        code: 'CSTDCS',
        version: 2,
        effectiveFrom: '2025-07-01',
        effectiveTo: null,
        voteThreshold: 0.75,
      });
      const versions = await listAwardVersions(db, 'CSTDCS');
      expect(versions.map((v) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([
        [1, '2024-01-01', '2025-06-30'],
        [2, '2025-07-01', null],
      ]);
      expect((await awardVersionInForce(db, 'CSTDCS', '2025-06-30'))?.voteThreshold).toBe(0.7);
      expect((await awardVersionInForce(db, 'CSTDCS', '2025-07-01'))?.voteThreshold).toBe(0.75);
      expect(await awardVersionInForce(db, 'CSTDCS', '2023-12-31')).toBeUndefined();
    });

    test('an effectiveFrom not after the current version’s is refused', async () => {
      await expectAppError(
        putAwardVersion(db, 'CSTDCS', { voteThreshold: 0.8 }, '2025-07-01', null),
        'VALIDATION_FAILED',
      );
      await expectAppError(
        putAwardVersion(db, 'CSTDCS', { voteThreshold: 0.8 }, '2025-01-01', null),
        'VALIDATION_FAILED',
      );
      await expectAppError(
        putAwardVersion(db, 'CSTDCS', { voteThreshold: 2 }, '2026-01-01', null),
        'VALIDATION_FAILED',
      );
      expect(await listAwardVersions(db, 'CSTDCS')).toHaveLength(2);
    });

    test('a new award code needs a complete body', async () => {
      await expectAppError(
        putAwardVersion(db, 'HCLD3', { voteThreshold: 0.9 }, '2026-01-01', 1),
        'VALIDATION_FAILED',
      );
      const {
        code: _c,
        version: _v,
        effectiveFrom: _f,
        effectiveTo: _t,
        ...body
      } = defaultCatalogue.find((a) => a.code === 'BKTTG')!;
      const v = await putAwardVersion(
        db,
        'HCLD3',
        { ...body, name: { vi: 'Huân chương Lao động hạng Ba', en: 'Labour Order, 3rd class' } },
        '2026-01-01',
        1,
      );
      expect(v).toMatchObject({ code: 'HCLD3', version: 1, authority: 'national' });
      await expect(createRulesPort().awardRules(db, 'HCLD3', '2026-02-01')).resolves.toEqual({
        code: 'HCLD3',
        authority: 'national',
        needsVote: true,
        needsNotice: true,
        voteThreshold: 0.8,
      });
    });
  });

  describe('people register across a merger', () => {
    let oldUnit: number;
    let midUnit: number;
    let newUnit: number;
    let an: number;

    beforeAll(async () => {
      oldUnit = await unit(db, 'SLDTBXH-VP', 'Văn phòng Sở LĐ-TB&XH');
      midUnit = await unit(db, 'SNV-LD', 'Phòng Lao động (Sở Nội vụ)');
      newUnit = await unit(db, 'SNV-VP', 'Văn phòng Sở Nội vụ');
      an = (await createPerson(db, { unitId: oldUnit, fullName: 'Nguyễn  Văn An', birthYear: 1980 })).id;
      await addPastAward(db, { personId: an, awardCode: 'CSTDCS', year: 2022, source: 'manual' });
      await addPastAward(db, { personId: an, awardCode: 'CSTDCS', year: 2023, source: 'manual' });
      await setRating(db, an, 2024, 'excellent');
      await addInitiative(db, {
        personId: an,
        title: 'Một cửa liên thông',
        scope: 'province',
        recognisedOn: '2024-05-10',
      });
      // 2025 reorganisation: the old office is folded into a room of Home Affairs, itself later merged.
      await merge(db, oldUnit, midUnit, '2025-03-01');
      await merge(db, midUnit, newUnit, '2025-07-01');
    });

    test('a person of a merged unit is found under its successor, through a chain, with the same id', async () => {
      expect((await listPersonsOfUnit(db, newUnit)).map((p) => p.id)).toEqual([an]);
      expect((await listPersonsOfUnit(db, midUnit)).map((p) => p.id)).toEqual([an]);
      expect(await listPersonsOfUnit(db, oldUnit)).toHaveLength(1);
      expect((await findPersonsByName(db, newUnit, 'nguyễn văn an')).map((p) => p.id)).toEqual([an]);
      const other = await unit(db, 'SYT', 'Sở Y tế');
      expect(await listPersonsOfUnit(db, other)).toEqual([]);
    });

    test('the history follows the person: three consecutive CSTDCS counted across the merger', async () => {
      const nominee = (await loadPersonNominee(db, an))!;
      expect(nominee.pastAwards.map((a) => `${a.awardCode}:${a.year}`)).toEqual([
        'CSTDCS:2022',
        'CSTDCS:2023',
      ]);
      expect(nominee.ratings).toEqual([{ year: 2024, rating: 'excellent' }]);
      expect(nominee.initiatives[0]).toMatchObject({
        scope: 'province',
        year: 2024,
        recognisedOn: '2024-05-10',
      });
    });

    test('followMerger moves the row to the end of the chain and keeps its id and history', async () => {
      expect(await followMerger(db, oldUnit)).toEqual({ persons: 1, collectives: 0 });
      expect((await getPerson(db, an))?.unitId).toBe(newUnit);
      expect((await loadPersonNominee(db, an))!.pastAwards).toHaveLength(2);
      expect(await followMerger(db, newUnit)).toEqual({ persons: 0, collectives: 0 });
    });

    test('CSV import resolves names in the unit and its predecessors, and reports the rest', async () => {
      const binh = await createPerson(db, { unitId: midUnit, fullName: 'Trần Thị Bình' });
      await createPerson(db, { unitId: newUnit, fullName: 'Lê Văn Cường' });
      await createPerson(db, { unitId: oldUnit, fullName: 'Lê Văn Cường' });
      const team = await createCollective(db, { unitId: oldUnit, name: 'Phòng Kế hoạch', memberCount: 3 });
      const csv = [
        'Họ và tên,Đối tượng,Danh hiệu,Năm,Số quyết định',
        'Nguyễn Văn An,Cá nhân,CSTDCS,2024,05/QĐ-SNV',
        'TRẦN THỊ BÌNH,Cá nhân,LDTT,2023,',
        'Lê Văn Cường,Cá nhân,LDTT,2023,',
        'Phạm Không Có,Cá nhân,LDTT,2023,',
        'Phòng Kế hoạch,Tập thể,TTLDTT,2023,',
        'Nguyễn Văn An,Cá nhân,CSTDCS,2022,',
        'Ai Đó,Cá nhân,XYZ,2023,',
      ].join('\n');
      const preview = parsePastAwardsCsv(csv);
      expect(preview.rejected.map((r) => r.line)).toEqual([8]);
      const report = await importPastAwards(db, newUnit, csv, 1);
      expect(report.inserted.map((r) => [r.line, r.personId ?? r.collectiveId])).toEqual([
        [2, an],
        [3, binh.id],
        [6, team.id],
      ]);
      expect(report.duplicates).toEqual([{ line: 7 }]);
      expect(report.unresolved.map((u) => u.line)).toEqual([4, 5]);
      expect(report.unresolved[0]!.errors[0]).toMatch(/2 persons named/);
      expect(report.unresolved[1]!.errors[0]).toMatch(/not found/);
      const again = await importPastAwards(db, newUnit, csv, 1);
      expect(again.inserted).toEqual([]);
      expect(again.duplicates.map((d) => d.line)).toEqual([2, 3, 6, 7]);
      const src = await db.query<{ source: string; decision_number: string | null }>(
        `SELECT source, decision_number FROM past_awards WHERE person_id = $1 AND year = 2024`,
        [an],
      );
      expect(src).toEqual([{ source: 'import', decision_number: '05/QĐ-SNV' }]);
    });
  });

  describe('emulation registration', () => {
    test('draft → submitted → returned → (edit) draft → submitted → approved, with refusals', async () => {
      const u = await unit(db, 'REG', 'Phòng Đăng ký');
      const c = await campaign(db, 2026);
      const p = await createPerson(db, { unitId: u, fullName: 'Đỗ Hoa' });
      const entries = [{ personId: p.id, collectiveId: null, awardCodes: ['LDTT', 'CSTDCS'] }];
      await expectAppError(
        saveRegistrationEntries(db, {
          campaignId: c,
          unitId: u,
          entries: [{ personId: p.id, collectiveId: null, awardCodes: ['TTLDTT'] }],
          userId: 1,
          onDate: '2026-02-01',
        }),
        'VALIDATION_FAILED',
      );
      let reg = await saveRegistrationEntries(db, {
        campaignId: c,
        unitId: u,
        entries,
        userId: 1,
        onDate: '2026-02-01',
      });
      expect(reg).toMatchObject({ state: 'draft', entries });
      const unitActor = { userId: 1, roles: ['unit'] };
      const office = { userId: 2, roles: ['office'] };
      await expectAppError(
        sendRegistrationEvent(db, reg.id, { type: 'APPROVE' }, office),
        'TRANSITION_NOT_ALLOWED',
      );
      reg = await sendRegistrationEvent(db, reg.id, { type: 'SUBMIT' }, unitActor);
      expect(reg.state).toBe('submitted');
      await expectAppError(sendRegistrationEvent(db, reg.id, { type: 'APPROVE' }, unitActor), 'FORBIDDEN');
      await expectAppError(
        saveRegistrationEntries(db, { campaignId: c, unitId: u, entries, userId: 1, onDate: '2026-02-01' }),
        'TRANSITION_NOT_ALLOWED',
      );
      reg = await sendRegistrationEvent(db, reg.id, { type: 'RETURN', reason: 'Thiếu tập thể' }, office);
      expect(reg).toMatchObject({ state: 'returned', returnReason: 'Thiếu tập thể' });
      reg = await saveRegistrationEntries(db, {
        campaignId: c,
        unitId: u,
        entries: [{ personId: p.id, collectiveId: null, awardCodes: ['LDTT'] }],
        userId: 1,
        onDate: '2026-02-01',
      });
      expect(reg.state).toBe('draft');
      reg = await sendRegistrationEvent(db, reg.id, { type: 'SUBMIT' }, unitActor);
      await expectAppError(
        sendRegistrationEvent(db, reg.id, { type: 'APPROVE' }, office, reg.version - 1),
        'VERSION_CONFLICT',
      );
      reg = await sendRegistrationEvent(db, reg.id, { type: 'APPROVE' }, office, reg.version);
      expect((await getRegistration(db, c, u))?.state).toBe('approved');
      const history = await db.query<{ event: string; to_state: string }>(
        'SELECT event, to_state FROM registration_history WHERE registration_id = $1 ORDER BY seq',
        [reg.id],
      );
      expect(history.map((h) => `${h.event}>${h.to_state}`)).toEqual([
        'SUBMIT>submitted',
        'RETURN>returned',
        'EDIT>draft',
        'SUBMIT>submitted',
        'APPROVE>approved',
      ]);
    });
  });

  describe('registration across a merger', () => {
    test('a registration approved before the merger still speaks for the people it listed', async () => {
      await seedCatalogue(db);
      const oldUnit = await unit(db, 'RGO', 'Phòng Lao động (cũ)');
      const newUnit = await unit(db, 'RGN', 'Phòng Nội vụ');
      const elsewhere = await unit(db, 'RGX', 'Phòng Khác');
      const c = await campaign(db, 2025);
      const hoa = await createPerson(db, { unitId: oldUnit, fullName: 'Vũ Hoa' });
      const office = { userId: 2, roles: ['office'] };
      const unitActor = { userId: 1, roles: ['unit'] };
      const register = async (unitId: number, personId: number, codes: string[], approve: boolean) => {
        const r = await saveRegistrationEntries(db, {
          campaignId: c,
          unitId,
          entries: [{ personId, collectiveId: null, awardCodes: codes }],
          userId: 1,
          onDate: '2025-02-01',
        });
        await sendRegistrationEvent(db, r.id, { type: 'SUBMIT' }, unitActor);
        if (approve) await sendRegistrationEvent(db, r.id, { type: 'APPROVE' }, office);
      };
      await register(oldUnit, hoa.id, ['LDTT'], true);
      // The successor's own registration, still waiting for approval.
      const lan = await createPerson(db, { unitId: newUnit, fullName: 'Đinh Lan' });
      await register(newUnit, lan.id, ['LDTT'], false);
      await merge(db, oldUnit, newUnit, '2025-07-01');

      expect(await registrationForNominations(db, c, newUnit)).toEqual({
        state: 'approved',
        entries: [{ personId: hoa.id, collectiveId: null, awardCodes: ['LDTT'] }],
      });
      expect(await registrationForNominations(db, c, elsewhere)).toBeNull();

      const d = await dossier(db, c, newUnit, '2026-01-12T03:00:00Z');
      const ldtt = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: newUnit,
        awardCode: 'LDTT',
        personId: hoa.id,
        name: hoa.fullName,
      });
      const gkgd = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: newUnit,
        awardCode: 'GKGD',
        personId: hoa.id,
        name: hoa.fullName,
      });
      const lanLdtt = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: newUnit,
        awardCode: 'LDTT',
        personId: lan.id,
        name: lan.fullName,
      });
      const [fLdtt, fGkgd, fLan] = await findingsOfNominations(db, [ldtt, gkgd, lanLdtt], new Date());
      expect(finding(fLdtt!.findings, 'registration').outcome).toBe('pass');
      expect(finding(fGkgd!.findings, 'registration')).toMatchObject({ outcome: 'warn' });
      expect(finding(fGkgd!.findings, 'registration').explanation.en).toContain('does not list it');
      // Lan's own unit's registration is not approved yet; the predecessor's approved one does not list her.
      expect(finding(fLan!.findings, 'registration').outcome).toBe('warn');
    });

    test('with no approved registration in the lineage, the unit’s own state is reported', async () => {
      const u = await unit(db, 'RGS', 'Phòng Chờ');
      const c = await campaign(db, 2025);
      const p = await createPerson(db, { unitId: u, fullName: 'Lý Minh' });
      const r = await saveRegistrationEntries(db, {
        campaignId: c,
        unitId: u,
        entries: [{ personId: p.id, collectiveId: null, awardCodes: ['LDTT'] }],
        userId: 1,
        onDate: '2025-02-01',
      });
      expect(await registrationForNominations(db, c, u)).toEqual({ state: 'draft', entries: [] });
      await sendRegistrationEvent(db, r.id, { type: 'SUBMIT' }, { userId: 1, roles: ['unit'] });
      expect(await registrationForNominations(db, c, u)).toEqual({ state: 'submitted', entries: [] });
    });
  });

  describe('eligibility of stored nominations and the engine’s rules port', () => {
    test('the receipt day is taken in the business time zone it is given (TZ_BUSINESS)', async () => {
      const u = await unit(db, 'TZR', 'Phòng Múi giờ');
      const c = await campaign(db, 2025);
      // 18:00 UTC on 30 June is 01:00 on 1 July in Hà Nội.
      const d = await dossier(db, c, u, '2025-06-30T18:00:00Z');
      const n = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: u,
        awardCode: 'GKGD',
        name: 'Đỗ An',
      });
      const now = new Date('2025-08-01T00:00:00Z');
      expect((await findingsOfNominations(db, [n], now))[0]!.asOf).toBe('2025-07-01');
      expect((await findingsOfNominations(db, [n], now, { timeZone: 'UTC' }))[0]!.asOf).toBe('2025-06-30');
      expect((await dossierFindings(db, d, now, { timeZone: 'UTC' })).items[0]!.asOf).toBe('2025-06-30');
    });

    test('loads history, campaign lines, registration and the version in force on the receipt day', async () => {
      const u = await unit(db, 'ELG', 'Phòng Thẩm định');
      const c = await campaign(db, 2024);
      // Received 30 June 2025 at 20:00 UTC = 1 July 03:00 in Hà Nội: CSTDCS v2 (threshold 0.75) is in force.
      const d = await dossier(db, c, u, '2025-06-30T20:00:00Z');
      const people = [];
      for (let i = 0; i < 7; i++)
        people.push((await createPerson(db, { unitId: u, fullName: `Người ${i}` })).id);
      const star = people[0]!;
      await setRating(db, star, 2024, 'excellent');
      await addInitiative(db, {
        personId: star,
        title: 'Sáng kiến A',
        scope: 'grassroots',
        recognisedOn: '2024-10-01',
      });
      for (const pid of people)
        await nomination(db, {
          dossierId: d,
          campaignId: c,
          unitId: u,
          awardCode: 'LDTT',
          personId: pid,
          name: 'x',
        });
      const cst = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: u,
        awardCode: 'CSTDCS',
        personId: star,
        name: 'Người 0',
      });
      const r = (await evaluateStoredNomination(db, cst))!;
      expect(r.input.asOf).toBe('2025-07-01');
      expect(r.input.award.version).toBe(2);
      expect(r.input.unitNominations).toHaveLength(8);
      expect(finding(r.findings, 'CSTDCS.sameYearLDTT').outcome).toBe('pass');
      expect(finding(r.findings, 'CSTDCS.initiative').outcome).toBe('pass');
      expect(finding(r.findings, 'CSTDCS.quota').outcome).toBe('pass');
      expect(finding(r.findings, 'registration').outcome).toBe('warn');

      const port = createRulesPort({ locale: 'en' });
      expect(await port.hardFailures(db, cst, '2025-07-01')).toEqual([]);
      await addDiscipline(db, { personId: star, level: 'reprimand', from: '2024-11-01', to: '2025-04-30' });
      const failures = await port.hardFailures(db, cst, '2025-07-01');
      expect(failures).toEqual([expect.stringMatching(/^general\.discipline: .*reprimand/)]);

      // Attachments: CSTDCS in an annual campaign needs the initiative certificate too.
      await db.query(
        `INSERT INTO attachments (dossier_id, kind, filename, mime, size, sha256, storage_key)
         VALUES ($1, 'coverLetter', 'tt.pdf', 'application/pdf', 1, 'x', 'k1'), ($1, 'minutes', 'bb.pdf', 'application/pdf', 1, 'x', 'k2')`,
        [d],
      );
      const missing = await port.missingAttachments(db, d, '2025-07-01');
      expect(missing.map((m) => m.kind)).toEqual(['achievementReport', 'initiativeCertificate']);
      expect(missing[1]!.message).toContain('CSTDCS');
    });

    test('a collective is judged on its members of the campaign year', async () => {
      const u = await unit(db, 'COL', 'Phòng Tập thể');
      const c = await campaign(db, 2024);
      const d = await dossier(db, c, u, '2025-01-10T03:00:00Z');
      const team = await createCollective(db, { unitId: u, name: 'Tổ Một cửa', memberCount: 4 });
      const ids: number[] = [];
      for (let i = 0; i < 4; i++)
        ids.push((await createPerson(db, { unitId: u, fullName: `Thành viên ${i}` })).id);
      await setCollectiveMembers(db, team.id, 2024, ids);
      for (const pid of ids.slice(0, 3))
        await addPastAward(db, { personId: pid, awardCode: 'LDTT', year: 2024, source: 'system' });
      await addDiscipline(db, { personId: ids[3]!, level: 'warning', from: '2024-05-01', to: '2024-11-01' });
      const loaded = (await loadCollectiveNominee(db, team.id, 2024))!;
      expect(loaded.members).toHaveLength(4);
      const n = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: u,
        awardCode: 'TTLDTT',
        collectiveId: team.id,
        name: team.name,
      });
      const r = (await evaluateStoredNomination(db, n))!;
      expect(r.input.award.version).toBe(1);
      expect(finding(r.findings, 'TTLDTT.membersLdtt').outcome).toBe('pass');
      expect(finding(r.findings, 'TTLDTT.membersDiscipline').outcome).toBe('fail');
    });
  });

  describe('findings of many nominations at once', () => {
    test('a batch judges each nomination as it is judged alone, a collective on each campaign year’s members', async () => {
      await seedCatalogue(db);
      const u = await unit(db, 'BAT', 'Phòng Lô');
      const c23 = await campaign(db, 2023);
      const c24 = await campaign(db, 2024);
      const d23 = await dossier(db, c23, u, '2024-01-15T03:00:00Z');
      const d24 = await dossier(db, c24, u, '2025-01-15T03:00:00Z');
      const people: number[] = [];
      for (let i = 0; i < 12; i++) {
        const pid = (await createPerson(db, { unitId: u, fullName: `Cán bộ ${i}` })).id;
        people.push(pid);
        await setRating(db, pid, 2024, i % 4 === 0 ? 'completed' : i % 3 === 0 ? 'excellent' : 'good');
        if (i < 6) await addPastAward(db, { personId: pid, awardCode: 'LDTT', year: 2023, source: 'system' });
        if (i % 3 === 0)
          await addInitiative(db, {
            personId: pid,
            title: `Sáng kiến ${i}`,
            scope: 'grassroots',
            recognisedOn: '2024-09-01',
          });
      }
      await addDiscipline(db, {
        personId: people[5]!,
        level: 'warning',
        from: '2023-03-01',
        to: '2023-09-01',
      });
      const team = await createCollective(db, { unitId: u, name: 'Tổ Lô', memberCount: 6 });
      await setCollectiveMembers(db, team.id, 2023, people.slice(0, 6));
      await setCollectiveMembers(db, team.id, 2024, people.slice(6, 12));
      const line = (
        d: number,
        c: number,
        awardCode: string,
        who: { personId?: number; collectiveId?: number },
      ) => nomination(db, { dossierId: d, campaignId: c, unitId: u, awardCode, name: 'x', ...who });
      const ids24: number[] = [];
      for (const pid of people) ids24.push(await line(d24, c24, 'LDTT', { personId: pid }));
      for (const pid of people.filter((_, i) => i % 3 === 0))
        ids24.push(await line(d24, c24, 'CSTDCS', { personId: pid }));
      ids24.push(await line(d24, c24, 'TTLDTT', { collectiveId: team.id }));
      ids24.push(await line(d24, c24, 'GKGD', {})); // a nominee outside the register
      const team23 = await line(d23, c23, 'TTLDTT', { collectiveId: team.id });

      const now = new Date('2025-02-01T03:00:00Z');
      const batch = await findingsOfNominations(db, [...ids24, team23], now);
      expect(batch.map((b) => b.nominationId)).toEqual([...ids24, team23]);
      for (const b of batch) expect([b]).toEqual(await findingsOfNominations(db, [b.nominationId], now));
      expect(new Set(batch.map((b) => b.asOf))).toEqual(new Set(['2025-01-15', '2024-01-15']));

      // The same collective, two campaign years, two sets of members.
      const membersLdtt = (nid: number) =>
        finding(batch.find((b) => b.nominationId === nid)!.findings, 'TTLDTT.membersLdtt');
      expect(membersLdtt(team23).explanation.en).not.toEqual(membersLdtt(ids24[16]!).explanation.en);
      expect(
        finding(batch.find((b) => b.nominationId === team23)!.findings, 'TTLDTT.membersDiscipline').outcome,
      ).toBe('fail');

      // The dossier's view: its own nominations only, with the same findings.
      const dossierView = await dossierFindings(db, d24, now);
      expect(dossierView.items.map((i) => i.nominationId)).toEqual(ids24);
      expect(dossierView.items.map((i) => i.findings)).toEqual(
        batch.slice(0, ids24.length).map((b) => b.findings),
      );
      expect(dossierView.items.at(-1)).toMatchObject({
        nomineeKind: 'individual',
        awardCode: 'GKGD',
        state: 'appraisal',
      });
      expect(dossierView.summary.nominations).toBe(ids24.length);

      // A fixed number of statements, whatever the number of nominations.
      const few = countingStatements(db);
      await findingsOfNominations(few, [ids24[0]!, ids24[12]!, ids24[16]!], now);
      const many = countingStatements(db);
      await findingsOfNominations(many, ids24, now);
      expect(many.statements).toBe(few.statements);
    });
  });

  describe('council session', () => {
    test('agenda of nominations in council review, quorum of two thirds, threshold of all members', async () => {
      const u = await unit(db, 'CNL', 'Phòng Hội đồng');
      const c = await campaign(db, 2024);
      const d = await dossier(db, c, u, '2025-01-10T03:00:00Z');
      const p = await createPerson(db, { unitId: u, fullName: 'Võ Minh' });
      const n1 = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: u,
        awardCode: 'CSTDCS',
        personId: p.id,
        name: 'Võ Minh',
        state: 'councilReview',
        voteThreshold: 0.7,
      });
      const n2 = await nomination(db, {
        dossierId: d,
        campaignId: c,
        unitId: u,
        awardCode: 'LDTT',
        personId: p.id,
        name: 'Võ Minh',
        state: 'directorReview',
      });
      const members = Array.from({ length: 9 }, (_, i) => ({
        userId: null,
        fullName: `Ủy viên ${i + 1}`,
        role: i === 0 ? 'chair' : 'member',
      }));
      const s = await createCouncilSession(db, { title: 'Họp Hội đồng', heldOn: '2025-01-20', members }, 1);
      expect(s.members).toHaveLength(9);
      await expectAppError(addToAgenda(db, s.id, [n1, n2]), 'VALIDATION_FAILED');
      expect(await addToAgenda(db, s.id, [n1])).toEqual([n1]);

      await setAttendance(
        db,
        s.id,
        s.members.slice(0, 5).map((m) => m.id),
      );
      const noQuorum = await expectAppError(
        recordAgendaVote(db, { sessionId: s.id, nominationId: n1, yes: 5, userId: 1 }),
        'VALIDATION_FAILED',
      );
      expect(noQuorum.errors?.[0]?.message).toMatch(/5 of 9; 6 needed/);

      await setAttendance(
        db,
        s.id,
        s.members.slice(0, 7).map((m) => m.id),
      );
      const under = await recordAgendaVote(db, { sessionId: s.id, nominationId: n1, yes: 6, userId: 1 });
      expect(under.payload).toEqual({ membersTotal: 9, present: 7, yes: 6 });
      expect(under.tally).toMatchObject({ quorum: true, passed: false, yesNeeded: 7 });
      const at = await recordAgendaVote(db, { sessionId: s.id, nominationId: n1, yes: 7, userId: 1 });
      expect(at.tally.passed).toBe(true);
      const stored = (await getCouncilSession(db, s.id))!;
      expect(stored.agenda).toEqual([
        { nominationId: n1, position: 1, membersTotal: 9, present: 7, yes: 7, threshold: 0.7, passed: true },
      ]);
      await expectAppError(
        recordAgendaVote(db, { sessionId: s.id, nominationId: n1, yes: 8, userId: 1 }),
        'VALIDATION_FAILED',
      );
      await expectAppError(
        recordAgendaVote(db, { sessionId: s.id, nominationId: n2, yes: 7, userId: 1 }),
        'NOT_FOUND',
      );
    });
  });
});
