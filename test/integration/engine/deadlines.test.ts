import { putSetting } from '../../../src/db/settings';
import { fireTimer } from '../../../src/workflow/engine/fire-timer';
import { getRecord } from '../../../src/workflow/records/get-record';
import { listRecords } from '../../../src/workflow/records/list-records';
import { verifyRecordHistory } from '../../../src/workflow/records/verify-record-history';
import { sendEvent } from '../../../src/workflow/engine/send-event';
import type { BuiltEngineDeps } from '../../../src/workflow/engine/engine-deps';
import { openTestDb, type TestDb } from '../../helpers/db';
import { fakeClock, type Org, seedOrg, testEngineDeps } from '../../helpers/engine';
import { submittedDossier } from '../../helpers/walk';

let t: TestDb;
let org: Org;
let deps: BuiltEngineDeps;
// Monday 2 March 2026, 09:00 in Hà Nội.
const clock = fakeClock('2026-03-02T02:00:00.000Z');

beforeAll(async () => {
  t = await openTestDb();
  org = await seedOrg(t.db);
  deps = testEngineDeps(t.db, { now: clock.now });
});
afterAll(async () => t.close());

const timersOf = (type: string, id: number) =>
  t.db.query<{ id: number; kind: string; rung: string; status: string; due_at: Date; entry_seq: number }>(
    'SELECT id, kind, rung, status, due_at, entry_seq FROM timers WHERE record_type = $1 AND record_id = $2 ORDER BY id',
    [type, id],
  );

