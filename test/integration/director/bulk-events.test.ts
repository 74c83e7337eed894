/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by value */
jest.setTimeout(120_000);
import { must, RecordBuilder, setupApiOrg, startApiApp, type ApiOrg } from '../../helpers/api-org';
import type { TestApp } from '../../helpers/app';

let t: TestApp;
let org: ApiOrg;
let build: RecordBuilder;
beforeAll(async () => {
  t = (await startApiApp()).t;
  org = await setupApiOrg(t);
  build = new RecordBuilder(org);
}, 240_000);
afterAll(async () => t.close());

/** `n` LDTT nominations of unit A in directorReview. */
async function inDirectorReview(n: number): Promise<number[]> {
  const { nominations } = await build.dossierWith('accepted', Array(n).fill('LDTT') as string[]);
  for (const id of nominations)
    await build.event(org.as.office, 'nomination', id, {
      type: 'APPRAISE',
      eligible: true,
      overrideReason: 'Đã kiểm tra hồ sơ giấy',
    });
  return nominations;
}

const historyOf = async (id: number): Promise<any[]> =>
  must(await org.as.director.get(`/api/nominations/${id}/history`), 200, 'history');

describe(`POST /api/nominations/bulk-events (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('approves every id it may, answers each outcome in the order asked, one history row each', async () => {
    const ready = await inDirectorReview(4);
    const appraisal = await build.nomination('appraisal');
    const before = await Promise.all(ready.map(historyOf));
    const ids = [ready[0]!, appraisal, ready[1]!, 999_999, ready[2]!, ready[3]!];
    const res = must(
      await org.as.director.post('/api/nominations/bulk-events', { type: 'APPROVE', ids }),
      200,
      'bulk',
    );
    expect(res.results.map((r: any) => r.id)).toEqual(ids);
    expect(res.results[0]).toEqual({ id: ready[0], ok: true, state: 'awaitingDecision' });
    expect(res.results[1]).toMatchObject({
      id: appraisal,
      ok: false,
      error: { code: 'TRANSITION_NOT_ALLOWED' },
    });
    expect(res.results[1].error.detail).toMatch(/APPROVE is not allowed while the nomination is appraisal/);
    expect(res.results[3]).toMatchObject({ id: 999_999, ok: false, error: { code: 'NOT_FOUND' } });
    for (const [i, id] of ready.entries()) {
      const h = await historyOf(id);
      expect(h).toHaveLength(before[i]!.length + 1);
      expect(h.at(-1)).toMatchObject({ event: 'APPROVE', from: 'directorReview', to: 'awaitingDecision' });
      const one = must(await org.as.director.get(`/api/nominations/${id}`), 200, 'read');
      expect(one.state).toBe('awaitingDecision');
    }
    // The refused one is untouched.
    expect(must(await org.as.director.get(`/api/nominations/${appraisal}`), 200, 'read').state).toBe(
      'appraisal',
    );
    // The same batch again: nothing is approved twice.
    const again = must(
      await org.as.director.post('/api/nominations/bulk-events', { type: 'APPROVE', ids: ready }),
      200,
      'again',
    );
    expect(again.results.every((r: any) => !r.ok && r.error.code === 'TRANSITION_NOT_ALLOWED')).toBe(true);
    for (const id of ready)
      expect((await historyOf(id)).filter((h) => h.event === 'APPROVE')).toHaveLength(1);
  });

  it('rejects and sends back with the reason recorded; the unit is told of the rejection', async () => {
    const [a, b] = await inDirectorReview(2);
    const rejected = must(
      await org.as.director.post('/api/nominations/bulk-events', {
        type: 'REJECT',
        ids: [a],
        reason: 'Chưa đủ thành tích',
      }),
      200,
      'reject',
    );
    expect(rejected.results).toEqual([{ id: a, ok: true, state: 'rejected' }]);
    expect((await historyOf(a!)).at(-1)).toMatchObject({
      event: 'REJECT',
      payload: { reason: 'Chưa đủ thành tích' },
    });
    const notices = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notices WHERE record_type = 'nomination' AND record_id = $1`,
      [a],
    );
    expect(notices[0]!.n).toBeGreaterThan(0);
    const sentBack = must(
      await org.as.director.post('/api/nominations/bulk-events', {
        type: 'SEND_BACK',
        ids: [b],
        reason: 'Thẩm định lại',
      }),
      200,
      'send back',
    );
    expect(sentBack.results).toEqual([{ id: b, ok: true, state: 'appraisal' }]);
  });

  it('refuses the whole request for a role that never sends the event, a bad payload or an unknown event', async () => {
    const [id] = await inDirectorReview(1);
    const asOffice = await org.as.office.post('/api/nominations/bulk-events', { type: 'APPROVE', ids: [id] });
    expect(asOffice.status).toBe(403);
    const noReason = await org.as.director.post('/api/nominations/bulk-events', {
      type: 'REJECT',
      ids: [id],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    );
    const unknown = await org.as.director.post('/api/nominations/bulk-events', { type: 'NOPE', ids: [id] });
    expect(unknown.status).toBe(400);
    const empty = await org.as.director.post('/api/nominations/bulk-events', { type: 'APPROVE', ids: [] });
    expect(empty.status).toBe(400);
    const tooMany = await org.as.director.post('/api/nominations/bulk-events', {
      type: 'APPROVE',
      ids: Array.from({ length: 501 }, (_, i) => i + 1),
    });
    expect(tooMany.status).toBe(400);
    expect(
      await org.as.anon.post('/api/nominations/bulk-events', { type: 'APPROVE', ids: [id] }),
    ).toMatchObject({
      status: 401,
    });
    expect(must(await org.as.director.get(`/api/nominations/${id}`), 200, 'read').state).toBe(
      'directorReview',
    );
  });

  it("scopes every id to the caller's unit: another unit's nomination is NOT_FOUND, its own goes through", async () => {
    const mine = (await build.dossierWith('draft', ['LDTT', 'LDTT'])).nominations;
    const other = must(
      await org.as.otherClerk.post('/api/dossiers', {
        campaignId: await build.openCampaign(),
        title: 'Hồ sơ B',
      }),
      201,
      'dossier B',
    );
    const theirs = must(
      await org.as.otherClerk.post(`/api/dossiers/${other.id}/nominations`, {
        awardCode: 'LDTT',
        nominee: { kind: 'individual', fullName: 'Trần Thị B' },
        summary: 'Hoàn thành tốt nhiệm vụ',
      }),
      201,
      'nomination B',
    );
    const res = must(
      await org.as.otherClerk.post('/api/nominations/bulk-events', {
        type: 'REMOVE',
        ids: [...mine, theirs.id],
      }),
      200,
      'remove',
    );
    expect(res.results).toEqual([
      { id: mine[0], ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      { id: mine[1], ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      { id: theirs.id, ok: true, state: expect.any(String) },
    ]);
    for (const id of mine)
      expect(must(await org.as.clerk.get(`/api/nominations/${id}`), 200, 'mine').state).toBe('draft');
  });

  it('takes 250 in one request (three transactions), a refusal in the last chunk', async () => {
    const { nominations } = await build.dossierWith('accepted', Array(250).fill('LDTT') as string[]);
    const appraised = must(
      await org.as.office.post('/api/nominations/bulk-events', {
        type: 'APPRAISE',
        ids: nominations,
        eligible: true,
        overrideReason: 'Đã kiểm tra hồ sơ giấy',
      }),
      200,
      'appraise',
    );
    expect(appraised.results.filter((r: any) => r.ok)).toHaveLength(250);
    // One of the last chunk is approved alone first: the batch then refuses it and approves the rest.
    const early = nominations[230]!;
    await build.event(org.as.director, 'nomination', early, { type: 'APPROVE' });
    const res = must(
      await org.as.director.post('/api/nominations/bulk-events', { type: 'APPROVE', ids: nominations }),
      200,
      'approve 250',
    );
    expect(res.results.filter((r: any) => r.ok && r.state === 'awaitingDecision')).toHaveLength(249);
    expect(res.results[230]).toMatchObject({
      id: early,
      ok: false,
      error: { code: 'TRANSITION_NOT_ALLOWED' },
    });
    expect((await historyOf(early)).filter((h) => h.event === 'APPROVE')).toHaveLength(1);
  }, 400_000);
});
