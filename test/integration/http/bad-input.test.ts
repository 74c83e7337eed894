import fc from 'fast-check';
import type { RecordType } from '../../../machines/contract';
import {
  must,
  pdf,
  RecordBuilder,
  setupApiOrg,
  startApiApp,
  type ApiApp,
  type ApiOrg,
} from '../../helpers/api-org';
import { client, type Client } from '../../helpers/http';

/**
 * Thousands of malformed requests, generated with fast-check, at every write route of the registry:
 * wrong types, missing fields, strings beyond their limits, unicode (Vietnamese, emoji, RTL, NUL, lone
 * surrogates), SQL and HTML fragments, wrong content types, broken JSON, bodies beyond the JSON limit,
 * bad multipart, bad ids. Every input is invalid by construction (a valid body with at least one field
 * made wrong), so the answer must be a well-formed problem document, never a 500, and nothing stored.
 */
const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
/** At least 5,000 requests in all (FUZZ_TOTAL may lower it while debugging). */
const TOTAL = Number(process.env.FUZZ_TOTAL ?? 6000);
const CONCURRENCY = 16;
const UPLOAD_MAX = 64 * 1024;

const allowedCodes = new Set([
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TRANSITION_NOT_ALLOWED',
  'VERSION_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNSUPPORTED_MEDIA_TYPE',
  'CONFLICT',
]);
const mainTables = [
  'units',
  'users',
  'campaigns',
  'dossiers',
  'nominations',
  'attachments',
  'decisions',
  'submissions',
  'history',
  'notices',
  'outbox',
];

// ---------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------

/** Valid text, for the fields left valid: Vietnamese, emoji, RTL, SQL and HTML fragments. */
const richText = [
  'Nguyễn Thị Minh Khai',
  'Phòng Tổ chức – Hành chính',
  '🏅 Chiến sĩ thi đua 🎖️',
  'مرحبا بالعالم',
  'שלום \u202Eabc\u202C',
  "Robert'); DROP TABLE nominations;--",
  '<img src=x onerror=alert(1)>',
  '" OR 1=1 --',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ᄀᄁ',
];
const fragments = ['Nguyễn Văn Ấn', '🏅🎖️', 'العربية', '<b>x</b>', "';--", 'ĐẶNG'];

const oneOf = <T>(...values: T[]) => fc.constantFrom(...values);
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);
const notNumber = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  oneOf('1', '2026', '1e3', 'NaN', '0x10'),
);
const notBoolean = fc.oneof(
  fc.integer(),
  oneOf<unknown>('true', 'false', 'yes', '1', 0, 1),
  fc.array(fc.boolean()),
);
/** Strings NUL-laden or with an unpaired surrogate: not text PostgreSQL can store. */
const unstorable = oneOf('Nguyễn\u0000Văn', '\u0000', 'abc\uD800', '\uDC00xyz', 'x\u0000'.repeat(3));
const tooLong = (max: number) =>
  fc
    .tuple(fc.integer({ min: max + 10, max: max + 4000 }), fc.constantFrom(...fragments))
    // zod counts code points: repeat until there are more than `max` of them.
    .map(([n, f]) => f.repeat(Math.ceil(n / [...f].length)));
const blank = oneOf('', ' ', '\t\n ', '\u00a0');
/** A required, trimmed text field of at most `max` characters. */
const badText = (max: number) => fc.oneof(notString, fc.constant(null), tooLong(max), blank, unstorable);
/** An optional text field: any present value must still be valid. */
const badOptText = (max: number) => fc.oneof(notString, fc.constant(null), tooLong(max), unstorable);
const badId = fc.oneof(
  notNumber,
  oneOf(0, -1, 1.5, 2147483648, 1e15, 2 ** 53 + 2, -2147483649),
  fc.constant(null),
);
const badDate = fc.oneof(
  notString,
  oneOf(
    '2026-02-30',
    '31/12/2026',
    '2026-13-01',
    '2026-1-1',
    'ngày mai',
    "2026-12-31'; --",
    '2026-12-31T00:00:00Z',
    '',
    '0000-01-01',
    '9999999-01-01',
  ),
  unstorable,
);
const badEmail = fc.oneof(
  notString,
  oneOf('khong-phai-email', 'a b@c.vn', '@example.vn', 'nguyễn@example.vn', '<b>@x', 'a@b', ''),
  unstorable,
);
const badEnum = (...extra: string[]) =>
  fc.oneof(
    notString,
    fc.constant(null),
    oneOf('', 'ANNUAL', '<script>', "x' OR '1'='1", '🏅', ...extra),
    unstorable,
  );
