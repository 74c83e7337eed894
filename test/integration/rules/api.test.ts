/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked with expect(), not types */
import { localDate } from '../../../src/domain/business-date';
import { pdf, startApiApp } from '../../helpers/api-org';
import type { TestApp, TestSession } from '../../helpers/app';
import { zip } from '../../helpers/files';
import { expectProblem } from '../../helpers/http';

/** The award rules over HTTP: register, import, registration, findings, overrides, council votes. */

const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

let t: TestApp;
beforeAll(async () => {
  t = (await startApiApp()).t;
});
afterAll(async () => t.close());

const today = () => localDate(new Date(), 'Asia/Ho_Chi_Minh');
const Y = Number(today().slice(0, 4));

type S = TestSession;
async function ok(res: Promise<{ status: number; body: any; text: string }>, status = 200): Promise<any> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}
async function upload(s: S, dossierId: number, kind: string) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${kind}.pdf`);
  return ok(s.api.post(`/api/dossiers/${dossierId}/attachments`, undefined, { raw: form }), 201);
}
async function importFile(s: S, unitId: number, mode: string, content: Buffer | string, name = 'awards.csv') {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: 'text/csv' }),
    name,
  );
  return s.api.post(`/api/units/${unitId}/past-awards/import?mode=${mode}`, undefined, { raw: form });
}
const event = (s: S, type: string, id: number, body: Record<string, unknown>) =>
  s.api.post(`/api/${type}/${id}/events`, body);
const finding = (n: any, rule: string) => n.findings.find((f: any) => f.rule === rule);

interface Org {
  unitA: number;
  unitB: number;
  office: S;
  director: S;
  council: S;
  clerkA: S;
  clerkB: S;
}
let orgCount = 0;
async function org(): Promise<Org> {
  const n = ++orgCount;
  const dep = await t.createUnit({ code: `SNV`, name: 'Sở Nội vụ' }).catch(() => null);
  const parentId = dep?.id ?? null;
  const a = await t.createUnit({ code: `PA${n}`, name: `Phòng A${n}`, parentId });
  const b = await t.createUnit({ code: `PB${n}`, name: `Phòng B${n}`, parentId });
  return {
    unitA: a.id,
    unitB: b.id,
    office: await t.createUser({ username: `office${n}`, roles: ['office'], unitId: parentId }),
    director: await t.createUser({ username: `director${n}`, roles: ['director'], unitId: parentId }),
    council: await t.createUser({ username: `council${n}`, roles: ['council'], unitId: parentId }),
    clerkA: await t.createUser({ username: `clerka${n}`, roles: ['unit'], unitId: a.id }),
    clerkB: await t.createUser({ username: `clerkb${n}`, roles: ['unit'], unitId: b.id }),
  };
}
async function openCampaign(o: Org, title: string): Promise<number> {
  const c = await ok(
    o.office.api.post('/api/campaigns', { title, kind: 'annual', year: Y, nominationDeadline: `${Y}-12-31` }),
    201,
  );
  await ok(event(o.office, 'campaigns', c.id, { type: 'OPEN' }));
  return c.id;
}
async function person(s: S, unitId: number, fullName: string): Promise<number> {
  return (await ok(s.api.post(`/api/units/${unitId}/persons`, { fullName }), 201)).id;
}
async function nominate(s: S, dossierId: number, awardCode: string, personId: number, fullName: string) {
  return (
    await ok(
      s.api.post(`/api/dossiers/${dossierId}/nominations`, {
        awardCode,
        nominee: { kind: 'individual', fullName, personId },
        summary: 'Thành tích năm',
      }),
      201,
    )
  ).id as number;
}

describe(`award rules over HTTP (${db})`, () => {
  it('register, import, registration, findings, an override in history, council votes at and under the threshold, unit scoping', async () => {
    const o = await org();
    const { clerkA, clerkB, office, director, council } = o;
    // One CSTDCS per LDTT at most in this department (the default 15% would need 7 LDTT for one).
    await ok(t.admin.api.put('/api/settings/policy', { cstdcsQuota: 1 }));

    // --- The people register, through the API.
    const binh = await person(clerkA, o.unitA, 'Trần Thị Bình');
    const cuong = await person(clerkA, o.unitA, 'Lê Văn Cường');
    const dung = await person(clerkA, o.unitA, 'Phạm Thị Dung');
    const em = await person(clerkA, o.unitA, 'Hoàng Văn Em');
    await ok(clerkA.api.post(`/api/persons/${binh}/ratings`, { year: Y, rating: 'good' }));
    await ok(clerkA.api.post(`/api/persons/${cuong}/ratings`, { year: Y, rating: 'completed' }));
    await ok(clerkA.api.post(`/api/persons/${dung}/ratings`, { year: Y, rating: 'excellent' }));
    await ok(
      clerkA.api.post(`/api/persons/${dung}/initiatives`, {
        title: 'Số hoá hồ sơ thi đua',
        scope: 'grassroots',
        recognisedOn: `${Y}-06-01`,
      }),
      201,
    );
    const manual = await ok(
      clerkA.api.post(`/api/persons/${binh}/past-awards`, {
        awardCode: 'LDTT',
        year: Y - 1,
        decisionNumber: '07/QĐ-SNV',
        decidedOn: `${Y - 1}-12-20`,
      }),
      201,
    );
    expect(manual).toMatchObject({ awardCode: 'LDTT', year: Y - 1, source: 'manual', personId: binh });
    expectProblem(
      await clerkA.api.post(`/api/persons/${binh}/past-awards`, { awardCode: 'LDTT', year: Y - 1 }),
      409,
      'CONFLICT',
    );
    expectProblem(
      await clerkA.api.post(`/api/persons/${binh}/past-awards`, { awardCode: 'TTLDTT', year: Y - 1 }),
      400,
      'VALIDATION_FAILED',
    );
    await ok(
      clerkA.api.post(`/api/persons/${em}/discipline`, {
        level: 'reprimand',
        from: `${Y - 3}-01-10`,
        to: `${Y - 3}-12-31`,
      }),
      201,
    );
    const team = await ok(
      clerkA.api.post(`/api/units/${o.unitA}/collectives`, {
        name: 'Tổ Chính sách',
        memberCount: 3,
        members: { year: Y, personIds: [binh, cuong, dung] },
      }),
      201,
    );
    const teamView = await ok(clerkA.api.get(`/api/collectives/${team.id}?year=${Y}`));
    expect(teamView.members.map((m: any) => m.id).sort()).toEqual([binh, cuong, dung].sort());
    expect((await ok(clerkA.api.get(`/api/units/${o.unitA}/persons`))).map((p: any) => p.fullName)).toEqual([
      'Hoàng Văn Em',
      'Lê Văn Cường',
      'Phạm Thị Dung',
      'Trần Thị Bình',
    ]);

    // --- Past awards from a CSV file: preview (nothing written), then commit.
    const csv = [
      'Họ và tên;Danh hiệu;Năm;Số quyết định;Ngày quyết định',
      `Hoàng Văn Em;CSTDCS;${Y - 2};12/QĐ-SNV;15/12/${Y - 2}`,
      `hoàng  văn em;CSTDCS;${Y - 1};10/QĐ-SNV;${Y - 1}-12-20`,
      `Không Có Ai;LDTT;${Y - 1};;`,
      `Hoàng Văn Em;XYZ;${Y - 1};;`,
      `Hoàng Văn Em;LDTT;19x5;;`,
    ].join('\r\n');
    const preview = await ok(importFile(clerkA, o.unitA, 'preview', csv));
    expect(preview.mode).toBe('preview');
    expect(preview.rows.map((r: any) => r.line)).toEqual([2, 3, 4]);
    expect(preview.rows[0]).toMatchObject({ awardCode: 'CSTDCS', year: Y - 2, decidedOn: `${Y - 2}-12-15` });
    expect(preview.rejected.map((r: any) => r.line)).toEqual([5, 6]);
    expect(preview.rejected[0].errors.join(' ')).toContain('XYZ');
    expect(preview.rejected[1].errors.join(' ')).toContain('19x5');
    expect((await ok(clerkA.api.get(`/api/persons/${em}`))).pastAwards).toEqual([]);
    const commit = await ok(importFile(clerkA, o.unitA, 'commit', csv));
    expect(commit.inserted.map((r: any) => [r.line, r.personId])).toEqual([
      [2, em],
      [3, em],
    ]);
    expect(commit.duplicates).toEqual([]);
    expect(commit.unresolved.map((r: any) => r.line)).toEqual([4]);
    expect(commit.rejected.map((r: any) => r.line)).toEqual([5, 6]);
    const again = await ok(importFile(clerkA, o.unitA, 'commit', csv));
    expect(again.inserted).toEqual([]);
    expect(again.duplicates.map((r: any) => r.line)).toEqual([2, 3]);
    const emView = await ok(clerkA.api.get(`/api/persons/${em}`));
    expect(emView.pastAwards.map((a: any) => [a.awardCode, a.year, a.source])).toEqual([
      ['CSTDCS', Y - 2, 'import'],
      ['CSTDCS', Y - 1, 'import'],
    ]);
    expect(emView.disciplines).toHaveLength(1);
    // Not a spreadsheet: refused by content, whatever the name.
    expectProblem(await importFile(clerkA, o.unitA, 'preview', pdf, 'awards.csv'), 400, 'VALIDATION_FAILED');
    // Looks like a workbook (a zip with an xl/ part) but cannot be read as one: the file is named, no row.
    const broken = zip([
      ['xl/workbook.xml', '<workbook/>'],
      ['[Content_Types].xml', '<Types/>'],
    ]);
    const unreadable = expectProblem(
      await importFile(clerkA, o.unitA, 'preview', broken, 'awards.xlsx'),
      400,
      'VALIDATION_FAILED',
    );
    expect(unreadable.errors).toEqual([
      { field: 'file', message: expect.stringMatching(/Excel|sheet|trang tính/) },
    ]);
    expect(JSON.stringify(unreadable)).not.toMatch(/zip|Error:|\bat \S+:\d+/i);

    // --- Emulation registration: the unit submits, the office approves.
    const campaignId = await openCampaign(o, `Thi đua ${Y}`);
    const reg = await ok(
      clerkA.api.put(`/api/campaigns/${campaignId}/registrations/${o.unitA}`, {
        entries: [
          { personId: binh, collectiveId: null, awardCodes: ['LDTT'] },
          { personId: dung, collectiveId: null, awardCodes: ['LDTT', 'CSTDCS'] },
        ],
      }),
    );
    expect(reg).toMatchObject({ state: 'draft', allowedEvents: ['SUBMIT'] });
    expectProblem(
      await clerkA.api.put(`/api/campaigns/${campaignId}/registrations/${o.unitA}`, {
        entries: [{ personId: binh, collectiveId: null, awardCodes: ['TTLDTT'] }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await ok(event(clerkA, 'registrations', reg.id, { type: 'SUBMIT' }))).state).toBe('submitted');
    expectProblem(await event(clerkA, 'registrations', reg.id, { type: 'APPROVE' }), 403, 'FORBIDDEN');
    const approved = await ok(event(office, 'registrations', reg.id, { type: 'APPROVE' }));
    expect(approved).toMatchObject({ state: 'approved', stateLabel: { vi: 'Đã duyệt' } });
    expectProblem(
      await event(office, 'registrations', reg.id, { type: 'APPROVE' }),
      409,
      'TRANSITION_NOT_ALLOWED',
    );

    // --- A dossier with eligible and ineligible nominations.
    const dossier = await ok(clerkA.api.post('/api/dossiers', { campaignId, title: `Hồ sơ ${Y}` }), 201);
    const nBinh = await nominate(clerkA, dossier.id, 'LDTT', binh, 'Trần Thị Bình');
    const nCuong = await nominate(clerkA, dossier.id, 'LDTT', cuong, 'Lê Văn Cường');
    const nDung = await nominate(clerkA, dossier.id, 'LDTT', dung, 'Phạm Thị Dung');
    const nDungCst = await nominate(clerkA, dossier.id, 'CSTDCS', dung, 'Phạm Thị Dung');
    const nCuongCst = await nominate(clerkA, dossier.id, 'CSTDCS', cuong, 'Lê Văn Cường');
    // Another unit's person cannot be named.
    expectProblem(
      await clerkB.api.post(
        `/api/dossiers/${(await ok(clerkB.api.post('/api/dossiers', { campaignId, title: 'B' }), 201)).id}/nominations`,
        {
          awardCode: 'LDTT',
          nominee: { kind: 'individual', fullName: 'Trần Thị Bình', personId: binh },
          summary: 'x',
        },
      ),
      400,
      'VALIDATION_FAILED',
    );

    // Findings before receipt (judged today), and after they follow their inputs.
    const beforeRating = await ok(clerkA.api.get(`/api/nominations/${nCuong}`));
    expect(finding(beforeRating, 'LDTT.rating')).toMatchObject({ outcome: 'fail', hard: true });
    expect(finding(beforeRating, 'LDTT.rating').explanation.vi).toContain('hoàn thành nhiệm vụ');
    expect(finding(beforeRating, 'LDTT.rating').explanation.en).toContain('completed tasks');

    for (const kind of ['coverLetter', 'minutes', 'achievementReport', 'initiativeCertificate'])
      await upload(clerkA, dossier.id, kind);
    await ok(event(clerkA, 'dossiers', dossier.id, { type: 'SUBMIT' }));
    await ok(event(office, 'dossiers', dossier.id, { type: 'RECEIVE' }));

    const fBinh = await ok(clerkA.api.get(`/api/nominations/${nBinh}`));
    expect(fBinh.findings.length).toBeGreaterThan(2);
    for (const f of fBinh.findings) {
      expect(f.outcome).toBe('pass');
      expect(f.explanation.vi.length).toBeGreaterThan(0);
      expect(f.explanation.en.length).toBeGreaterThan(0);
      expect(f.legalBasis.vi.length).toBeGreaterThan(0);
    }
    expect(finding(fBinh, 'LDTT.rating').explanation).toEqual({
      vi: expect.stringContaining('hoàn thành tốt nhiệm vụ'),
      en: expect.stringContaining('completed tasks well'),
    });
    expect(finding(fBinh, 'registration')).toMatchObject({ outcome: 'pass' });

    const fCuong = await ok(office.api.get(`/api/nominations/${nCuong}`));
    expect(finding(fCuong, 'LDTT.rating')).toMatchObject({ outcome: 'fail', hard: true });
    // Not in the approved registration: a warning under the default policy.
    expect(finding(fCuong, 'registration')).toMatchObject({ outcome: 'warn', hard: false });
    expect(finding(fCuong, 'registration').explanation.en).toContain(
      'the approved registration does not list it',
    );

    const fDungCst = await ok(office.api.get(`/api/nominations/${nDungCst}`));
    expect(fDungCst.findings.map((f: any) => [f.rule, f.outcome])).toEqual(
      expect.arrayContaining([
        ['CSTDCS.sameYearLDTT', 'pass'],
        ['CSTDCS.initiative', 'pass'],
        ['CSTDCS.quota', 'pass'],
        ['registration', 'pass'],
      ]),
    );
    const fCuongCst = await ok(office.api.get(`/api/nominations/${nCuongCst}`));
    expect(finding(fCuongCst, 'CSTDCS.initiative')).toMatchObject({ outcome: 'fail', hard: true });
    expect(finding(fCuongCst, 'CSTDCS.initiative').explanation.vi).toContain('sáng kiến');

    // The whole dossier at once: the same findings as each nomination's own read, scoped like the dossier.
    const all = await ok(office.api.get(`/api/dossiers/${dossier.id}/findings`));
    expect(all.items.map((i: any) => i.nominationId)).toEqual([nBinh, nCuong, nDung, nDungCst, nCuongCst]);
    for (const item of all.items) {
      const one = await ok(office.api.get(`/api/nominations/${item.nominationId}`));
      expect(item.findings).toEqual(one.findings);
      expect(item).toMatchObject({ asOf: today(), awardVersion: 1, state: 'appraisal' });
      expect(item.counts.pass + item.counts.warn + item.counts.fail).toBe(item.findings.length);
    }
    const line = (nid: number) => all.items.find((i: any) => i.nominationId === nid);
    expect(line(nBinh)).toMatchObject({ eligible: true, awardCode: 'LDTT', nomineeName: 'Trần Thị Bình' });
    expect(line(nCuong)).toMatchObject({ eligible: false, nomineeKind: 'individual', counts: { warn: 1 } });
    expect(line(nCuongCst)).toMatchObject({ eligible: false, awardCode: 'CSTDCS' });
    expect(line(nDungCst)).toMatchObject({ eligible: true });
    const eligibleCount = all.items.filter((i: any) => i.eligible).length;
    expect(all.summary).toEqual({
      nominations: 5,
      eligible: eligibleCount,
      withHardFailure: 5 - eligibleCount,
      withWarning: all.items.filter((i: any) => i.counts.warn > 0).length,
    });
    expect((await ok(clerkA.api.get(`/api/dossiers/${dossier.id}/findings`))).items).toHaveLength(5);
    expectProblem(await clerkB.api.get(`/api/dossiers/${dossier.id}/findings`), 404, 'NOT_FOUND');
    expectProblem(await office.api.get('/api/dossiers/2147483647/findings'), 404, 'NOT_FOUND');

    // A recorded initiative changes the finding at the next read.
    // (Cường's CSTDCS stays without one: it is the override case below.)
    const fDungLdtt = await ok(clerkA.api.get(`/api/nominations/${nDung}`));
    expect(finding(fDungLdtt, 'LDTT.rating')).toMatchObject({ outcome: 'pass' });

    // --- Appraisal: eligible despite a failing hard rule needs an override reason, kept in history.
    expectProblem(
      await event(office, 'nominations', nCuongCst, { type: 'APPRAISE', eligible: true }),
      400,
      'VALIDATION_FAILED',
    );
    const override = 'Sáng kiến đã được Hội đồng sáng kiến công nhận, chờ quyết định';
    expect(
      (
        await ok(
          event(office, 'nominations', nCuongCst, {
            type: 'APPRAISE',
            eligible: true,
            overrideReason: override,
          }),
        )
      ).state,
    ).toBe('councilReview');
    const hist = await ok(clerkA.api.get(`/api/nominations/${nCuongCst}/history`));
    expect(hist[hist.length - 1]).toMatchObject({
      event: 'APPRAISE',
      from: 'appraisal',
      to: 'councilReview',
      payload: { eligible: true, overrideReason: override },
    });
    expect(
      (await ok(event(office, 'nominations', nDungCst, { type: 'APPRAISE', eligible: true }))).state,
    ).toBe('councilReview');
    expect(
      (
        await ok(
          event(office, 'nominations', nCuong, {
            type: 'APPRAISE',
            eligible: false,
            reason: 'Chỉ hoàn thành nhiệm vụ',
          }),
        )
      ).state,
    ).toBe('rejected');

    // --- The council: 10 members, a quorum of 7, the CSTDCS threshold 70%: 7 yes passes, 6 fails.
    const members = Array.from({ length: 10 }, (_, i) => ({
      userId: i === 0 ? council.user.id : null,
      fullName: `Thành viên ${i + 1}`,
      role: i === 0 ? 'chair' : 'member',
    }));
    expectProblem(
      await clerkA.api.post('/api/council/sessions', { title: 'x', heldOn: today(), members }),
      403,
      'FORBIDDEN',
    );
    const session = await ok(
      office.api.post('/api/council/sessions', {
        title: `Phiên họp Hội đồng ${Y}`,
        heldOn: today(),
        members,
      }),
      201,
    );
    expect(session.members).toHaveLength(10);
    // A nomination not in council review is named by its position in the request.
    const offAgenda = expectProblem(
      await office.api.post(`/api/council/sessions/${session.id}/agenda`, {
        nominationIds: [nDungCst, nBinh],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(offAgenda.errors).toEqual([
      { field: 'nominationIds.1', message: expect.stringContaining(`nomination ${nBinh} is`) },
    ]);
    await ok(
      office.api.post(`/api/council/sessions/${session.id}/agenda`, { nominationIds: [nDungCst, nCuongCst] }),
    );
    const ids = session.members.map((m: any) => m.id);
    // Six present: no quorum, no vote.
    await ok(
      office.api.put(`/api/council/sessions/${session.id}/attendance`, { presentMemberIds: ids.slice(0, 6) }),
    );
    expectProblem(
      await office.api.post(`/api/council/sessions/${session.id}/votes`, { nominationId: nDungCst, yes: 6 }),
      400,
      'VALIDATION_FAILED',
    );
    await ok(
      office.api.put(`/api/council/sessions/${session.id}/attendance`, { presentMemberIds: ids.slice(0, 9) }),
    );
    const atThreshold = await ok(
      office.api.post(`/api/council/sessions/${session.id}/votes`, { nominationId: nDungCst, yes: 7 }),
    );
    expect(atThreshold).toMatchObject({
      nomination: { id: nDungCst, state: 'directorReview' },
      count: { membersTotal: 10, present: 9, yes: 7 },
      tally: { quorum: true, passed: true, yesNeeded: 7, quorumNeeded: 7 },
    });
    const underThreshold = await ok(
      office.api.post(`/api/council/sessions/${session.id}/votes`, { nominationId: nCuongCst, yes: 6 }),
    );
    expect(underThreshold).toMatchObject({
      nomination: { id: nCuongCst, state: 'rejected' },
      tally: { passed: false, share: 0.6, yesNeeded: 7 },
    });
    // A nomination already voted on cannot be voted again (and the agenda row keeps the first count).
    expectProblem(
      await office.api.post(`/api/council/sessions/${session.id}/votes`, { nominationId: nDungCst, yes: 9 }),
      409,
      'TRANSITION_NOT_ALLOWED',
    );
    const read = await ok(council.api.get(`/api/council/sessions/${session.id}`));
    expect(read.agenda).toEqual([
      expect.objectContaining({
        nominationId: nDungCst,
        yes: 7,
        present: 9,
        membersTotal: 10,
        threshold: 0.7,
        passed: true,
      }),
      expect.objectContaining({ nominationId: nCuongCst, yes: 6, passed: false }),
    ]);
    expect((await ok(director.api.get(`/api/council/sessions/${session.id}`))).id).toBe(session.id);
    expectProblem(await clerkA.api.get(`/api/council/sessions/${session.id}`), 403, 'FORBIDDEN');
    const voteHist = await ok(office.api.get(`/api/nominations/${nDungCst}/history`));
    expect(voteHist[voteHist.length - 1]).toMatchObject({
      event: 'RECORD_VOTE',
      from: 'councilReview',
      to: 'directorReview',
      payload: { membersTotal: 10, present: 9, yes: 7, via: `councilSession/${session.id}` },
    });
    const rejectedHist = await ok(office.api.get(`/api/nominations/${nCuongCst}/history`));
    expect(rejectedHist[rejectedHist.length - 1]).toMatchObject({
      event: 'RECORD_VOTE',
      to: 'rejected',
      payload: { membersTotal: 10, present: 9, yes: 6 },
    });

    // --- Unit scoping: another unit's clerk gets 404 on every read and write of unit A's register.
    for (const path of [
      `/api/units/${o.unitA}/persons`,
      `/api/units/${o.unitA}/collectives`,
      `/api/persons/${binh}`,
      `/api/collectives/${team.id}`,
      `/api/nominations/${nBinh}`,
      `/api/campaigns/${campaignId}/registrations/${o.unitA}`,
    ])
      expectProblem(await clerkB.api.get(path), 404, 'NOT_FOUND');
    for (const [path, body] of [
      [`/api/units/${o.unitA}/persons`, { fullName: 'Kẻ Lạ' }],
      [`/api/units/${o.unitA}/collectives`, { name: 'Tổ Lạ', memberCount: 1 }],
      [`/api/persons/${binh}/ratings`, { year: Y, rating: 'excellent' }],
      [`/api/persons/${binh}/past-awards`, { awardCode: 'GKGD', year: Y - 1 }],
      [`/api/persons/${binh}/initiatives`, { title: 'x', scope: 'grassroots', recognisedOn: `${Y}-01-02` }],
      [`/api/persons/${binh}/discipline`, { level: 'warning', from: `${Y}-01-02` }],
      [`/api/registrations/${reg.id}/events`, { type: 'SUBMIT' }],
    ] as const)
      expectProblem(await clerkB.api.post(path, body), 404, 'NOT_FOUND');
    expectProblem(
      await clerkB.api.put(`/api/campaigns/${campaignId}/registrations/${o.unitA}`, { entries: [] }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await clerkB.api.put(`/api/collectives/${team.id}/members`, { year: Y, personIds: [] }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await importFile(clerkB, o.unitA, 'commit', csv), 404, 'NOT_FOUND');
    // ... and its own unit B does not show A's people; A's clerk cannot read B's.
    expect(await ok(clerkB.api.get(`/api/units/${o.unitB}/persons`))).toEqual([]);
    expectProblem(await clerkA.api.get(`/api/units/${o.unitB}/persons`), 404, 'NOT_FOUND');
    // Nothing was written by the refused calls.
    const binhView = await ok(office.api.get(`/api/persons/${binh}`));
    expect(binhView.ratings).toEqual([{ year: Y, rating: 'good' }]);
    expect(binhView.pastAwards).toHaveLength(1);
    expect(binhView.disciplines).toEqual([]);
  });

  it('an awarded nomination writes its past award (so later checks see it); revoking it takes the row out', async () => {
    const o = await org();
    const { clerkB, office, director } = o;
    await ok(t.admin.api.put('/api/settings/policy', { cstdcsQuota: 1 }));
    const giang = await person(clerkB, o.unitB, 'Đỗ Thị Giang');
    await ok(clerkB.api.post(`/api/persons/${giang}/ratings`, { year: Y, rating: 'excellent' }));
    // A closed drive takes no more registrations.
    const closedId = await openCampaign(o, `Thi đua ${Y} (đã đóng)`);
    await ok(event(office, 'campaigns', closedId, { type: 'CLOSE' }));
    const late = expectProblem(
      await clerkB.api.put(`/api/campaigns/${closedId}/registrations/${o.unitB}`, { entries: [] }),
      409,
      'TRANSITION_NOT_ALLOWED',
    );
    expect(late).toMatchObject({ campaignState: 'closed' });
    expectProblem(
      await clerkB.api.get(`/api/campaigns/${closedId}/registrations/${o.unitB}`),
      404,
      'NOT_FOUND',
    );
    const campaignId = await openCampaign(o, `Thi đua ${Y} (B)`);
    const dossier = await ok(clerkB.api.post('/api/dossiers', { campaignId, title: 'Hồ sơ B' }), 201);
    const n = await nominate(clerkB, dossier.id, 'LDTT', giang, 'Đỗ Thị Giang');
    for (const kind of ['coverLetter', 'minutes', 'achievementReport'])
      await upload(clerkB, dossier.id, kind);
    await ok(event(clerkB, 'dossiers', dossier.id, { type: 'SUBMIT' }));
    await ok(event(office, 'dossiers', dossier.id, { type: 'RECEIVE' }));
    await ok(event(office, 'nominations', n, { type: 'APPRAISE', eligible: true }));
    await ok(event(director, 'nominations', n, { type: 'APPROVE' }));
    expect((await ok(clerkB.api.get(`/api/persons/${giang}`))).pastAwards).toEqual([]);
    const decision = await ok(office.api.post('/api/decisions', { nominationIds: [n] }), 201);
    await ok(event(office, 'decisions', decision.id, { type: 'SUBMIT_FOR_SIGNATURE' }));
    const signed = await ok(event(director, 'decisions', decision.id, { type: 'SIGN' }));
    expect((await ok(clerkB.api.get(`/api/nominations/${n}`))).state).toBe('awarded');

    const after = await ok(clerkB.api.get(`/api/persons/${giang}`));
    expect(after.pastAwards).toEqual([
      expect.objectContaining({
        personId: giang,
        awardCode: 'LDTT',
        year: Y,
        source: 'system',
        decisionNumber: signed.number,
        decidedOn: today(),
      }),
    ]);
    expect(after.nominations).toEqual([
      expect.objectContaining({ id: n, awardCode: 'LDTT', state: 'awarded', year: Y }),
    ]);

    // A later nomination's check sees the award as held, not merely nominated.
    const d2 = await ok(clerkB.api.post('/api/dossiers', { campaignId, title: 'Hồ sơ B bổ sung' }), 201);
    const cst = await nominate(clerkB, d2.id, 'CSTDCS', giang, 'Đỗ Thị Giang');
    const f = finding(await ok(clerkB.api.get(`/api/nominations/${cst}`)), 'CSTDCS.sameYearLDTT');
    expect(f).toMatchObject({ outcome: 'pass' });
    expect(f.explanation.vi).toContain(`đã được công nhận LDTT năm ${Y}`);
    expect(f.explanation.en).toContain(`holds LDTT for ${Y}`);

    // Revoked: the system's row goes; the award and its revocation stay in the nomination's history.
    await ok(event(director, 'nominations', n, { type: 'REVOKE', reason: 'Thành tích không đúng sự thật' }));
    expect((await ok(clerkB.api.get(`/api/persons/${giang}`))).pastAwards).toEqual([]);
    const events = (await ok(clerkB.api.get(`/api/nominations/${n}/history`))).map((h: any) => h.event);
    expect(events.slice(-2)).toEqual(['DECISION_SIGNED', 'REVOKE']);
  });

  it('every rules route is in the OpenAPI document, with its schemas resolved', async () => {
    const doc = (await t.anon.get('/api/openapi.json')).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) =>
      Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`),
    );
    for (const op of [
      'GET /api/units/{id}/persons',
      'POST /api/units/{id}/persons',
      'GET /api/units/{id}/collectives',
      'POST /api/units/{id}/collectives',
      'GET /api/collectives/{id}',
      'PUT /api/collectives/{id}/members',
      'POST /api/collectives/{id}/past-awards',
      'GET /api/persons/{id}',
      'POST /api/persons/{id}/past-awards',
      'POST /api/persons/{id}/initiatives',
      'POST /api/persons/{id}/discipline',
      'POST /api/persons/{id}/ratings',
      'POST /api/units/{id}/past-awards/import',
      'GET /api/campaigns/{id}/registrations/{unitId}',
      'PUT /api/campaigns/{id}/registrations/{unitId}',
      'POST /api/registrations/{id}/events',
      'POST /api/council/sessions',
      'GET /api/council/sessions/{id}',
      'PUT /api/council/sessions/{id}/attendance',
      'POST /api/council/sessions/{id}/agenda',
      'POST /api/council/sessions/{id}/votes',
    ])
      expect(ops).toContain(op);
    const importOp = doc.paths['/api/units/{id}/past-awards/import'].post;
    expect(importOp.requestBody.content['multipart/form-data'].schema.properties.file.description).toContain(
      'CSV',
    );
    for (const r of JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? []) {
      const name = r.slice(8, -1).replace('#/components/schemas/', '');
      expect(doc.components.schemas[name]).toBeDefined();
    }
  });
});
