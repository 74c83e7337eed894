import { startTestApp, type TestApp, type TestSession } from '../../helpers/app';
import { client, expectProblem } from '../../helpers/http';

describe('admin endpoints', () => {
  let t: TestApp;
  let office: TestSession;
  let dept: { id: number };
  beforeAll(async () => {
    t = await startTestApp();
    dept = await t.createUnit({ code: 'SNV', name: 'Sở Nội vụ' });
    office = await t.createUser({ username: 'office1', roles: ['office'], unitId: dept.id });
  }, 60000);
  afterAll(() => t.close());

  describe('units', () => {
    test('an admin creates units; the tree lists them with validity', async () => {
      const room = await t.admin.api.post('/api/units', {
        code: 'VP',
        name: 'Văn phòng',
        parentId: dept.id,
        email: 'vp@example.test',
      });
      expect(room.status).toBe(201);
      expect(room.body).toMatchObject({
        code: 'VP',
        parentId: dept.id,
        email: 'vp@example.test',
        validTo: null,
        current: true,
      });
      expect(room.body.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const tree = await office.api.get('/api/units');
      expect(tree.status).toBe(200);
      const root = tree.body.items.find((u: { id: number }) => u.id === dept.id);
      expect(root.children.map((c: { code: string }) => c.code)).toContain('VP');
    });

    test('non-admins may not create or change units', async () => {
      expectProblem(await office.api.post('/api/units', { code: 'X1', name: 'x' }), 403, 'FORBIDDEN');
      expectProblem(await office.api.patch(`/api/units/${dept.id}`, { name: 'x' }), 403, 'FORBIDDEN');
      expectProblem(
        await office.api.post(`/api/units/${dept.id}/successor`, { code: 'X', name: 'x' }),
        403,
        'FORBIDDEN',
      );
    });

    test('codes are unique among current units; a parent must exist', async () => {
      const dup = await t.admin.api.post('/api/units', { code: 'SNV', name: 'again' });
      expect(expectProblem(dup, 400, 'VALIDATION_FAILED').errors).toEqual([
        { field: 'code', message: 'is already used by a current unit' },
      ]);
      const orphan = await t.admin.api.post('/api/units', { code: 'ORPH', name: 'x', parentId: 999999 });
      expect(expectProblem(orphan, 400, 'VALIDATION_FAILED').errors[0].field).toBe('parentId');
    });

    test('rename in place; a unit cannot be put under itself', async () => {
      const a = await t.createUnit({ code: 'RA', name: 'A' });
      const b = await t.createUnit({ code: 'RB', name: 'B', parentId: a.id });
      const renamed = await t.admin.api.patch(`/api/units/${a.id}`, { name: 'A renamed' });
      expect(renamed.body).toMatchObject({ id: a.id, name: 'A renamed', code: 'RA' });
      const cycle = await t.admin.api.patch(`/api/units/${a.id}`, { parentId: b.id });
      expect(expectProblem(cycle, 400, 'VALIDATION_FAILED').errors[0].field).toBe('parentId');
      expectProblem(await t.admin.api.patch('/api/units/999999', { name: 'x' }), 404, 'NOT_FOUND');
    });

    test('a merger retires the unit into its successor: validTo, successorId, children and users follow', async () => {
      const old = await t.createUnit({ code: 'LDTBXH', name: 'Sở Lao động' });
      const child = await t.createUnit({ code: 'LD-P1', name: 'Phòng 1', parentId: old.id });
      const clerk = await t.createUser({ username: 'clerk-old', roles: ['unit'], unitId: old.id });
      const early = await t.admin.api.post(`/api/units/${old.id}/successor`, {
        successorId: dept.id,
        validTo: '2000-01-01',
      });
      expect(expectProblem(early, 400, 'VALIDATION_FAILED').errors[0].field).toBe('validTo');
      const res = await t.admin.api.post(`/api/units/${old.id}/successor`, { successorId: dept.id });
      expect(res.status).toBe(200);
      expect(res.body.retired).toMatchObject({ id: old.id, successorId: dept.id, current: false });
      expect(res.body.retired.validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(res.body.successor.id).toBe(dept.id);
      expect((await t.admin.api.get(`/api/units/${child.id}`)).body.parentId).toBe(dept.id);
      expect((await t.admin.api.get(`/api/users/${clerk.user.id}`)).body.unitId).toBe(dept.id);
      expectProblem(
        await t.admin.api.post(`/api/units/${old.id}/successor`, { successorId: dept.id }),
        409,
        'CONFLICT',
      );
      const current = await t.admin.api.get('/api/units?current=true');
      const flat = JSON.stringify(current.body);
      expect(flat).not.toContain('LDTBXH');
      expect(JSON.stringify((await t.admin.api.get('/api/units')).body)).toContain('LDTBXH');
    });

    test('a rename into a new successor may keep the code', async () => {
      const old = await t.createUnit({ code: 'KEEP', name: 'Old name' });
      const res = await t.admin.api.post(`/api/units/${old.id}/successor`, {
        code: 'KEEP',
        name: 'New name',
      });
      expect(res.status).toBe(200);
      expect(res.body.successor).toMatchObject({ code: 'KEEP', name: 'New name', current: true });
      expect(res.body.retired.successorId).toBe(res.body.successor.id);
      const bad = await t.admin.api.post(`/api/units/${res.body.successor.id}/successor`, {});
      expect(
        expectProblem(bad, 400, 'VALIDATION_FAILED')
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(['code', 'name']);
    });
  });

  describe('users', () => {
    test('create: 201 without any password material; the user can log in', async () => {
      const res = await t.admin.api.post('/api/users', {
        username: 'New.Clerk',
        password: 'clerk-password-1',
        fullName: 'Nguyễn Văn A',
        email: 'a@example.test',
        unitId: dept.id,
        roles: ['unit'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        username: 'new.clerk',
        fullName: 'Nguyễn Văn A',
        unitId: dept.id,
        roles: ['unit'],
        active: true,
      });
      expect(res.text).not.toMatch(/password|hash|argon/i);
      expect(
        (await t.anon.post('/api/auth/login', { username: 'new.clerk', password: 'clerk-password-1' }))
          .status,
      ).toBe(200);
    });

    test('create: every bad field is named; a unit user needs a unit; usernames are unique', async () => {
      const res = await t.admin.api.post('/api/users', {
        username: 'x',
        password: 'short',
        email: 'nope',
        roles: ['king'],
      });
      const fields = expectProblem(res, 400, 'VALIDATION_FAILED')
        .errors.map((e: { field: string }) => e.field)
        .sort();
      expect(fields).toEqual(['email', 'fullName', 'password', 'roles.0', 'username']);
      const noUnit = await t.admin.api.post('/api/users', {
        username: 'unitless',
        password: 'long-enough-1',
        fullName: 'x',
        email: 'x@example.test',
        roles: ['unit'],
      });
      expect(expectProblem(noUnit, 400, 'VALIDATION_FAILED').errors[0].field).toBe('unitId');
      const dup = await t.admin.api.post('/api/users', {
        username: 'office1',
        password: 'long-enough-1',
        fullName: 'x',
        email: 'x@example.test',
        roles: ['office'],
      });
      expect(expectProblem(dup, 400, 'VALIDATION_FAILED').errors).toEqual([
        { field: 'username', message: 'is taken' },
      ]);
    });

    test('only admins manage users', async () => {
      expectProblem(await office.api.post('/api/users', {}), 403, 'FORBIDDEN');
      expectProblem(await office.api.get('/api/users'), 403, 'FORBIDDEN');
      expectProblem(
        await office.api.patch(`/api/users/${office.user.id}`, { roles: ['admin'] }),
        403,
        'FORBIDDEN',
      );
    });

    test('list pages with limit and cursor, never showing hashes', async () => {
      for (let i = 0; i < 5; i++) await t.createUser({ username: `pager${i}`, roles: ['council'] });
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const res = await t.admin.api.get(`/api/users?role=council&limit=2${q}`);
        expect(res.status).toBe(200);
        expect(res.text).not.toMatch(/hash|argon/i);
        seen.push(...res.body.items.map((u: { id: number }) => u.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect(pages).toBe(3);
      const bad = await t.admin.api.get('/api/users?cursor=garbage&limit=0');
      expect(
        expectProblem(bad, 400, 'VALIDATION_FAILED').errors.map((e: { field: string }) => e.field),
      ).toEqual(['limit']);
      expect(
        expectProblem(await t.admin.api.get('/api/users?cursor=garbage'), 400, 'VALIDATION_FAILED').errors[0]
          .field,
      ).toBe('cursor');
    });

    test('roles change takes effect at once; deactivation ends sessions and tokens', async () => {
      const u = await t.createUser({ username: 'leaver', roles: ['office'] });
      const tok = (await u.api.post('/api/auth/tokens', { name: 't' })).body.token as string;
      const bearer = client(t.baseUrl, { token: tok });
      expect((await bearer.get('/api/me')).status).toBe(200);

      const promoted = await t.admin.api.patch(`/api/users/${u.user.id}`, {
        roles: ['office', 'director'],
        locale: 'en',
      });
      expect(promoted.body).toMatchObject({ roles: ['office', 'director'], locale: 'en' });
      expect((await u.api.get('/api/me')).body.roles).toEqual(['office', 'director']);

      const off = await t.admin.api.patch(`/api/users/${u.user.id}`, { active: false });
      expect(off.body.active).toBe(false);
      expectProblem(await u.api.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await bearer.get('/api/me'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await t.anon.post('/api/auth/login', { username: 'leaver', password: u.password }),
        401,
        'UNAUTHENTICATED',
      );

      await t.admin.api.patch(`/api/users/${u.user.id}`, { active: true });
      expect(
        (await t.anon.post('/api/auth/login', { username: 'leaver', password: u.password })).status,
      ).toBe(200);
      expectProblem(await bearer.get('/api/me'), 401, 'UNAUTHENTICATED'); // tokens stay revoked
    });

    test('an admin password reset ends the user’s sessions', async () => {
      const u = await t.createUser({ username: 'forgetful', roles: ['office'] });
      const res = await t.admin.api.patch(`/api/users/${u.user.id}`, { password: 'reset-by-admin-1' });
      expect(res.status).toBe(200);
      expectProblem(await u.api.get('/api/me'), 401, 'UNAUTHENTICATED');
      expect(
        (await t.anon.post('/api/auth/login', { username: 'forgetful', password: 'reset-by-admin-1' }))
          .status,
      ).toBe(200);
    });

    test('the last active admin cannot be demoted or deactivated', async () => {
      const me = t.admin.user.id;
      expectProblem(await t.admin.api.patch(`/api/users/${me}`, { active: false }), 409, 'CONFLICT');
      expectProblem(await t.admin.api.patch(`/api/users/${me}`, { roles: ['office'] }), 409, 'CONFLICT');
      expect((await t.admin.api.get('/api/me')).body.roles).toEqual(['admin']);
    });
  });

  describe('policy', () => {
    test('admins read and patch the policy; other keys keep their values; bad values are named', async () => {
      const before = await t.admin.api.get('/api/settings/policy');
      expect(before.status).toBe(200);
      expect(before.body.receiptPeriod).toEqual({ workingDays: 3 });
      const put = await t.admin.api.put('/api/settings/policy', {
        receiptPeriod: { seconds: 30 },
        provinceBoardEmail: 'ban@example.test',
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        receiptPeriod: { seconds: 30 },
        provinceBoardEmail: 'ban@example.test',
        supplementPeriod: before.body.supplementPeriod,
      });
      const second = await t.admin.api.put('/api/settings/policy', { cstdcsQuota: 0.2 });
      expect(second.body).toMatchObject({ receiptPeriod: { seconds: 30 }, cstdcsQuota: 0.2 });
      expect((await t.admin.api.get('/api/settings/policy')).body).toEqual(second.body);

      const bad = await t.admin.api.put('/api/settings/policy', {
        cstdcsQuota: 3,
        noSuchKey: 1,
        appraisalPeriod: { weeks: 2 },
      });
      const fields = expectProblem(bad, 400, 'VALIDATION_FAILED').errors.map(
        (e: { field: string }) => e.field,
      );
      expect(fields).toEqual(expect.arrayContaining(['cstdcsQuota', 'appraisalPeriod']));
      expect(fields.some((f: string) => f === '' || f === 'body' || f.includes('noSuchKey'))).toBe(true);
      expectProblem(await office.api.get('/api/settings/policy'), 403, 'FORBIDDEN');
      expectProblem(await office.api.put('/api/settings/policy', { cstdcsQuota: 0.1 }), 403, 'FORBIDDEN');
    });
  });

  test('a unit user sees its own unit in /api/me', async () => {
    const clerk = await t.createUser({ username: 'clerk-me', roles: ['unit'], unitId: dept.id });
    const me = await clerk.api.get('/api/me');
    expect(me.body.unit).toMatchObject({ id: dept.id, code: 'SNV' });
  });
});