const badUnitCode = fc.oneof(
  notString,
  oneOf('PHÒNG', 'a b', '-X', "X';--", '<b>', 'A'.repeat(33), '', '🏅'),
  unstorable,
);
const badUsername = fc.oneof(
  notString,
  oneOf('ab', 'nguyễn', 'a b c', '<script>', "x' or '1'='1", 'a'.repeat(65), '', '.abc'),
  unstorable,
);
const badPeriod = fc.oneof(
  notString,
  oneOf({ workingDays: -1 }, { seconds: 0 }, { days: 3 }, { workingDays: 1.5 }, { workingDays: '3' }, {}),
  oneOf({ workingDays: 3, seconds: 5 }, { workingDays: 366 }),
);
const badIdInPath = oneOf(
  'abc',
  '-1',
  '0',
  '1.5',
  '2147483648',
  '99999999999999999999',
  '%00',
  "1'--",
  '%D9%A1%D9%A2',
  '%F0%9F%99%82',
  'null',
  'NaN',
  'Infinity',
  '%3Cscript%3E',
);
/** Event names that are no event: wrong case, too long, SQL, unknown. */
const badEventType = fc.oneof(
  notString,
  fc.constant(null),
  oneOf(
    'submit',
    'Open',
    'A',
    'X'.repeat(41),
    "OPEN'; DROP TABLE history;--",
    'OPEN ',
    '🏅',
    'NO_SUCH_EVENT',
    '',
  ),
  unstorable,
);
const badVersion = fc.oneof(notNumber, fc.constant(null), oneOf(0, -1, 1.5, 1e300));

// ---------------------------------------------------------------------------------------------------
// Targets: every write route, with a valid body and, per field, values that make it invalid
// ---------------------------------------------------------------------------------------------------

interface FieldSpec {
  bad: fc.Arbitrary<unknown>;
  /** Removing it makes the body invalid. */
  required?: boolean;
}
interface JsonTarget {
  route: string;
  kind: 'json';
  path: string;
  /** The path with a bad `:param`, when the route has one. */
  badPath?: fc.Arbitrary<string>;
  valid: Record<string, unknown>;
  fields: Record<string, FieldSpec>;
  /** The body schema refuses unknown keys. */
  strict?: boolean;
  /** The route takes no input: whatever is sent is ignored (2xx allowed). */
  ignoresBody?: boolean;
}
interface UploadTarget {
  route: string;
  kind: 'upload';
  path: string;
  badPath: fc.Arbitrary<string>;
}
type Target = JsonTarget | UploadTarget;

interface Sent {
  target: string;
  what: string;
  field?: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown, remove = false) {
  const copy = structuredClone(obj);
  const keys = path.split('.');
  let o: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  if (remove) delete o[keys[keys.length - 1]!];
  else o[keys[keys.length - 1]!] = value;
  return copy;
}

const contentTypeHeader = (type: string): Record<string, string> => (type ? { 'content-type': type } : {});
const wrongContentTypes = oneOf(
  'text/plain',
  'application/x-www-form-urlencoded',
  'text/html; charset=utf-8',
  'application/xml',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'image/png',
  '',
);
const brokenJson = oneOf(
  '{',
  '{"a":',
  '{"title": "x",}',
  "{'a':1}",
  'undefined',
  '[1,2',
  '{"a":"\\x"}',
  'NaN',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"a":"\u0000',
  '<?xml version="1.0"?><a/>',
  '{"type":"OPEN"',
);
const notAnObject = oneOf(
  '['.repeat(50_000) + ']'.repeat(50_000),
  '[]',
  '[{"type":"OPEN"}]',
  '"OPEN"',
  '42',
  'null',
  'true',
  '[null]',
);

