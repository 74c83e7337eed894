/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked with expect(), not types */
import { must, RecordBuilder, setupApiOrg, startApiApp, type ApiOrg } from '../../helpers/api-org';
import type { TestApp } from '../../helpers/app';
import { expectProblem } from '../../helpers/http';

/**
 * policy.unregisteredNomination = 'refuse' refuses, when it is added, a nomination for a title the unit did
 * not register for (its approved emulation registration for the campaign does not list it for this nominee);
 * 'warn' adds it and the `registration` finding warns. Sudden campaigns need no registration.
 */

const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

let t: TestApp;
let org: ApiOrg;
let build: RecordBuilder;
beforeAll(async () => {
  t = (await startApiApp()).t;
  org = await setupApiOrg(t);
  build = new RecordBuilder(org);
});
afterAll(async () => t.close());

type Entry = { personId: number | null; collectiveId: number | null; awardCodes: string[] };

async function setPolicy(unregisteredNomination: 'warn' | 'refuse'): Promise<void> {
  must(await org.as.admin.put('/api/settings/policy', { unregisteredNomination }), 200, 'policy');
}

/** A new open annual campaign in which unit A's registration lists `entries`, left in `state`. */
async function campaignWithRegistration(entries: Entry[], state: 'submitted' | 'approved'): Promise<number> {
  const campaignId = await build.campaign('open');
  const reg = must(
    await org.as.clerk.put(`/api/campaigns/${campaignId}/registrations/${org.unitA}`, { entries }),
    200,
    'registration',
  );
  await build.event(org.as.clerk, 'registration', reg.id as number, { type: 'SUBMIT' });
  if (state === 'approved')
    await build.event(org.as.office, 'registration', reg.id as number, { type: 'APPROVE' });
  return campaignId;
}

async function suddenCampaign(): Promise<number> {
  const c = must(
    await org.as.office.post('/api/campaigns', {
      title: 'Thi đua đột xuất',
      kind: 'sudden',
      year: 2026,
      nominationDeadline: '2026-12-31',
    }),
    201,
    'sudden campaign',
  );
  await build.event(org.as.office, 'campaign', c.id as number, { type: 'OPEN' });
  return c.id as number;
}

async function dossier(campaignId: number): Promise<number> {
  return must(await org.as.clerk.post('/api/dossiers', { campaignId, title: 'Hồ sơ' }), 201, 'dossier')
    .id as number;
}

const individual = (fullName: string, personId?: number) => ({
  kind: 'individual',
  fullName,
  ...(personId === undefined ? {} : { personId }),
});
const nominate = (dossierId: number, awardCode: string, nominee: Record<string, unknown>) =>
  org.as.clerk.post(`/api/dossiers/${dossierId}/nominations`, {
    awardCode,
    nominee,
    summary: 'Hoàn thành xuất sắc nhiệm vụ',
  });

async function nominationCount(): Promise<number> {
  const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM nominations');
  return rows[0]!.n;
}

/** Adding the nomination is refused (400 naming awardCode) and nothing is stored. */
async function expectRefused(
  dossierId: number,
  awardCode: string,
  nominee: Record<string, unknown>,
  message: RegExp,
): Promise<void> {
  const before = await nominationCount();
  const body = expectProblem(await nominate(dossierId, awardCode, nominee), 400, 'VALIDATION_FAILED');
  expect(body.errors).toEqual([{ field: 'awardCode', message: expect.stringMatching(message) }]);
  expect(await nominationCount()).toBe(before);
  const d = must(await org.as.clerk.get(`/api/dossiers/${dossierId}`), 200, 'dossier view');
  expect((d.nominations as any[]).map((x) => x.awardCode)).not.toContain(awardCode);
}

const registrationFinding = async (nominationId: number) =>
  (
    must(await org.as.clerk.get(`/api/nominations/${nominationId}`), 200, 'nomination').findings as any[]
  ).find((f) => f.rule === 'registration');

