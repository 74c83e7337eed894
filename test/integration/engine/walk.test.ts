import { sendEvent } from '../../../src/workflow/engine/send-event';
import { createCampaign } from '../../../src/workflow/campaigns/create-campaign';
import { createDossier } from '../../../src/workflow/dossiers/create-dossier';
import { addNomination } from '../../../src/workflow/dossiers/add-nomination';
import { createDocument } from '../../../src/workflow/decisions/create-document';
import { getHistory } from '../../../src/workflow/records/get-history';
import { getRecord } from '../../../src/workflow/records/get-record';
import { listRecords } from '../../../src/workflow/records/list-records';
import { verifyRecordHistory } from '../../../src/workflow/records/verify-record-history';
import { openTestDb, type TestDb } from '../../helpers/db';
import { attach, fakeClock, type Org, seedOrg, testEngineDeps } from '../../helpers/engine';
import type { BuiltEngineDeps } from '../../../src/workflow/engine/engine-deps';
import type { Actor } from '../../../src/workflow/types';

let t: TestDb;
let org: Org;
let deps: BuiltEngineDeps;
const clock = fakeClock('2026-03-02T02:00:00.000Z');

beforeAll(async () => {
  t = await openTestDb();
  org = await seedOrg(t.db);
  deps = testEngineDeps(t.db, { now: clock.now });
});
afterAll(async () => t.close());

/**
 * Sends an event and checks its answer against a fresh read of the record by the same actor: the answer
 * is read by the write itself for nominations and campaigns, and must be the same resource.
 */
const ev = async (
  actor: Actor,
  recordType: Parameters<typeof sendEvent>[2]['recordType'],
  id: number,
  event: Record<string, unknown>,
) => {
  const answer = await sendEvent(deps, actor, { recordType, id, event: event as { type: string } });
  const { findings: _findings, ...read } = await getRecord(deps, actor, recordType, id);
  expect(answer).toEqual(read);
  return answer;
};