function jsonRequests(t: JsonTarget, method: string): fc.Arbitrary<Sent> {
  const base = { target: t.route, method, path: t.path };
  const json = (body: unknown, what: string, field?: string): Sent => ({
    ...base,
    what,
    ...(field ? { field } : {}),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const fieldNames = Object.keys(t.fields);
  const required = fieldNames.filter((f) => t.fields[f]!.required);
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<Sent> }> = [];
  if (fieldNames.length > 0)
    options.push({
      weight: 45,
      arbitrary: fc
        .constantFrom(...fieldNames)
        .chain((f) => t.fields[f]!.bad.map((v) => json(setPath(t.valid, f, v), `${f} = ${short(v)}`, f))),
    });
  if (required.length > 0)
    options.push({
      weight: 10,
      arbitrary: fc
        .constantFrom(...required)
        .map((f) => json(setPath(t.valid, f, undefined, true), `no ${f}`, f)),
    });
  if (t.strict)
    options.push({
      weight: 5,
      arbitrary: fc
        .tuple(oneOf('extra', '__proto__x', 'constructor', 'isAdmin', 'đơnVị'), fc.constantFrom(...richText))
        .map(([k, v]) => json({ ...t.valid, [k]: v }, `unknown key ${k}`, k)),
    });
  if (!t.ignoresBody) {
    options.push({
      weight: 8,
      arbitrary: notAnObject.map((raw) => ({
        ...base,
        what: `body ${raw}`,
        field: 'body',
        headers: { 'content-type': 'application/json' },
        body: raw,
      })),
    });
    options.push({
      weight: 8,
      arbitrary: brokenJson.map((raw) => ({
        ...base,
        what: `broken JSON ${JSON.stringify(raw)}`,
        headers: { 'content-type': 'application/json' },
        body: raw,
      })),
    });
    options.push({
      weight: 10,
      arbitrary: wrongContentTypes.map((type) => ({
        ...base,
        what: `content type ${type || '(none)'}`,
        headers: contentTypeHeader(type),
        body: Buffer.from(JSON.stringify(t.valid)),
      })),
    });
    options.push({
      weight: 3,
      arbitrary: fc.integer({ min: 260 * 1024, max: 400 * 1024 }).map((n) => ({
        ...base,
        what: `${n} bytes of JSON`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...t.valid, padding: 'ư'.repeat(n / 2) }),
      })),
    });
  } else {
    // Nothing to validate but the transport: any content and type is ignored.
    options.push({
      weight: 10,
      arbitrary: fc.tuple(wrongContentTypes, fc.oneof(brokenJson, notAnObject)).map(([type, raw]) => ({
        ...base,
        what: `ignored body ${raw} as ${type}`,
        headers: contentTypeHeader(type),
        body: raw,
      })),
    });
  }
  if (t.badPath) {
    const bp = t.badPath;
    options.push({
      weight: 10,
      arbitrary: bp.map((path) => ({ ...json(t.valid, `path ${path}`), path })),
    });
  }
  return fc.oneof(...options);
}

/** A hand-built multipart body (so names and file names may hold anything). */
function multipart(
  parts: Array<{ name: string; filename?: string; type?: string; data: Buffer | string }>,
  boundary = '----accoladeFuzzBoundary',
): { headers: Record<string, string>; body: Buffer } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
      Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat(chunks),
  };
}

const weirdFilenames = oneOf(
  'tờ trình.pdf',
  '🏅.pdf',
  'ملف.pdf',
  'a\u0000b.pdf',
  '../../etc/passwd',
  '<script>.pdf',
  "x'; DROP TABLE attachments;--.pdf",
  'x'.repeat(600) + '.pdf',
  '',
);
const badContents = oneOf(
  Buffer.from('<html><script>alert(1)</script></html>'),
  Buffer.from('plain text, not a document'),
  Buffer.from('MZ\x90\x00\x03'),
  Buffer.alloc(0),
  Buffer.from('%PDX-1.4'),
  Buffer.from([0xff, 0xd8]),
);
const validKinds = ['coverLetter', 'minutes', 'achievementReport', 'initiativeCertificate', 'other'];