describe(`policy.unregisteredNomination when a nomination is added (${db})`, () => {
  it('refuse: a person and a collective the approved registration lists for the award are added (201)', async () => {
    await setPolicy('refuse');
    const binh = await build.person('Trần Thị Bình');
    const team = await build.collective('Tổ Chính sách', [binh]);
    const campaignId = await campaignWithRegistration(
      [
        { personId: binh, collectiveId: null, awardCodes: ['LDTT'] },
        { personId: null, collectiveId: team, awardCodes: ['TTLDTT'] },
      ],
      'approved',
    );
    const d = await dossier(campaignId);
    const n = must(await nominate(d, 'LDTT', individual('Trần Thị Bình', binh)), 201, 'LDTT');
    expect(await registrationFinding(n.id as number)).toMatchObject({ outcome: 'pass' });
    must(
      await nominate(d, 'TTLDTT', { kind: 'collective', name: 'Tổ Chính sách', collectiveId: team }),
      201,
      'TTLDTT',
    );
  });

  it('refuse: a registration only submitted, not approved, does not count (400, nothing stored)', async () => {
    await setPolicy('refuse');
    const cuong = await build.person('Lê Văn Cường');
    const campaignId = await campaignWithRegistration(
      [{ personId: cuong, collectiveId: null, awardCodes: ['LDTT'] }],
      'submitted',
    );
    await expectRefused(
      await dossier(campaignId),
      'LDTT',
      individual('Lê Văn Cường', cuong),
      /not in the unit's approved emulation registration for this campaign \(policy: refuse\)/,
    );
  });

  it('refuse: no registration at all (400, nothing stored)', async () => {
    await setPolicy('refuse');
    const em = await build.person('Hoàng Văn Em');
    const campaignId = await build.campaign('open');
    await expectRefused(
      await dossier(campaignId),
      'LDTT',
      individual('Hoàng Văn Em', em),
      /approved emulation registration/,
    );
  });

  it('refuse: registered for another award only (400, nothing stored)', async () => {
    await setPolicy('refuse');
    const dung = await build.person('Phạm Thị Dung');
    const campaignId = await campaignWithRegistration(
      [{ personId: dung, collectiveId: null, awardCodes: ['CSTDCS'] }],
      'approved',
    );
    const d = await dossier(campaignId);
    await expectRefused(
      d,
      'LDTT',
      individual('Phạm Thị Dung', dung),
      /not in the unit's approved emulation registration/,
    );
    // The award it is registered for is still taken.
    must(await nominate(d, 'CSTDCS', individual('Phạm Thị Dung', dung)), 201, 'CSTDCS');
  });

  it('refuse: a nominee given by name only cannot be registered (400: pick from the register)', async () => {
    await setPolicy('refuse');
    const giang = await build.person('Đỗ Văn Giang');
    const campaignId = await campaignWithRegistration(
      [{ personId: giang, collectiveId: null, awardCodes: ['LDTT'] }],
      'approved',
    );
    const d = await dossier(campaignId);
    await expectRefused(
      d,
      'LDTT',
      individual('Đỗ Văn Giang'),
      /name only.*pick the person from the unit's register/,
    );
    await expectRefused(
      d,
      'TTLDTT',
      { kind: 'collective', name: 'Tổ Hành chính' },
      /name only.*pick the collective from the unit's register/,
    );
  });

  it('refuse: a sudden campaign needs no registration (201)', async () => {
    await setPolicy('refuse');
    const hoa = await build.person('Vũ Thị Hoa');
    const d = await dossier(await suddenCampaign());
    const n = must(await nominate(d, 'GKGD', individual('Vũ Thị Hoa', hoa)), 201, 'sudden GKGD');
    expect(await registrationFinding(n.id as number)).toMatchObject({ outcome: 'pass' });
    must(await nominate(d, 'GKGD', individual('Người ngoài danh sách')), 201, 'sudden, by name');
  });

  it('warn: an unregistered nomination is added (201) and its registration finding warns', async () => {
    await setPolicy('warn');
    const khanh = await build.person('Ngô Văn Khánh');
    const campaignId = await campaignWithRegistration(
      [{ personId: khanh, collectiveId: null, awardCodes: ['CSTDCS'] }],
      'approved',
    );
    const d = await dossier(campaignId);
    const n = must(await nominate(d, 'LDTT', individual('Ngô Văn Khánh', khanh)), 201, 'warn LDTT');
    expect(await registrationFinding(n.id as number)).toMatchObject({ outcome: 'warn', hard: false });
    must(await nominate(d, 'LDTT', individual('Người ngoài danh sách')), 201, 'warn, by name');
  });
});
