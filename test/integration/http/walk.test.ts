import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pdf, startApiApp } from '../../helpers/api-org';
import type { TestApp, TestSession } from '../../helpers/app';

/** Another PDF, whose bytes no accepted upload has. */
const lateScan = Buffer.from('%PDF-1.4\n% late supplement\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Every file under DATA_DIR/files. */
function storedFiles(): string[] {
  const root = join(t.config.DATA_DIR, 'files');
  return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).sort() : [];
}

let t: TestApp;
beforeAll(async () => {
  t = (await startApiApp()).t;
});
afterAll(async () => t.close());

async function upload(s: TestSession, dossierId: number, kind: string) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${kind}.pdf`);
  return s.api.post(`/api/dossiers/${dossierId}/attachments`, undefined, { raw: form });
}

describe(`the whole walk over HTTP (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('admin sets up, a unit submits, the office appraises, the director signs; history shows every step', async () => {
    const dep = await t.createUnit({ code: 'SNV', name: 'Sở Nội vụ' });
    const unit = await t.createUnit({ code: 'PLD', name: 'Phòng Lao động', parentId: dep.id });
    const other = await t.createUnit({ code: 'PBT', name: 'Phòng Bảo trợ', parentId: dep.id });
    const office = await t.createUser({ username: 'office1', roles: ['office'], unitId: dep.id });
    const director = await t.createUser({ username: 'director1', roles: ['director'], unitId: dep.id });
    const clerk = await t.createUser({ username: 'clerk1', roles: ['unit'], unitId: unit.id });
    const stranger = await t.createUser({ username: 'clerk2', roles: ['unit'], unitId: other.id });

    const awards = await clerk.api.get('/api/awards');
    expect(awards.status).toBe(200);
    expect(awards.body.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['LDTT', 'CSTDCS', 'CSTDT', 'BKTTG']),
    );
    const cal = await clerk.api.get('/api/calendar/2026');
    expect(cal.body.daysOff).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2026-02-16' })]),
    );

    const campaign = await office.api.post('/api/campaigns', {
      title: 'Thi đua năm 2026',
      kind: 'annual',
      year: 2026,
      nominationDeadline: '2026-12-31',
    });
    expect(campaign.status).toBe(201);
    expect(
      (await office.api.post(`/api/campaigns/${campaign.body.id}/events`, { type: 'OPEN' })).body.state,
    ).toBe('open');

    const dossier = await clerk.api.post('/api/dossiers', {
      campaignId: campaign.body.id,
      title: 'Hồ sơ 2026',
    });
    expect(dossier.status).toBe(201);
    expect(dossier.body).toMatchObject({
      state: 'draft',
      version: 1,
      allowedEvents: ['SUBMIT', 'WITHDRAW'].slice(0, 1),
    });
    const nom = await clerk.api.post(`/api/dossiers/${dossier.body.id}/nominations`, {
      awardCode: 'LDTT',
      nominee: { kind: 'individual', fullName: 'Nguyễn Văn An' },
      summary: 'Hoàn thành tốt nhiệm vụ',
    });
    expect(nom.status).toBe(201);
    for (const kind of ['coverLetter', 'minutes', 'achievementReport']) {
      const up = await upload(clerk, dossier.body.id, kind);
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({
        kind,
        size: pdf.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    // Another unit's record answers 404, reads and writes alike.
    expect((await stranger.api.get(`/api/dossiers/${dossier.body.id}`)).status).toBe(404);
    expect(
      (await stranger.api.post(`/api/dossiers/${dossier.body.id}/events`, { type: 'SUBMIT' })).status,
    ).toBe(404);

    const submitted = await clerk.api.post(
      `/api/dossiers/${dossier.body.id}/events`,
      { type: 'SUBMIT', expectedVersion: 1 },
      { headers: { 'Idempotency-Key': 'submit-1' } },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    const again = await clerk.api.post(
      `/api/dossiers/${dossier.body.id}/events`,
      { type: 'SUBMIT', expectedVersion: 1 },
      { headers: { 'Idempotency-Key': 'submit-1' } },
    );
    expect(again.body).toEqual(submitted.body);

    // A refused upload (another unit's dossier, or a dossier no longer taking files) writes nothing.
    const filesBefore = storedFiles();
    const late = new FormData();
    late.append('kind', 'other');
    late.append('file', new Blob([lateScan], { type: 'application/pdf' }), 'bổ sung.pdf');
    const refused = await clerk.api.post(`/api/dossiers/${dossier.body.id}/attachments`, undefined, {
      raw: late,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', state: 'submitted' });
    const foreign = new FormData();
    foreign.append('kind', 'other');
    foreign.append('file', new Blob([lateScan], { type: 'application/pdf' }), 'x.pdf');
    expect(
      (await stranger.api.post(`/api/dossiers/${dossier.body.id}/attachments`, undefined, { raw: foreign }))
        .status,
    ).toBe(404);
    expect(storedFiles()).toEqual(filesBefore);
    const stale = await clerk.api.post(`/api/dossiers/${dossier.body.id}/events`, {
      type: 'WITHDRAW',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT' });
    const forbidden = await clerk.api.post(`/api/dossiers/${dossier.body.id}/events`, { type: 'RECEIVE' });
    expect(forbidden.status).toBe(403);

    expect(
      (await office.api.post(`/api/dossiers/${dossier.body.id}/events`, { type: 'RECEIVE' })).body.state,
    ).toBe('accepted');
    const appraise = await office.api.post(`/api/nominations/${nom.body.id}/events`, {
      type: 'APPRAISE',
      eligible: true,
    });
    // The nominee has no rating on record: a hard rule fails, so eligibility needs an override reason.
    expect(appraise.status).toBe(400);
    expect(appraise.body.errors).toEqual([expect.objectContaining({ field: 'overrideReason' })]);
    const appraised = await office.api.post(`/api/nominations/${nom.body.id}/events`, {
      type: 'APPRAISE',
      eligible: true,
      overrideReason: 'Đánh giá năm 2026 đã có trong biên bản của đơn vị',
    });
    expect(appraised.body.state).toBe('directorReview');
    const wrongTime = await office.api.post(`/api/nominations/${nom.body.id}/events`, {
      type: 'APPRAISE',
      eligible: true,
    });
    expect(wrongTime.status).toBe(409);
    expect(wrongTime.body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(
      (await director.api.post(`/api/nominations/${nom.body.id}/events`, { type: 'APPROVE' })).body.state,
    ).toBe('awaitingDecision');

    const decision = await office.api.post('/api/decisions', { nominationIds: [nom.body.id] });
    expect(decision.status).toBe(201);
    await office.api.post(`/api/decisions/${decision.body.id}/events`, { type: 'SUBMIT_FOR_SIGNATURE' });
    const signed = await director.api.post(`/api/decisions/${decision.body.id}/events`, { type: 'SIGN' });
    expect(signed.body).toMatchObject({ state: 'issued', number: '01/QĐ-SNV' });
    const awarded = await clerk.api.get(`/api/nominations/${nom.body.id}`);
    expect(awarded.body).toMatchObject({ state: 'awarded', decisionNumber: '01/QĐ-SNV' });

    const history = await clerk.api.get(`/api/nominations/${nom.body.id}/history`);
    expect(history.body.map((h: { event: string }) => h.event)).toEqual([
      'CREATE',
      'DOSSIER_SUBMITTED',
      'DOSSIER_ACCEPTED',
      'APPRAISE',
      'APPROVE',
      'DECISION_SIGNED',
    ]);
    expect(history.body[3]).toMatchObject({
      actor: { name: 'Test office1' },
      from: 'appraisal',
      to: 'directorReview',
    });

    const list = await office.api.get(
      `/api/nominations?state=awarded&campaignId=${campaign.body.id}&limit=10`,
    );
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([nom.body.id]);
    expect((await stranger.api.get('/api/nominations')).body.items).toEqual([]);

    const file = await clerk.api.get(`/api/dossiers/${dossier.body.id}`);
    const att = file.body.attachments[0];
    const download = await fetch(`${t.baseUrl}/api/dossiers/${dossier.body.id}/attachments/${att.id}`, {
      headers: { cookie: clerk.cookie },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('refuses a file whose content is not an allowed type, whatever its name', async () => {
    const unit = await t.createUnit({ code: 'X1', name: 'Đơn vị X' });
    const clerk = await t.createUser({ username: 'clerkx', roles: ['unit'], unitId: unit.id });
    const office = await t.createUser({ username: 'officex', roles: ['office'] });
    const c = await office.api.post('/api/campaigns', {
      title: 'C',
      kind: 'sudden',
      year: 2026,
      nominationDeadline: '2026-12-31',
    });
    const d = await clerk.api.post('/api/dossiers', { campaignId: c.body.id, title: 'D' });
    const form = new FormData();
    form.append('kind', 'coverLetter');
    form.append('file', new Blob([Buffer.from('<html><script>alert(1)</script></html>')]), 'letter.pdf');
    const r = await clerk.api.post(`/api/dossiers/${d.body.id}/attachments`, undefined, { raw: form });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect((await clerk.api.get(`/api/dossiers/${d.body.id}`)).body.attachments).toEqual([]);
  });
});