function uploadRequests(t: UploadTarget): fc.Arbitrary<Sent> {
  const base = { target: t.route, method: 'POST', path: t.path };
  const mp = (what: string, field: string | undefined, parts: Parameters<typeof multipart>[0]): Sent => ({
    ...base,
    what,
    ...(field ? { field } : {}),
    ...multipart(parts),
  });
  const file = (data: Buffer, filename = 'to-trinh.pdf') => ({
    name: 'file',
    filename,
    type: 'application/pdf',
    data,
  });
  const kind = fc.constantFrom(...validKinds).map((k) => ({ name: 'kind', data: k }));
  return fc.oneof(
    kind.map((k) => mp('no file', 'file', [k])),
    badEnum('coverletter', 'COVER', 'bìa').map((v) =>
      mp(`kind = ${short(v)}`, 'kind', [
        { name: 'kind', data: typeof v === 'string' ? v : JSON.stringify(v) },
        file(pdf),
      ]),
    ),
    fc.constant(mp('no kind', 'kind', [file(pdf)])),
    fc
      .tuple(kind, badContents, weirdFilenames)
      .map(([k, data, name]) =>
        mp(`content ${short(data.toString('latin1'))} as ${short(name)}`, 'file', [k, file(data, name)]),
      ),
    kind.map((k) =>
      mp('unexpected file field', 'attachment', [k, file(pdf), { ...file(pdf), name: 'attachment' }]),
    ),
    kind.map((k) => mp('two files', 'file', [k, file(pdf), file(pdf)])),
    fc
      .tuple(kind, fc.integer({ min: UPLOAD_MAX + 1, max: UPLOAD_MAX + 64 * 1024 }))
      .map(([k, n]) =>
        mp(`${n}-byte file`, undefined, [k, file(Buffer.concat([pdf, Buffer.alloc(n - pdf.length, 0x20)]))]),
      ),
    kind.map((k) =>
      mp('80 fields', undefined, [
        k,
        file(pdf),
        ...Array.from({ length: 80 }, (_, i) => ({ name: `f${i}`, data: 'x' })),
      ]),
    ),
    fc
      .constantFrom(
        '',
        '--x\r\n',
        'garbage',
        '--foo\r\nContent-Disposition: form-data; name="kind"\r\n\r\nminutes',
      )
      .map((raw) => ({
        ...base,
        what: `garbled multipart ${JSON.stringify(raw)}`,
        headers: { 'content-type': 'multipart/form-data; boundary=foo' },
        body: raw,
      })),
    fc.constant({
      ...base,
      what: 'multipart without boundary',
      headers: { 'content-type': 'multipart/form-data' },
      body: 'kind=minutes',
    }),
    wrongContentTypes
      .filter((ct) => !ct.startsWith('multipart'))
      .map((type) => ({
        ...base,
        what: `content type ${type || '(none)'}`,
        headers: contentTypeHeader(type),
        body: JSON.stringify({ kind: 'minutes', file: pdf.toString('base64') }),
      })),
    t.badPath.map((path) => ({
      ...mp(`path ${path}`, undefined, [{ name: 'kind', data: 'minutes' }, file(pdf)]),
      path,
    })),
  );
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
}

// ---------------------------------------------------------------------------------------------------

let app: ApiApp;
let org: ApiOrg;
let fuzzer: Client;
let token: string;
let targets: Target[];

const text = (max: number, required = true): FieldSpec => ({
  bad: required ? badText(max) : badOptText(max),
  required,
});
const reasonField = (required: boolean): FieldSpec => text(4000, required);

/** Event bodies per record type: events that would apply to the record given a valid payload. */
function eventTargets(type: RecordType, id: number): JsonTarget[] {
  const mk = (
    event: string,
    extra: Record<string, unknown>,
    fields: Record<string, FieldSpec>,
  ): JsonTarget => ({
    route: `POST /api/${type}s/:id/events`,
    kind: 'json',
    path: `/api/${type}s/${id}/events`,
    badPath: badIdInPath.map((b) => `/api/${type}s/${b}/events`),
    valid: { type: event, expectedVersion: 1, ...extra },
    fields: {
      type: { bad: badEventType, required: true },
      expectedVersion: { bad: badVersion },
      ...fields,
    },
  });
  const reason = { reason: 'Lý do hợp lệ' };
  switch (type) {
    case 'campaign':
      return [mk('CLOSE', {}, {}), mk('OPEN', {}, {})];
    case 'dossier':
      return [
        mk('SUBMIT', {}, {}),
        mk(
          'REQUEST_SUPPLEMENT',
          { ...reason, dueAt: '2026-12-01T17:00:00+07:00' },
          { reason: reasonField(true), dueAt: { bad: badDate } },
        ),
        mk('WITHDRAW', reason, { reason: reasonField(false) }),
      ];
    case 'nomination':
      return [
        mk(
          'APPRAISE',
          { eligible: true, overrideReason: 'Đã kiểm tra' },
          {
            eligible: { bad: notBoolean, required: true },
            overrideReason: reasonField(false),
            reason: reasonField(false),
          },
        ),
        mk('FILE_OBJECTION', { text: 'Ý kiến' }, { text: text(4000) }),
        mk(
          'RECORD_VOTE',
          { membersTotal: 9, present: 9, yes: 9 },
          {
            membersTotal: { bad: fc.oneof(notNumber, oneOf(0, -1, 1001, 9.5, 3)), required: true },
            present: { bad: fc.oneof(notNumber, oneOf(-1, 10, 5, 1.5)), required: true },
            yes: { bad: fc.oneof(notNumber, oneOf(-1, 10, 1.5)), required: true },
          },
        ),
        mk('REJECT', reason, { reason: reasonField(true) }),
        mk(
          'RECORD_PROVINCE_RESULT',
          { outcome: 'approved', decisionNumber: '15/QĐ-UBND', decidedOn: '2026-06-01' },
          {
            outcome: { bad: badEnum('approve', 'APPROVED'), required: true },
            decisionNumber: { bad: badText(100), required: true },
            decidedOn: { bad: badDate, required: true },
          },
        ),
      ];
    default:
      return [
        mk('SUBMIT_FOR_SIGNATURE', {}, {}),
        mk('DISCARD', reason, { reason: reasonField(false) }),
        mk('RETURN', reason, { reason: reasonField(true) }),
      ];
  }
}

