import fc from 'fast-check';
import { z } from 'zod';
import { fieldErrors } from '../../../src/http/problem';
import { RouteRegistry } from '../../../src/http/registry';
import { localDate } from '../../../src/domain/business-date';
import { cleanFilename } from '../../../src/storage/files';
import { requireReadable, seesAllUnits, unitScopeOf } from '../../../src/workflow/access';
import { decodeCursor, encodeCursor } from '../../../src/workflow/page';
import type { Actor } from '../../../src/workflow/types';

/** A unit's record (a dossier) of `unitId`, read by `a`. */
const assertCanRead = (a: Actor, unitId: number | null) => requireReadable(a, 'dossier', unitId);

const actor = (roles: Actor['roles'], unitId: number | null = null): Actor => ({
  userId: 1,
  name: 'x',
  roles,
  unitId,
});

describe('read scope', () => {
  test.each([
    [['office'], null, 5, true],
    [['council'], null, 5, true],
    [['director'], null, 5, true],
    [['admin'], null, 5, true],
    [['unit'], 5, 5, true],
    [['unit'], 5, 6, false],
    [['unit'], null, 6, false],
    [['unit'], 5, null, false],
    [[], null, 5, false],
  ] as const)('roles %j of unit %s reading unit %s → %s', (roles, own, target, allowed) => {
    const a = actor(roles, own);
    if (allowed) expect(() => assertCanRead(a, target)).not.toThrow();
    else expect(() => assertCanRead(a, target)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  test('list scope: wide roles see all, a unit user only its unit, a unit user without unit nothing', () => {
    expect(unitScopeOf(actor(['office']))).toBeNull();
    expect(unitScopeOf(actor(['unit'], 7))).toEqual([7]);
    expect(unitScopeOf(actor(['unit']))).toEqual([]);
    expect(seesAllUnits({ userId: null, name: 'system', roles: [], unitId: null, system: true })).toBe(true);
  });
});

describe('field errors', () => {
  test('one entry per issue with dotted paths', () => {
    const schema = z.object({ a: z.string(), b: z.object({ c: z.array(z.number()) }) });
    const r = schema.safeParse({ a: 1, b: { c: [1, 'x'] } });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!.issues).map((e) => e.field)).toEqual(['a', 'b.c.1']);
    const root = z.object({}).strict().safeParse('nope');
    expect(fieldErrors(root.error!.issues)[0]!.field).toBe('body');
  });
});

describe('cursor', () => {
  test('round-trips any id and refuses garbage', () => {
    fc.assert(fc.property(fc.nat(), (id) => decodeCursor(encodeCursor(id)) === id));
    expect(decodeCursor(undefined)).toBe(0);
    for (const bad of ['garbage', encodeCursor(-1), Buffer.from('{"after":"1"}').toString('base64url')])
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('file names', () => {
  test('never a path, never control characters, never empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const n = cleanFilename(name, 'pdf');
        return (
          n.length > 0 &&
          n.length <= 200 &&
          !n.includes('/') &&
          ![...n].some((ch) => ch.charCodeAt(0) < 0x20) &&
          n !== '..'
        );
      }),
    );
    expect(cleanFilename('C:\\Users\\a\\Tờ trình.docx', 'docx')).toBe('Tờ trình.docx');
    expect(cleanFilename('', 'png')).toBe('file.png');
  });
});

describe('business date', () => {
  test('today is computed in the business time zone', () => {
    const lateUtc = new Date('2026-03-01T20:00:00Z'); // 03:00 on 2 March in Hà Nội
    expect(localDate(lateUtc, 'Asia/Ho_Chi_Minh')).toBe('2026-03-02');
    expect(localDate(lateUtc, 'UTC')).toBe('2026-03-01');
  });
});

describe('route registry', () => {
  test('refuses a route declared twice', () => {
    const r = new RouteRegistry({ jsonLimit: '1kb', uploadMaxBytes: 1024 });
    const spec = {
      method: 'get' as const,
      path: '/x',
      summary: 's',
      tags: [],
      auth: 'public' as const,
      responses: { 204: 'ok' },
      handler: () => undefined,
    };
    r.add(spec);
    expect(() => r.add(spec)).toThrow(/declared twice/);
  });

  test('a recursive root schema becomes a component referenced from the operation', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    const r = new RouteRegistry({ jsonLimit: '1kb', uploadMaxBytes: 1024 });
    r.add({
      method: 'get',
      path: '/tree',
      summary: 't',
      tags: ['t'],
      auth: 'user',
      responses: { 200: node },
      handler: () => ({ name: 'a', children: [] }),
    });
    r.add({
      method: 'get',
      path: '/forest',
      summary: 'f',
      tags: ['t'],
      auth: 'user',
      responses: { 200: z.array(node) },
      handler: () => [],
    });
    const doc = r.openApi({ title: 't', version: '1' });
    const tree = (
      doc.paths['/tree']!.get as {
        responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
      }
    ).responses['200']!.content['application/json']!.schema;
    expect(tree.$ref).toMatch(/^#\/components\/schemas\//);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('"#"');
    expect(text).not.toContain('$defs');
    for (const m of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(doc.components.schemas[m[1]!]).toBeDefined();
  });

  test('operation ids are derived from method and path', () => {
    const r = new RouteRegistry({ jsonLimit: '1kb', uploadMaxBytes: 1024 });
    r.add({
      method: 'post',
      path: '/api/units/:id/successor',
      summary: 's',
      tags: [],
      auth: 'public',
      responses: { 200: 'ok' },
      handler: () => undefined,
    });
    const op = r.openApi({ title: 't', version: '1' }).paths['/api/units/{id}/successor']!.post as {
      operationId: string;
    };
    expect(op.operationId).toBe('postUnitsByIdSuccessor');
  });
});
