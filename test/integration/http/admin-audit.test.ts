/* eslint-disable @typescript-eslint/no-explicit-any -- test answers are checked with expect(), not types */
import { createHash } from 'node:crypto';
import { defaultCatalogue } from '../../../src/domain/catalogue';
import { hashAuditEntry } from '../../../src/db/admin-audit';
import { recordAdminChange } from '../../../src/workflow/audit/record-admin-change';
import { startTestApp, type TestApp } from '../../helpers/app';
import { expectProblem } from '../../helpers/http';

/**
 * The audit log of administration (issue #12): each kind of change writes exactly one row in the
 * change's transaction, the chain verifies, tampering is found, and nothing secret is in it.
 */
describe('audit log of administration', () => {
  let t: TestApp;
  const secrets: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  }, 60000);
  afterAll(() => t.close());

  const audit = async (query = ''): Promise<any[]> => {
    const res = await t.admin.api.get(`/api/admin/audit${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const latestSeq = async (): Promise<number> => (await audit('?limit=1'))[0]?.seq ?? 0;
  /** Runs `change` and answers the audit rows it wrote (oldest first). */
  const rowsOf = async (change: () => Promise<unknown>): Promise<any[]> => {
    const before = await latestSeq();
    await change();
    return (await audit('?limit=200')).filter((r) => r.seq > before).reverse();
  };

  test('units: created, renamed, retired into a successor — one row each', async () => {
    let unitId = 0;
    const created = await rowsOf(async () => {
      const res = await t.admin.api.post('/api/units', { code: 'AUD', name: 'Phòng Kiểm tra' });
      expect(res.status).toBe(201);
      unitId = res.body.id;
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      kind: 'unit',
      action: 'unit.created',
      actor: { id: t.admin.user.id, name: 'Administrator' },
      target: { id: String(unitId), label: 'AUD — Phòng Kiểm tra' },
      details: { code: 'AUD', name: 'Phòng Kiểm tra', parentId: null },
    });
    const renamed = await rowsOf(() =>
      t.admin.api.patch(`/api/units/${unitId}`, { name: 'Phòng Thanh tra' }),
    );
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatchObject({
      action: 'unit.updated',
      details: { changes: { name: { from: 'Phòng Kiểm tra', to: 'Phòng Thanh tra' } } },
    });
    const retired = await rowsOf(async () => {
      const res = await t.admin.api.post(`/api/units/${unitId}/successor`, {
        code: 'AUD2',
        name: 'Phòng mới',
      });
      expect(res.status).toBe(200);
    });
    expect(retired).toHaveLength(1);
    expect(retired[0]).toMatchObject({
      kind: 'unit',
      action: 'unit.retired',
      target: { id: String(unitId) },
      details: { successor: { code: 'AUD2' }, successorCreated: true },
    });
  });

  test('a refused change writes nothing', async () => {
    const rows = await rowsOf(async () => {
      expectProblem(
        await t.admin.api.post('/api/units', { code: 'AUD2', name: 'again' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await t.admin.api.patch('/api/units/999999', { name: 'x' }), 404, 'NOT_FOUND');
    });
    expect(rows).toEqual([]);
  });

  test('users and roles: created, roles changed, disabled, password reset, own password — one row each', async () => {
    const unit = await t.createUnit({ code: 'AUDU', name: 'Phòng Người dùng' });
    const password = 'first-password-123';
    secrets.push(password);
    let userId = 0;
    const created = await rowsOf(async () => {
      const res = await t.admin.api.post('/api/users', {
        username: 'audit.clerk',
        password,
        fullName: 'Nguyễn Văn Kiểm',
        email: 'kiem@example.test',
        unitId: unit.id,
        roles: ['unit'],
      });
      expect(res.status).toBe(201);
      userId = res.body.id;
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      kind: 'user',
      action: 'user.created',
      target: { id: String(userId), label: 'audit.clerk' },
      details: { username: 'audit.clerk', roles: ['unit'], unitId: unit.id },
    });

    const roles = await rowsOf(() =>
      t.admin.api.patch(`/api/users/${userId}`, { roles: ['unit', 'council'] }),
    );
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({
      kind: 'role',
      action: 'role.changed',
      details: { from: ['unit'], to: ['unit', 'council'], added: ['council'], removed: [] },
    });

    const renamed = await rowsOf(() =>
      t.admin.api.patch(`/api/users/${userId}`, { fullName: 'Nguyễn Văn Kiểm Tra' }),
    );
    expect(renamed.map((r) => r.action)).toEqual(['user.updated']);
    expect(renamed[0].details.changes).toEqual({
      fullName: { from: 'Nguyễn Văn Kiểm', to: 'Nguyễn Văn Kiểm Tra' },
    });

    const reset = 'reset-password-456';
    secrets.push(reset);
    const resetRows = await rowsOf(() => t.admin.api.patch(`/api/users/${userId}`, { password: reset }));
    expect(resetRows.map((r) => r.action)).toEqual(['user.passwordReset']);

    // The user changes their own password: a row whose actor is the user.
    const own = await t.login('audit.clerk', reset);
    const mine = 'own-password-789';
    secrets.push(mine);
    const ownRows = await rowsOf(async () => {
      const res = await own.api.post('/api/auth/password', { currentPassword: reset, newPassword: mine });
      expect(res.status).toBe(200);
    });
    expect(ownRows).toHaveLength(1);
    expect(ownRows[0]).toMatchObject({
      kind: 'user',
      action: 'user.passwordChanged',
      actor: { id: userId },
      target: { id: String(userId) },
    });

    const disabled = await rowsOf(() => t.admin.api.patch(`/api/users/${userId}`, { active: false }));
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatchObject({ action: 'user.disabled', details: { sessionsEnded: 1 } });
  });

  test('API tokens: created and revoked — one row each, never the value', async () => {
    let token = '';
    let id = 0;
    const created = await rowsOf(async () => {
      const res = await t.admin.api.post('/api/auth/tokens', { name: 'báo cáo tự động' });
      expect(res.status).toBe(201);
      token = res.body.token;
      id = res.body.id;
    });
    secrets.push(token, createHash('sha256').update(token).digest('hex'));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      kind: 'token',
      action: 'token.created',
      target: { id: String(id), label: 'báo cáo tự động' },
      details: { name: 'báo cáo tự động', userId: t.admin.user.id, username: 'admin' },
    });
    const listed = await t.admin.api.get('/api/admin/tokens');
    expect(listed.body.items.map((x: any) => x.id)).toContain(id);
    expect(listed.text).not.toContain(token);
    const revoked = await rowsOf(async () => {
      expect((await t.admin.api.delete(`/api/admin/tokens/${id}`)).status).toBe(204);
    });
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ kind: 'token', action: 'token.revoked', target: { id: String(id) } });
    expectProblem(await t.admin.api.delete(`/api/admin/tokens/${id}`), 404, 'NOT_FOUND');
  });

  test('the award catalogue: a new award and a revision — one row each, with what changed', async () => {
    const {
      code: _c,
      version: _v,
      effectiveFrom: _f,
      effectiveTo: _t,
      ...body
    } = defaultCatalogue.find((a) => a.code === 'CSTDCS')!;
    const created = await rowsOf(async () => {
      const res = await t.admin.api.put('/api/awards/AUDAW', { ...body, effectiveFrom: '2030-01-01' });
      expect(res.status).toBe(200);
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      kind: 'catalogue',
      action: 'catalogue.created',
      target: { id: 'AUDAW' },
      details: { version: 1, effectiveFrom: '2030-01-01' },
    });
    const revised = await rowsOf(async () => {
      const res = await t.admin.api.put('/api/awards/AUDAW', {
        voteThreshold: 0.75,
        effectiveFrom: '2031-01-01',
      });
      expect(res.status).toBe(200);
    });
    expect(revised).toHaveLength(1);
    expect(revised[0]).toMatchObject({
      action: 'catalogue.revised',
      details: {
        version: 2,
        previousVersion: 1,
        changes: { voteThreshold: { from: body.voteThreshold, to: 0.75 } },
      },
    });
  });

  test('the policy and the calendar — one row each', async () => {
    const policy = await rowsOf(async () => {
      const res = await t.admin.api.put('/api/settings/policy', {
        receiptPeriod: { seconds: 120 },
        cstdcsQuota: 0.2,
      });
      expect(res.status).toBe(200);
    });
    expect(policy).toHaveLength(1);
    expect(policy[0]).toMatchObject({
      kind: 'policy',
      action: 'policy.changed',
      details: {
        changes: {
          receiptPeriod: { from: { workingDays: 3 }, to: { seconds: 120 } },
          cstdcsQuota: { from: 0.15, to: 0.2 },
        },
      },
    });
    const year = await t.admin.api.get('/api/calendar/2031');
    const calendar = await rowsOf(async () => {
      const res = await t.admin.api.put('/api/calendar/2031', {
        daysOff: [...year.body.daysOff, { date: '2031-06-03', name: 'Nghỉ bù đặc biệt', kind: 'extra' }],
        workingSaturdays: ['2031-06-07'],
      });
      expect(res.status).toBe(200);
    });
    expect(calendar).toHaveLength(1);
    expect(calendar[0]).toMatchObject({
      kind: 'calendar',
      action: 'calendar.changed',
      target: { id: '2031' },
      details: {
        wasConfirmed: false,
        daysOffAdded: [{ date: '2031-06-03', name: 'Nghỉ bù đặc biệt', kind: 'extra' }],
        daysOffRemoved: [],
        workingSaturdaysAdded: ['2031-06-07'],
      },
    });
  });

  test('signer certificates go through recordAdminChange, which drops secrets whatever the caller passes', async () => {
    const rows = await rowsOf(() =>
      t.db.transaction((tx) =>
        recordAdminChange(tx, {
          actor: { userId: t.admin.user.id, name: 'Administrator', roles: ['admin'], unitId: null },
          kind: 'certificate',
          action: 'certificate.uploaded',
          target: { id: 'seal', label: 'Con dấu Sở' },
          details: {
            subject: 'CN=Sở Nội vụ',
            serial: '01AB',
            password: 'p12-password-secret',
            signingPassword: 'p12-password-secret',
            sha256: 'deadbeef',
            certificateHash: 'deadbeef',
            nested: {
              token: 'acc_abcdefghijklmnopqrstuvwxyz0123456789',
              note: 'acc_abcdefghijklmnopqrstuvwxyz0123456789',
            },
          },
        }),
      ),
    );
    secrets.push('p12-password-secret', 'acc_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'certificate', target: { id: 'seal', label: 'Con dấu Sở' } });
    expect(rows[0].details).toEqual({
      subject: 'CN=Sở Nội vụ',
      serial: '01AB',
      sha256: 'deadbeef',
      nested: { note: '[removed]' },
    });
  });

  test('filtered by kind and paginated newest first; admins only', async () => {
    const units = await audit('?kind=unit');
    expect(units.length).toBeGreaterThanOrEqual(3);
    expect(units.every((r) => r.kind === 'unit')).toBe(true);
    const first = await t.admin.api.get('/api/admin/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
    const second = await t.admin.api.get(`/api/admin/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].seq).toBe(first.body.items[1].seq - 1);
    expectProblem(await t.admin.api.get('/api/admin/audit?kind=nothing'), 400, 'VALIDATION_FAILED');
    const office = await t.createUser({ username: 'audit.office', roles: ['office'] });
    expectProblem(await office.api.get('/api/admin/audit'), 403, 'FORBIDDEN');
    expectProblem(await office.api.get('/api/admin/audit/verify'), 403, 'FORBIDDEN');
  });

  test('nothing secret in the log: no password, token value or password hash', async () => {
    const rows = await t.db.query<{ row: string }>('SELECT row_to_json(a)::text AS row FROM admin_audit a');
    const text = rows.map((r) => r.row).join('\n');
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toMatch(/\$argon2/);
    const api = (await t.admin.api.get('/api/admin/audit?limit=200')).text;
    for (const s of secrets) expect(api).not.toContain(s);
  });

  test('the chain verifies; an altered row, a removed row, a cut-off end are each found', async () => {
    const ok = await t.admin.api.get('/api/admin/audit/verify');
    expect(ok.status).toBe(200);
    const total = await latestSeq();
    expect(ok.body).toEqual({ ok: true, rows: total });
    expect(total).toBeGreaterThanOrEqual(15);

    // Altered: an admin's name changed in row 2 by hand.
    const [orig] = await t.db.query<{ actor_name: string }>(
      'SELECT actor_name FROM admin_audit WHERE seq = 2',
    );
    await t.db.query(`UPDATE admin_audit SET actor_name = 'someone else' WHERE seq = 2`);
    expect((await t.admin.api.get('/api/admin/audit/verify')).body).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'row altered',
    });
    await t.db.query('UPDATE admin_audit SET actor_name = $1 WHERE seq = 2', [orig!.actor_name]);
    expect((await t.admin.api.get('/api/admin/audit/verify')).body.ok).toBe(true);

    // Details rewritten with a recomputed hash of its own: the next row's link breaks.
    const [r3] = await t.db.query<any>('SELECT * FROM admin_audit WHERE seq = 3');
    const forged = {
      seq: 3,
      at: r3.at,
      actorId: r3.actor_id,
      actorName: r3.actor_name,
      kind: r3.kind,
      action: r3.action,
      targetId: r3.target_id,
      targetLabel: r3.target_label,
      details: { forged: true },
    };
    await t.db.query(`UPDATE admin_audit SET details = '{"forged":true}'::jsonb, hash = $1 WHERE seq = 3`, [
      hashAuditEntry(r3.prev_hash, forged),
    ]);
    expect((await t.admin.api.get('/api/admin/audit/verify')).body).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'chain link broken',
    });

    // A row removed from the middle.
    await t.db.query('DELETE FROM admin_audit WHERE seq = 3');
    expect((await t.admin.api.get('/api/admin/audit/verify')).body).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'a row is missing',
    });

    // Only the end cut off (the rest intact): the head remembers it.
    await t.db.query(
      `INSERT INTO admin_audit (seq, at, actor_id, actor_name, kind, action, target_id, target_label, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        3,
        r3.at,
        r3.actor_id,
        r3.actor_name,
        r3.kind,
        r3.action,
        r3.target_id,
        r3.target_label,
        JSON.stringify(r3.details),
        r3.prev_hash,
        r3.hash,
      ],
    );
    expect((await t.admin.api.get('/api/admin/audit/verify')).body.ok).toBe(true);
    await t.db.query('DELETE FROM admin_audit WHERE seq = $1', [total]);
    expect((await t.admin.api.get('/api/admin/audit/verify')).body).toMatchObject({
      ok: false,
      brokenAt: total,
      reason: 'rows missing at the end',
    });
  });
});