beforeAll(async () => {
  app = await startApiApp({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX) });
  org = await setupApiOrg(app.t);
  const build = new RecordBuilder(org);
  // The fuzzer holds every role (so each request reaches validation) and belongs to unit A.
  const su = await app.t.createUser({
    username: 'fuzzer',
    roles: ['unit', 'office', 'council', 'director', 'admin'],
    unitId: org.unitA,
  });
  token = must(await su.api.post('/api/auth/tokens', { name: 'fuzz' }), 201, 'token').token as string;
  fuzzer = client(app.t.baseUrl, { token });
  const campaign = await build.openCampaign();
  const dossier = await build.dossier('draft');
  const nomination = await build.nomination('appraisal');
  const decision = await build.document('decision', 'draft');
  const submission = await build.document('submission', 'draft');
  const scratchUnit = must(
    await org.as.admin.post('/api/units', { code: 'TAM', name: 'Đơn vị tạm', parentId: org.department }),
    201,
    'unit',
  ).id as number;
  const scratchUser = org.userIds.council;
  const tokenRow = must(await fuzzer.post('/api/auth/tokens', { name: 'kept' }), 201, 'token').id as number;
  void tokenRow;

  const unitIdPath = (suffix = '') => badIdInPath.map((b) => `/api/units/${b}${suffix}`);
  targets = [
    {
      route: 'POST /api/units',
      kind: 'json',
      path: '/api/units',
      valid: {
        code: 'FZ1',
        name: 'Phòng Thử',
        parentId: org.department,
        email: 'fz@example.vn',
        validFrom: '2026-01-01',
      },
      fields: {
        code: { bad: badUnitCode, required: true },
        name: text(300),
        parentId: { bad: fc.oneof(notNumber, oneOf(0, -1, 1.5, 2147483648, 1e15, 999999)) },
        email: { bad: badEmail },
        validFrom: { bad: badDate },
      },
    },
    {
      route: 'PATCH /api/units/:id',
      kind: 'json',
      path: `/api/units/${scratchUnit}`,
      badPath: unitIdPath(),
      valid: { name: 'Đơn vị đổi tên', email: 'doi@example.vn' },
      fields: {
        name: { bad: badText(300) },
        email: { bad: badEmail },
        parentId: { bad: fc.oneof(notNumber, oneOf(0, -1, 1.5, 2147483648, 1e15, 999999, scratchUnit)) },
      },
      strict: true,
    },
    {
      route: 'POST /api/units/:id/successor',
      kind: 'json',
      path: `/api/units/${scratchUnit}/successor`,
      badPath: unitIdPath('/successor'),
      valid: { code: 'FZ2', name: 'Đơn vị kế thừa' },
      fields: {
        code: { bad: badUnitCode, required: true },
        name: text(300),
        validTo: { bad: fc.oneof(badDate, oneOf('1990-01-01')) },
        successorId: { bad: fc.oneof(notNumber, oneOf(0, -1, 2147483648, 1e15)) },
        moveUsers: { bad: notBoolean },
      },
      strict: true,
    },
    {
      route: 'POST /api/users',
      kind: 'json',
      path: '/api/users',
      valid: {
        username: 'fz.user',
        password: 'mật-khẩu-đủ-dài',
        fullName: 'Lê Văn Thử',
        email: 'fz.user@example.vn',
        unitId: org.unitA,
        roles: ['unit'],
        locale: 'vi',
      },
      fields: {
        username: { bad: badUsername, required: true },
        password: { bad: fc.oneof(notString, oneOf('short', ''), tooLong(256)), required: true },
        fullName: text(200),
        email: { bad: badEmail, required: true },
        unitId: { bad: fc.oneof(notNumber, oneOf(0, -1, 2147483648, 1e15, 999999)) },
        roles: {
          bad: fc.oneof(
            notString,
            oneOf<unknown>([], ['root'], 'admin', ['admin', 'admin'], [null], ['unit', 5]),
          ),
          required: true,
        },
        locale: { bad: badEnum('fr', 'VI') },
      },
    },
    {
      route: 'PATCH /api/users/:id',
      kind: 'json',
      path: `/api/users/${scratchUser}`,
      badPath: badIdInPath.map((b) => `/api/users/${b}`),
      valid: { fullName: 'Hội đồng viên', active: true, locale: 'vi' },
      fields: {
        fullName: { bad: badText(200) },
        active: { bad: notBoolean },
        locale: { bad: badEnum('fr') },
        roles: { bad: fc.oneof(oneOf<unknown>([], ['root'], 'admin', ['admin', 'admin'])) },
        email: { bad: badEmail },
        unitId: { bad: fc.oneof(notNumber, oneOf(0, -1, 2147483648, 1e15, 999999)) },
        password: { bad: fc.oneof(notString, oneOf('short'), tooLong(256)) },
      },
      strict: true,
    },
    {
      route: 'PUT /api/settings/policy',
      kind: 'json',
      path: '/api/settings/policy',
      valid: { receiptPeriod: { workingDays: 3 }, provinceBoardEmail: 'tinh@example.vn' },
      fields: {
        receiptPeriod: { bad: badPeriod },
        noticePeriod: { bad: badPeriod },
        provinceBoardEmail: { bad: badEmail },
      },
      strict: true,
    },
    {
      route: 'PUT /api/awards/:code',
      kind: 'json',
      path: '/api/awards/GKGD',
      badPath: oneOf('X'.repeat(21), 'NOPE', '%00', '%3Cb%3E', "LDTT'--", '%F0%9F%8F%85').map(
        (c) => `/api/awards/${c}`,
      ),
      valid: { effectiveFrom: '2031-01-01', voteThreshold: 0.7 },
      fields: {
        effectiveFrom: { bad: badDate, required: true },
        voteThreshold: { bad: fc.oneof(notNumber, oneOf(0, -0.5, 1.5)) },
        needsVote: { bad: notBoolean },
        authority: { bad: badEnum('district') },
      },
      strict: true,
    },
    {
      route: 'PUT /api/calendar/:year',
      kind: 'json',
      path: '/api/calendar/2031',
      badPath: oneOf('1899', '2200', 'abc', '20.5', '-1', '%00').map((y) => `/api/calendar/${y}`),
      valid: {
        daysOff: [{ date: '2031-01-01', name: 'Tết Dương lịch', kind: 'holiday' }],
        workingSaturdays: [],
      },
      fields: {
        daysOff: {
          bad: fc.oneof(
            oneOf<unknown>('x', 5, null, {}, [5], ['2031-01-01']),
            oneOf(
              [{ date: '2031-02-30', name: 'x', kind: 'holiday' }],
              [{ date: '2031-01-01', name: '', kind: 'holiday' }],
              [{ date: '2031-01-01', name: 'x', kind: 'party' }],
              [{ date: '2030-01-01', name: 'năm khác', kind: 'holiday' }],
              [{ date: '2031-01-01', name: 'x\u0000', kind: 'holiday' }],
              Array.from({ length: 367 }, () => ({ date: '2031-01-01', name: 'x', kind: 'holiday' })),
            ),
          ),
          required: true,
        },
        'daysOff.0.name': { bad: badText(200) },
        'daysOff.0.date': { bad: badDate },
        workingSaturdays: {
          bad: fc.oneof(oneOf<unknown>(['2031-01-06'], ['x'], 'x', [5], [null])),
          required: true,
        },
      },
      strict: true,
    },
    {
      route: 'POST /api/auth/login',
      kind: 'json',
      path: '/api/auth/login',
      valid: { username: 'fuzzer', password: 'x' },
      fields: {
        username: { bad: fc.oneof(notString, blank, tooLong(64), fc.constant(null)), required: true },
        password: { bad: fc.oneof(notString, oneOf(''), tooLong(256), fc.constant(null)), required: true },
      },
    },
    {
      route: 'POST /api/auth/logout',
      kind: 'json',
      path: '/api/auth/logout',
      valid: {},
      fields: {},
      ignoresBody: true,
    },
    {
      route: 'POST /api/auth/password',
      kind: 'json',
      path: '/api/auth/password',
      valid: { currentPassword: 'x', newPassword: 'một-mật-khẩu-mới' },
      fields: {
        currentPassword: { bad: fc.oneof(notString, oneOf(''), tooLong(256)), required: true },
        newPassword: { bad: fc.oneof(notString, oneOf('short', ''), tooLong(256)), required: true },
      },
    },
    {
      route: 'POST /api/auth/tokens',
      kind: 'json',
      path: '/api/auth/tokens',
      valid: { name: 'token thử' },
      fields: { name: text(100) },
    },
    {
      route: 'DELETE /api/auth/tokens/:id',
      kind: 'json',
      path: '/api/auth/tokens/999999',
      badPath: badIdInPath.map((b) => `/api/auth/tokens/${b}`),
      valid: {},
      fields: {},
      ignoresBody: true,
    },
    {
      route: 'POST /api/campaigns',
      kind: 'json',
      path: '/api/campaigns',
      valid: { title: 'Thi đua đột xuất', kind: 'sudden', year: 2026, nominationDeadline: '2026-11-30' },
      fields: {
        title: text(300),
        kind: { bad: badEnum('yearly'), required: true },
        year: { bad: fc.oneof(notNumber, oneOf(1999, 2101, 2026.5, -2026, 1e15)), required: true },
        nominationDeadline: { bad: fc.oneof(badDate, oneOf('0000-01-01', '+275760-09-13')), required: true },
      },
      strict: true,
    },
    {
      route: 'POST /api/dossiers',
      kind: 'json',
      path: '/api/dossiers',
      valid: { campaignId: campaign, title: 'Hồ sơ thử' },
      fields: { campaignId: { bad: fc.oneof(badId, oneOf(999999)), required: true }, title: text(300) },
      strict: true,
    },
    {
      route: 'POST /api/dossiers/:id/nominations',
      kind: 'json',
      path: `/api/dossiers/${dossier}/nominations`,
      badPath: badIdInPath.map((b) => `/api/dossiers/${b}/nominations`),
      valid: {
        awardCode: 'LDTT',
        nominee: { kind: 'individual', fullName: 'Phạm Thị Thu', position: 'Chuyên viên', personId: 1 },
        summary: 'Hoàn thành xuất sắc nhiệm vụ',
      },
      fields: {
        awardCode: {
          bad: fc.oneof(notString, blank, tooLong(32), oneOf('NOPE', "LDTT' OR 1=1--", 'ldtt')),
          required: true,
        },
        nominee: {
          bad: fc.oneof(
            notString,
            oneOf<unknown>(
              null,
              'Nguyễn',
              { kind: 'robot', fullName: 'R2' },
              { kind: 'individual' },
              { kind: 'collective', fullName: 'x' },
            ),
          ),
          required: true,
        },
        'nominee.fullName': text(200),
        'nominee.position': { bad: badOptText(200) },
        'nominee.personId': { bad: badId },
        'nominee.kind': { bad: badEnum('Individual'), required: true },
        summary: text(20000),
      },
      strict: true,
    },
    {
      route: 'POST /api/dossiers/:id/attachments',
      kind: 'upload',
      path: `/api/dossiers/${dossier}/attachments`,
      badPath: badIdInPath.map((b) => `/api/dossiers/${b}/attachments`),
    },
    ...(['decision', 'submission'] as const).map((type): JsonTarget => ({
      route: `POST /api/${type}s`,
      kind: 'json',
      path: `/api/${type}s`,
      valid: { nominationIds: [nomination], title: 'Quyết định thử' },
      fields: {
        nominationIds: {
          bad: fc.oneof(
            notNumber,
            oneOf([], [0], [-1], [2147483648], [1e15], [999999], [nomination], ['1'], [null]),
            fc.constant(Array.from({ length: 2001 }, (_, i) => i + 1)),
          ),
          required: true,
        },
        title: { bad: badOptText(500) },
      },
      strict: true,
    })),
    ...eventTargets('campaign', campaign),
    ...eventTargets('dossier', dossier),
    ...eventTargets('nomination', nomination),
    ...eventTargets('decision', decision),
    ...eventTargets('submission', submission),
  ];
}, 120_000);
afterAll(async () => app?.t.close());

