/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by status and shape */
import { isUnitCode, normaliseUnitCode } from '../../../src/domain/unit-code';
import { must, RecordBuilder, setupApiOrg, startApiApp, type ApiApp } from '../../helpers/api-org';
import { expectProblem } from '../../helpers/http';

/**
 * A unit's code is the abbreviation of its document symbols (NĐ 30/2020), written in Vietnamese capitals:
 * Sở Lao động – Thương binh và Xã hội → `SLĐTBXH`, its decisions `05/QĐ-SLĐTBXH`.
 */
describe('Vietnamese unit codes', () => {
  let app: ApiApp;
  let dep: any;
  beforeAll(async () => {
    app = await startApiApp();
    // The first root unit: the department, issuer of every decision in this file.
    dep = must(
      await app.t.admin.api.post('/api/units', {
        code: 'SLĐTBXH',
        name: 'Sở Lao động – Thương binh và Xã hội',
      }),
      201,
      'department',
    );
  }, 60000);
  afterAll(() => app.t.close());

  test.each([
    ['SLĐTBXH', 'SLĐTBXH'],
    ['  sgdđt ', 'SGDĐT'],
    ['PLĐVL'.normalize('NFD'), 'PLĐVL'],
    ['phòng', 'PHÒNG'],
    ['UBND-TP.HN', 'UBND-TP.HN'],
  ])('%j is the code %j', (typed, code) => {
    expect(normaliseUnitCode(typed)).toBe(code);
    expect(normaliseUnitCode(typed).normalize('NFC')).toBe(code);
    expect(isUnitCode(normaliseUnitCode(typed))).toBe(true);
  });

  test.each(['Ж1', 'ÆØ', 'A B', '-X', '<b>', '🏅', ''])('%j is not a code', (typed) => {
    expect(isUnitCode(normaliseUnitCode(typed))).toBe(false);
  });

  test('POST /api/units takes a Vietnamese code, stores it in NFC capitals, and refuses it again in any spelling', async () => {
    const admin = app.t.admin.api;
    expect(dep.code).toBe('SLĐTBXH');
    const room = must(
      await admin.post('/api/units', {
        code: 'plđvl'.normalize('NFD'),
        name: 'Phòng Lao động – Việc làm',
        parentId: dep.id,
      }),
      201,
      'room',
    );
    expect(room.code).toBe('PLĐVL');
    expect(room.code.length).toBe(5);
    for (const again of ['slđtbxh', 'SLĐTBXH'.normalize('NFD'), ' SlĐtBxH ']) {
      const p = expectProblem(
        await admin.post('/api/units', { code: again, name: 'Trùng mã' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(p.errors).toEqual([{ field: 'code', message: 'is already used by a current unit' }]);
    }
    const tree = must(await admin.get('/api/units'), 200, 'tree');
    const root = tree.items.find((u: any) => u.id === dep.id);
    expect(root.children.map((c: any) => c.code)).toEqual(['PLĐVL']);
    // The successor of a unit may take a Vietnamese code too.
    const next = must(
      await admin.post(`/api/units/${room.id}/successor`, { code: 'pđvl', name: 'Phòng Việc làm' }),
      200,
      'successor',
    );
    expect(next.successor.code).toBe('PĐVL');
  });

  test('a decision of a department coded in Vietnamese is numbered with that code', async () => {
    const org = await setupApiOrg(app.t, 'x');
    const records = new RecordBuilder(org);
    const first = await records.document('decision', 'issued');
    const second = await records.document('decision', 'issued');
    for (const [id, number] of [
      [first, '01/QĐ-SLĐTBXH'],
      [second, '02/QĐ-SLĐTBXH'],
    ] as const) {
      const d = must(await org.as.office.get(`/api/decisions/${id}`), 200, 'decision');
      expect(d.number).toBe(number);
      expect(d.number.normalize('NFC')).toBe(d.number);
    }
  });
});