describe(`the whole walk on the engine (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes a dossier from draft to a signed decision and a province result', async () => {
    const { office, director, clerkA, clerkB, admin } = org.actors;
    const campaign = await createCampaign(deps, office, {
      title: 'Thi đua năm 2026',
      kind: 'annual',
      year: 2026,
      nominationDeadline: '2026-11-30',
    });
    expect(campaign.state).toBe('planned');
    expect((await ev(admin, 'campaign', campaign.id, { type: 'OPEN' })).state).toBe('open');

    const dossier = await createDossier(deps, clerkA, {
      campaignId: campaign.id,
      title: 'Hồ sơ khen thưởng 2026',
    });
    expect(dossier).toMatchObject({
      state: 'draft',
      unitId: org.unitA,
      allowedEvents: ['SUBMIT', 'WITHDRAW'].filter((e) => e === 'SUBMIT'),
    });
    const ldtt = await addNomination(deps, clerkA, dossier.id, {
      awardCode: 'LDTT',
      nominee: { kind: 'individual', fullName: 'Nguyễn Văn An', position: 'Chuyên viên' },
      summary: 'Hoàn thành tốt nhiệm vụ',
    });
    const cstdt = await addNomination(deps, clerkA, dossier.id, {
      awardCode: 'CSTDT',
      nominee: { kind: 'individual', fullName: 'Trần Thị Bình' },
      summary: 'Ba năm liền Chiến sĩ thi đua cơ sở, sáng kiến cấp tỉnh',
    });

    // Another unit's clerk sees nothing of it.
    await expect(getRecord(deps, clerkB, 'dossier', dossier.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ev(clerkB, 'dossier', dossier.id, { type: 'SUBMIT' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    // Submitting without the required attachments names what is missing.
    await expect(ev(clerkA, 'dossier', dossier.id, { type: 'SUBMIT' })).rejects.toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      message: expect.stringContaining('Báo cáo thành tích'),
    });
    await attach(t.db, dossier.id, ['coverLetter', 'minutes', 'achievementReport', 'initiativeCertificate']);
    const submitted = await ev(clerkA, 'dossier', dossier.id, { type: 'SUBMIT' });
    expect(submitted.state).toBe('submitted');
    expect(submitted.deadlines).toEqual([
      expect.objectContaining({ kind: 'receipt', status: 'armed', dueAt: '2026-03-05T17:00:00.000Z' }),
    ]);
    expect((await getRecord(deps, clerkA, 'nomination', ldtt.id)).state).toBe('pending');

    // The office cannot send a unit's event: 403; a unit cannot receive its own dossier.
    await expect(ev(office, 'dossier', dossier.id, { type: 'SUBMIT' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(ev(clerkA, 'dossier', dossier.id, { type: 'RECEIVE' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const accepted = await ev(office, 'dossier', dossier.id, { type: 'RECEIVE' });
    expect(accepted.state).toBe('accepted');
    expect(accepted.deadlines).toEqual([expect.objectContaining({ kind: 'receipt', status: 'cancelled' })]);
    const n1 = await getRecord(deps, office, 'nomination', ldtt.id);
    expect(n1).toMatchObject({
      state: 'appraisal',
      rules: { code: 'LDTT', authority: 'department', needsVote: false },
    });
    expect(n1.allowedEvents).toEqual(['APPRAISE']);

    // LDTT: no vote, no notice → director → decision.
    expect(
      (
        await ev(office, 'nomination', ldtt.id, {
          type: 'APPRAISE',
          eligible: true,
          overrideReason: 'Đã kiểm tra hồ sơ giấy',
        })
      ).state,
    ).toBe('directorReview');
    expect((await ev(director, 'nomination', ldtt.id, { type: 'APPROVE' })).state).toBe('awaitingDecision');

    // CSTDT: council vote, provincial authority → submission.
    expect(
      (
        await ev(office, 'nomination', cstdt.id, {
          type: 'APPRAISE',
          eligible: true,
          overrideReason: 'Đã kiểm tra hồ sơ giấy',
        })
      ).state,
    ).toBe('councilReview');
    await expect(
      ev(office, 'nomination', cstdt.id, { type: 'RECORD_VOTE', membersTotal: 9, present: 5, yes: 5 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'present' })],
    });
    expect(
      (
        await ev(office, 'nomination', cstdt.id, {
          type: 'RECORD_VOTE',
          membersTotal: 10,
          present: 9,
          yes: 8,
        })
      ).state,
    ).toBe('directorReview');
    expect((await ev(director, 'nomination', cstdt.id, { type: 'APPROVE' })).state).toBe(
      'awaitingForwarding',
    );

    const decision = await createDocument(deps, office, 'decision', { nominationIds: [ldtt.id] });
    expect(decision.state).toBe('draft');
    await expect(
      createDocument(deps, office, 'decision', { nominationIds: [ldtt.id] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await ev(office, 'decision', decision.id, { type: 'SUBMIT_FOR_SIGNATURE' });
    const returned = await ev(director, 'decision', decision.id, { type: 'RETURN', reason: 'Sửa trích yếu' });
    expect(returned.state).toBe('draft');
    await ev(office, 'decision', decision.id, { type: 'SUBMIT_FOR_SIGNATURE' });
    const signed = await ev(director, 'decision', decision.id, { type: 'SIGN' });
    expect(signed).toMatchObject({
      state: 'issued',
      number: '01/QĐ-SNV',
      signedAt: clock.now().toISOString(),
    });
    expect(await getRecord(deps, clerkA, 'nomination', ldtt.id)).toMatchObject({
      state: 'awarded',
      decisionNumber: '01/QĐ-SNV',
    });

    const submission = await createDocument(deps, office, 'submission', { nominationIds: [cstdt.id] });
    await ev(office, 'submission', submission.id, { type: 'SUBMIT_FOR_SIGNATURE' });
    expect(await ev(director, 'submission', submission.id, { type: 'SIGN' })).toMatchObject({
      state: 'sent',
      number: '01/TTr-SNV',
    });
    expect((await getRecord(deps, office, 'nomination', cstdt.id)).state).toBe('atProvince');
    expect((await getRecord(deps, office, 'dossier', dossier.id)).state).toBe('accepted');
    const result = await ev(office, 'nomination', cstdt.id, {
      type: 'RECORD_PROVINCE_RESULT',
      outcome: 'approved',
      decisionNumber: '123/QĐ-UBND',
      decidedOn: '2026-04-20',
    });
    expect(result.state).toBe('awarded');
    expect((await getRecord(deps, office, 'submission', submission.id)).state).toBe('closed');
    expect((await getRecord(deps, office, 'dossier', dossier.id)).state).toBe('closed');

    // History: every step, who and when, chained.
    const h = await getHistory(deps, clerkA, 'nomination', cstdt.id);
    expect(h.map((x) => `${x.event}:${x.from ?? ''}>${x.to}`)).toEqual([
      'CREATE:>draft',
      'DOSSIER_SUBMITTED:draft>pending',
      'DOSSIER_ACCEPTED:pending>appraisal',
      'APPRAISE:appraisal>councilReview',
      'RECORD_VOTE:councilReview>directorReview',
      'APPROVE:directorReview>awaitingForwarding',
      'SUBMISSION_SIGNED:awaitingForwarding>atProvince',
      'RECORD_PROVINCE_RESULT:atProvince>awarded',
    ]);
    expect(h[4]?.payload).toMatchObject({ membersTotal: 10, present: 9, yes: 8 });
    expect(h[5]?.actor.name).toBe(director.name);
    expect(h[6]?.payload).toMatchObject({ via: `submission/${submission.id}` });
    for (const [type, id] of [
      ['nomination', cstdt.id],
      ['dossier', dossier.id],
      ['decision', decision.id],
    ] as const)
      expect(await verifyRecordHistory(deps, type, id)).toMatchObject({ ok: true });

    // Lists are scoped and paginated.
    const mine = await listRecords(deps, clerkA, 'nomination', {}, { limit: 1 });
    expect(mine.items).toHaveLength(1);
    expect(mine.nextCursor).not.toBeNull();
    const next = await listRecords(
      deps,
      clerkA,
      'nomination',
      {},
      { limit: 1, cursor: mine.nextCursor ?? '' },
    );
    expect(next.items[0]?.id).not.toBe(mine.items[0]?.id);
    expect((await listRecords(deps, clerkB, 'nomination', {}, { limit: 50 })).items).toHaveLength(0);
  });

  it('numbers decisions per issuer and year, restarting each year', async () => {
    // The previous test signed 01/QĐ-SNV in 2026; next one in 2026 is 02, the first of 2027 is 01.
    const rows = await t.db.query<{ number: string }>(
      'SELECT number FROM decisions WHERE number IS NOT NULL',
    );
    expect(rows.map((r) => r.number)).toEqual(['01/QĐ-SNV']);
  });
});