describe(`durable deadlines (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  beforeEach(() => clock.set('2026-03-02T02:00:00.000Z'));

  it('arms the receipt deadline with its reminder ladder and escalation, in working days', async () => {
    const { dossier } = await submittedDossier(deps, org);
    const timers = await timersOf('dossier', dossier.id);
    // 3 working days from Monday 2 March: ends at the end of Thursday 5 March (17:00 UTC).
    expect(timers.map((x) => [x.rung, x.due_at.toISOString()])).toEqual([
      ['deadline', '2026-03-05T17:00:00.000Z'],
      ['reminder-1', '2026-03-02T17:00:00.000Z'], // start of Tue 3 March, 2 working days before the last day
      ['reminder-2', '2026-03-04T17:00:00.000Z'], // start of the last day
      ['escalation', '2026-03-05T17:00:00.000Z'],
    ]);
  });

  it('a returned dossier whose supplement deadline passes lapses; its nominations are withdrawn', async () => {
    await putSetting(t.db, 'policy', { supplementPeriod: { seconds: 60 } }, null);
    const { dossier, nominations } = await submittedDossier(deps, org);
    await sendEvent(deps, org.actors.office, {
      recordType: 'dossier',
      id: dossier.id,
      event: { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu báo cáo thành tích' },
    });
    const timers = await timersOf('dossier', dossier.id);
    const supplement = timers.find((x) => x.kind === 'supplement' && x.rung === 'deadline')!;
    expect(supplement.due_at.toISOString()).toBe('2026-03-02T02:01:00.000Z');
    // The office's receipt clock is paused, not cancelled.
    expect(timers.find((x) => x.kind === 'receipt' && x.rung === 'deadline')?.status).toBe('paused');

    // As the worker receives it: the timer and its record.
    const job = { timerId: supplement.id, recordType: 'dossier' as const, recordId: dossier.id };
    expect(await fireTimer(deps, job)).toMatchObject({ outcome: 'early' });
    expect((await timersOf('dossier', dossier.id)).find((x) => x.id === supplement.id)?.status).toBe('armed');
    clock.advance(61_000);
    expect(await fireTimer(deps, job)).toEqual({ outcome: 'fired', event: 'DEADLINE_PASSED' });
    expect(await fireTimer(deps, job)).toEqual({ outcome: 'not-armed' });
    // A job published before jobs named their record carries the timer alone.
    expect(await fireTimer(deps, { timerId: supplement.id })).toEqual({ outcome: 'not-armed' });
    expect((await getRecord(deps, org.actors.clerkA, 'dossier', dossier.id)).state).toBe('lapsed');
    expect((await getRecord(deps, org.actors.clerkA, 'nomination', nominations[0]!.id)).state).toBe(
      'withdrawn',
    );
    const notices = await t.db.query<{ template: string; recipient_email: string }>(
      `SELECT template, recipient_email FROM notices WHERE record_type = 'dossier' AND record_id = $1 AND template = 'dossier.lapsed'`,
      [dossier.id],
    );
    expect(notices.map((n) => n.recipient_email).sort()).toEqual(['clerka@test.local', 'pld@unit.test']);
    await putSetting(t.db, 'policy', {}, null);
  });

  it('resubmission resumes the receipt clock with what was left', async () => {
    const { dossier } = await submittedDossier(deps, org);
    // Tuesday 3 March: one working day of the three used (Tuesday), Wednesday and Thursday left.
    clock.set('2026-03-03T03:00:00.000Z');
    await sendEvent(deps, org.actors.office, {
      recordType: 'dossier',
      id: dossier.id,
      event: { type: 'REQUEST_SUPPLEMENT', reason: 'Bổ sung', dueAt: '2026-03-20T10:00:00+07:00' },
    });
    // Resubmitted the next Monday, 9 March: two working days from then → end of Wednesday 11 March.
    clock.set('2026-03-09T02:00:00.000Z');
    const back = await sendEvent(deps, org.actors.clerkA, {
      recordType: 'dossier',
      id: dossier.id,
      event: { type: 'RESUBMIT' },
    });
    expect(back.state).toBe('submitted');
    const deadlines = back.deadlines as Array<{ kind: string; status: string; dueAt: string }>;
    expect(deadlines.filter((d) => d.kind === 'receipt')).toEqual([
      expect.objectContaining({ status: 'cancelled', dueAt: '2026-03-05T17:00:00.000Z' }),
      expect.objectContaining({ status: 'armed', dueAt: '2026-03-11T17:00:00.000Z' }),
    ]);
    expect(deadlines.find((d) => d.kind === 'supplement')).toMatchObject({
      status: 'cancelled',
      dueAt: '2026-03-20T03:00:00.000Z',
    });
  });

  it('a timer for a state entry already left does nothing; an overdue record is listed as overdue', async () => {
    const { dossier } = await submittedDossier(deps, org);
    const [receipt] = await timersOf('dossier', dossier.id);
    await sendEvent(deps, org.actors.office, {
      recordType: 'dossier',
      id: dossier.id,
      event: { type: 'RECEIVE' },
    });
    clock.set('2026-03-10T00:00:00.000Z');
    expect(await fireTimer(deps, { timerId: receipt!.id })).toEqual({ outcome: 'not-armed' });
    expect(
      await fireTimer(deps, { timerId: receipt!.id, recordType: 'dossier', recordId: dossier.id }),
    ).toEqual({
      outcome: 'not-armed',
    });

    const late = await submittedDossier(deps, org);
    expect(
      (await listRecords(deps, org.actors.office, 'dossier', { overdue: true }, { limit: 100 })).items.map(
        (i) => i.id,
      ),
    ).not.toContain(late.dossier.id);
    clock.set('2026-03-20T00:00:00.000Z');
    const [deadline] = await timersOf('dossier', late.dossier.id);
    expect(await fireTimer(deps, { timerId: deadline!.id })).toMatchObject({ outcome: 'fired' });
    const overdue = await listRecords(deps, org.actors.office, 'dossier', { overdue: true }, { limit: 100 });
    expect(overdue.items.map((i) => i.id)).toContain(late.dossier.id);
    expect((await getRecord(deps, org.actors.office, 'dossier', late.dossier.id)).overdue).toBe(true);
    // The deadline changed nothing by itself; the office was told.
    expect((await getRecord(deps, org.actors.office, 'dossier', late.dossier.id)).state).toBe('submitted');
    const told = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notices WHERE record_id = $1 AND record_type = 'dossier' AND template = 'deadline.passed'`,
      [late.dossier.id],
    );
    expect(told[0]?.n).toBe(1);
  });

  it('a supplement deadline firing while the unit resubmits: one wins, the other changes nothing', async () => {
    await putSetting(t.db, 'policy', { supplementPeriod: { seconds: 60 } }, null);
    for (let round = 0; round < 6; round++) {
      clock.set('2026-03-02T02:00:00.000Z');
      const { dossier } = await submittedDossier(deps, org);
      await sendEvent(deps, org.actors.office, {
        recordType: 'dossier',
        id: dossier.id,
        event: { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản' },
      });
      const supplement = (await timersOf('dossier', dossier.id)).find(
        (x) => x.kind === 'supplement' && x.rung === 'deadline',
      )!;
      clock.advance(61_000);
      const [fired, resubmitted] = await Promise.allSettled([
        fireTimer(deps, { timerId: supplement.id, recordType: 'dossier', recordId: dossier.id }),
        sendEvent(deps, org.actors.clerkA, {
          recordType: 'dossier',
          id: dossier.id,
          event: { type: 'RESUBMIT' },
        }),
      ]);
      const state = (await getRecord(deps, org.actors.office, 'dossier', dossier.id)).state;
      if (state === 'lapsed') {
        expect(fired).toEqual({ status: 'fulfilled', value: { outcome: 'fired', event: 'DEADLINE_PASSED' } });
        expect(resubmitted).toMatchObject({ status: 'rejected', reason: { code: 'TRANSITION_NOT_ALLOWED' } });
      } else {
        expect(state).toBe('submitted');
        expect(resubmitted.status).toBe('fulfilled');
        // Leaving `returned` cancelled the deadline; a firing that read it before is a no-op.
        expect(fired.status === 'fulfilled' && ['not-armed', 'stale'].includes(fired.value.outcome)).toBe(
          true,
        );
      }
      expect(await verifyRecordHistory(deps, 'dossier', dossier.id)).toMatchObject({ ok: true });
    }
  });

  it('an armed timer of a state entry its record has left is cancelled, not fired; a job naming another record is refused', async () => {
    const { dossier } = await submittedDossier(deps, org);
    const [receipt] = await timersOf('dossier', dossier.id);
    // As if the timer had been left armed by an older entry of the same state.
    await t.db.query('UPDATE timers SET entry_seq = entry_seq - 1 WHERE id = $1', [receipt!.id]);
    clock.set('2026-03-20T00:00:00.000Z');
    const other = await submittedDossier(deps, org);
    await expect(
      fireTimer(deps, { timerId: receipt!.id, recordType: 'dossier', recordId: other.dossier.id }),
    ).rejects.toThrow(/not the job's record/);
    expect(
      await fireTimer(deps, { timerId: receipt!.id, recordType: 'dossier', recordId: dossier.id }),
    ).toEqual({
      outcome: 'stale',
    });
    expect((await timersOf('dossier', dossier.id)).find((x) => x.id === receipt!.id)?.status).toBe(
      'cancelled',
    );
    expect(
      await fireTimer(deps, { timerId: 2_000_000_000, recordType: 'dossier', recordId: dossier.id }),
    ).toEqual({
      outcome: 'missing',
    });
    expect((await getRecord(deps, org.actors.office, 'dossier', dossier.id)).state).toBe('submitted');
  });
});
