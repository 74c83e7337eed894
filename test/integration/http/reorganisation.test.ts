/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by value */
import {
  must,
  RecordBuilder,
  setupApiOrg,
  startApiApp,
  type ApiApp,
  type ApiOrg,
} from '../../helpers/api-org';
import type { Client } from '../../helpers/http';

/**
 * The 2025 reorganisation: a merger keeps the old unit's open records with its successor's clerks (scoping
 * follows the lineage) and says so in their history; a parent unit's clerk does not see its sub-units'
 * records.
 */
describe('unit mergers and the records of the merged unit', () => {
  let app: ApiApp;
  let org: ApiOrg;
  let records: RecordBuilder;
  let parentClerk: Client;
  beforeAll(async () => {
    app = await startApiApp();
    org = await setupApiOrg(app.t);
    records = new RecordBuilder(org);
    const p = await app.t.createUser({ username: 'parentclerk', roles: ['unit'], unitId: org.department });
    parentClerk = p.api;
  }, 120000);
  afterAll(() => app.t.close());

  test("after a merger the successor's clerk reads and moves the old unit's open dossier; its history says so", async () => {
    const open = await records.dossierWith('submitted', ['LDTT']);
    const draft = await records.dossierWith('draft', ['LDTT'], false);
    const settled = await records.dossierWith('withdrawn', ['LDTT']);
    const campaignId = await records.openCampaign();
    const person = must(
      await org.as.clerk.post(`/api/units/${org.unitA}/persons`, { fullName: 'Trần Thị Bình' }),
      201,
      'person',
    );
    const reg = must(
      await org.as.clerk.put(`/api/campaigns/${campaignId}/registrations/${org.unitA}`, {
        entries: [{ personId: person.id, collectiveId: null, awardCodes: ['LDTT'] }],
      }),
      200,
      'registration',
    );
    const B = org.as.otherClerk;

    // Before: unit B's clerk and the parent unit's clerk see nothing of unit A.
    expect((await B.get(`/api/dossiers/${open.id}`)).status).toBe(404);
    expect((await parentClerk.get(`/api/dossiers/${open.id}`)).status).toBe(404);

    const merged = must(
      await org.as.admin.post(`/api/units/${org.unitA}/successor`, {
        successorId: org.unitB,
        moveUsers: false,
      }),
      200,
      'merger',
    );
    expect(merged.carried).toEqual({ dossiers: 2, nominations: 2, registrations: 1 });

    // B's clerk reads the old unit's records, lists them, and acts on the open one.
    expect(must(await B.get(`/api/dossiers/${open.id}`), 200, 'read').unitId).toBe(org.unitA);
    expect((await B.get(`/api/nominations/${open.nominations[0]}`)).status).toBe(200);
    expect((await B.get(`/api/dossiers/${settled.id}`)).status).toBe(200);
    const listed = must(await B.get('/api/dossiers?limit=100'), 200, 'list').items.map((d: any) => d.id);
    expect(listed).toEqual(expect.arrayContaining([open.id, draft.id, settled.id]));
    must(
      await B.post(`/api/dossiers/${open.id}/events`, { type: 'WITHDRAW', reason: 'Sáp nhập' }),
      200,
      'act',
    );

    // The history of each open record says which unit it now stands with; the settled one has no such row.
    const history = must(await B.get(`/api/dossiers/${draft.id}/history`), 200, 'history');
    const row = history.find((h: any) => h.event === 'UNIT_SUCCEEDED');
    expect(row).toMatchObject({ from: 'draft', to: 'draft' });
    expect(row.payload).toMatchObject({ fromUnitId: org.unitA, toUnitId: org.unitB, toUnitCode: 'PBT' });
    const nomHistory = must(await B.get(`/api/nominations/${draft.nominations[0]}/history`), 200, 'n');
    expect(nomHistory.map((h: any) => h.event)).toContain('UNIT_SUCCEEDED');
    const settledHistory = must(await B.get(`/api/dossiers/${settled.id}/history`), 200, 'settled');
    expect(settledHistory.map((h: any) => h.event)).not.toContain('UNIT_SUCCEEDED');
    const regHistory = must(await B.get(`/api/registrations/${reg.id}/history`), 200, 'registration');
    expect(regHistory.map((h: any) => h.event)).toContain('UNIT_SUCCEEDED');

    // The row is in the hash chain: it still verifies.
    const verdict = must(await org.as.office.get(`/api/dossiers/${draft.id}/history/verify`), 200, 'verify');
    expect(verdict).toMatchObject({ ok: true });

    // The parent unit's clerk still sees neither (a parent does not see its sub-units' records).
    expect((await parentClerk.get(`/api/dossiers/${draft.id}`)).status).toBe(404);
    expect(must(await parentClerk.get('/api/dossiers?limit=100'), 200, 'parent list').items).toEqual([]);
  }, 120000);

  test('every record kind answers GET …/history/verify; the admin verifies every chain and finds the first broken one', async () => {
    const campaignId = await records.openCampaign();
    const dossier = await records.dossierWith('accepted', ['LDTT']);
    const decision = await records.document('decision', 'draft');
    const submission = await records.document('submission', 'draft');
    const ids = {
      campaign: campaignId,
      dossier: dossier.id,
      nomination: dossier.nominations[0]!,
      decision,
      submission,
    };
    for (const [type, id] of Object.entries(ids)) {
      const v = must(await org.as.office.get(`/api/${type}s/${id}/history/verify`), 200, `${type} verify`);
      expect(v).toMatchObject({ recordType: type, recordId: id, ok: true });
      expect(v.rows).toBe(v.version);
    }
    // Scoped as the record: another unit's clerk gets 404, the decision is not a clerk's to read.
    const C = await app.t.createUser({ username: 'clerkc', roles: ['unit'], unitId: org.department });
    expect((await C.api.get(`/api/dossiers/${dossier.id}/history/verify`)).status).toBe(404);
    expect((await org.as.clerk.get(`/api/decisions/${decision}/history/verify`)).status).toBe(404);
    expect((await org.as.office.get('/api/admin/history/verify')).status).toBe(403);

    const before = must(await org.as.admin.get('/api/admin/history/verify'), 200, 'verify all');
    expect(before).toMatchObject({ ok: true, broken: 0, firstBroken: null });
    expect(before.chains).toBeGreaterThanOrEqual(5);
    expect(before.rows).toBeGreaterThan(before.chains);

    // Someone edits a history row behind the engine's back: the record's verify and the admin's see it.
    await app.t.db.query(
      `UPDATE history SET payload = '{"reason":"sửa"}'::jsonb WHERE record_type = 'dossier' AND record_id = $1 AND seq = 2`,
      [dossier.id],
    );
    const one = must(await org.as.office.get(`/api/dossiers/${dossier.id}/history/verify`), 200, 'one');
    expect(one).toMatchObject({ ok: false, brokenAt: 2, reason: 'row altered' });
    const all = must(await org.as.admin.get('/api/admin/history/verify'), 200, 'verify all after');
    expect(all).toMatchObject({
      ok: false,
      broken: 1,
      chains: before.chains,
      firstBroken: { recordType: 'dossier', recordId: dossier.id, brokenAt: 2, reason: 'row altered' },
    });
    // A cut tail (the last row removed) breaks the chain too.
    await app.t.db.query(
      `DELETE FROM history WHERE record_type = 'campaign' AND record_id = $1
          AND seq = (SELECT max(seq) FROM history WHERE record_type = 'campaign' AND record_id = $1)`,
      [campaignId],
    );
    const cut = must(await org.as.office.get(`/api/campaigns/${campaignId}/history/verify`), 200, 'cut');
    expect(cut).toMatchObject({ ok: false, reason: 'a row is missing' });
    const after = must(await org.as.admin.get('/api/admin/history/verify'), 200, 'after cut');
    expect(after).toMatchObject({ ok: false, broken: 2, firstBroken: { recordType: 'dossier' } });
  }, 120000);
});