async function countRows(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of mainTables) {
    const rows = await app.t.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

interface Failure {
  target: string;
  what: string;
  status: number;
  problem: string;
}

function check(s: Sent, status: number, type: string, text: string, allow2xx: boolean): string | undefined {
  if (status >= 500) return 'server error';
  if (status < 300) return allow2xx ? undefined : 'accepted an invalid request';
  if (!type.startsWith('application/problem+json')) return `content type ${type}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'not JSON';
  }
  for (const k of ['type', 'title', 'detail', 'code'])
    if (typeof body[k] !== 'string' || body[k] === '') return `no ${k}`;
  if (body.status !== status) return `status ${String(body.status)} in body`;
  if (!allowedCodes.has(body.code as string)) return `code ${String(body.code)}`;
  if (status === 400) {
    const errors = body.errors as Array<{ field?: unknown; message?: unknown }> | undefined;
    if (!Array.isArray(errors) || errors.length === 0) return '400 without errors';
    if (errors.some((e) => typeof e.field !== 'string' || e.field === '' || typeof e.message !== 'string'))
      return 'malformed errors';
    if (s.field) {
      const top = s.field.split('.')[0]!;
      const named = errors.some((e) => (e.field as string).split('.')[0] === top || e.field === 'body');
      if (!named) return `errors do not name ${s.field}: ${JSON.stringify(errors).slice(0, 200)}`;
    }
  }
  return undefined;
}

describe(`malformed requests at every write route (${db}, seed ${seed})`, () => {
  it('every write route of the registry has a generator', () => {
    const writes = app.registry
      .list()
      .filter((r) => r.method !== 'get')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect([...new Set(targets.map((t) => t.route))].sort()).toEqual(writes.sort());
  });

  it(`${TOTAL} generated requests: problem documents, never a 500, nothing stored`, async () => {
    const requests: Array<Sent & { allow2xx: boolean }> = [];
    const runsPerTarget = Math.ceil(TOTAL / targets.length);
    targets.forEach((t, i) => {
      const arb = t.kind === 'upload' ? uploadRequests(t) : jsonRequests(t, t.route.split(' ')[0]!);
      for (const s of fc.sample(arb, { numRuns: runsPerTarget, seed: seed + i }))
        requests.push({ ...s, allow2xx: t.kind === 'json' && t.ignoresBody === true && s.path === t.path });
    });
    expect(requests.length).toBeGreaterThanOrEqual(Math.min(TOTAL, 5000));

    const before = await countRows();
    const failures: Failure[] = [];
    const statuses: Record<number, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const s = requests[next++]!;
          const res = await fetch(app.t.baseUrl + s.path, {
            method: s.method,
            headers: { ...s.headers, authorization: `Bearer ${token}` },
            ...(s.body !== undefined ? { body: s.body } : {}),
          });
          const text = await res.text();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const problem = check(s, res.status, res.headers.get('content-type') ?? '', text, s.allow2xx);
          if (problem)
            failures.push({
              target: `${s.method} ${s.path}`,
              what: s.what,
              status: res.status,
              problem: `${problem}: ${text.slice(0, 200)}`,
            });
        }
      }),
    );
    const after = await countRows();
    console.log(`bad-input (${db}, seed ${seed}): ${requests.length} requests`, JSON.stringify(statuses));
    expect(failures.slice(0, 30)).toEqual([]);
    expect(after).toEqual(before);
    // The fuzzer's credentials still work (nothing it sent changed them).
    expect((await fuzzer.get('/api/me')).status).toBe(200);
    // About 40 s alone on 2 vCPU; more when the whole suite runs beside it.
  }, 240_000);
});
