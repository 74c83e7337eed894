import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { insertTestNotice } from '../../helpers/notices';

/**
 * Thousands of malformed requests, generated with fast-check, at every write route of the registry:
 * wrong types, missing fields, strings beyond their limits, unicode (Vietnamese, emoji, RTL, NUL, lone
 * surrogates), SQL and HTML fragments, wrong content types, broken JSON, bodies beyond the JSON limit,
 * bad multipart, bad ids. Every input is invalid by construction (a valid body with at least one field
 * made wrong), so the answer must be a well-formed problem document, never a 500, and nothing stored
 * (every table keeps its rows, byte for byte).
 *
 * The app is wired as src/server.ts wires the web process: the award-rules routes (people register,
 * past-awards import, registrations, council sessions) and the admin routes are fuzzed too.
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
  // The award rules: the people register, registrations, council sessions.
  'persons',
  'collectives',
  'collective_members',
  'past_awards',
  'initiatives',
  'discipline_records',
  'task_ratings',
  'registrations',
  'registration_entries',
  'registration_history',
  'council_sessions',
  'council_members',
  'council_agenda',
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
/** Not an id: wrong type, not a positive integer, beyond PostgreSQL's integer. */
const badIdNotNull = fc.oneof(notNumber, oneOf(0, -1, 1.5, 2147483648, 1e15, 2 ** 53 + 2, -2147483649));
const badId = fc.oneof(badIdNotNull, fc.constant(null));
/** A list of ids with a bad one, or not a list (`extra`: ids that are well-formed but wrong here). */
const badIdList = (max: number, ...extra: number[]) =>
  fc.oneof(
    notString.filter((v) => !Array.isArray(v)),
    fc.constant(null),
    badIdNotNull.map((b) => [b]),
    fc.tuple(fc.constantFrom(1, ...extra), badIdNotNull).map(([ok, b]) => [ok, b]),
    oneOf<unknown>(['1'], [null], [[1]], ...extra.map((e) => [e])),
    fc.constant(Array.from({ length: max + 1 }, (_, i) => i + 1)),
  );
/** A year of the register (1945–2100). */
const badYear = fc.oneof(notNumber, fc.constant(null), oneOf(1944, 2101, 2020.5, -2020, 1e15, 2 ** 53 + 2));
/** An optional field that may be null but, when text, at most `max` characters. */
const badNullableText = (max: number) => fc.oneof(notString, tooLong(max), unstorable);
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
  oneOf('ПРИВЕТ', 'a b', '-X', "X';--", '<b>', 'A'.repeat(33), '', '🏅'),
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
/** The past-awards import: a CSV or XLSX file, and `?mode=`. */
interface ImportTarget {
  route: string;
  kind: 'import';
  /** Without the query. */
  path: string;
  badPath: fc.Arbitrary<string>;
  /** A CSV file that would record a past award (so an import wrongly accepted shows in the counts). */
  csv: string;
}
type Target = JsonTarget | UploadTarget | ImportTarget;

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

/** Files the import refuses by content: not a spreadsheet, and not UTF-8 text either. */
const notSpreadsheets = oneOf(
  pdf,
  Buffer.alloc(0),
  Buffer.from('MZ\x90\x00\x03', 'latin1'),
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1'),
  Buffer.from('PK\x03\x04\x14\x00\x00\x00garbage', 'latin1'),
  Buffer.from('Họ và tên;Danh hiệu;Năm\r\nTrần\u0000Bình;LDTT;2020\r\n'),
  Buffer.from([0x48, 0xc3, 0x28, 0x3b, 0x4c, 0x44, 0x54, 0x54, 0x0a]),
  Buffer.from('Họ và tên;Danh hiệu;Năm\x1b[31m\r\n', 'utf8'),
);
const badModes = oneOf(
  'PREVIEW',
  'Commit',
  '',
  'delete',
  "commit'--",
  '%00',
  'commit%00',
  '%F0%9F%8F%85',
  'preview&mode=commit',
);

function importRequests(t: ImportTarget): fc.Arbitrary<Sent> {
  const base = { target: t.route, method: 'POST', path: `${t.path}?mode=commit` };
  const mp = (what: string, field: string | undefined, parts: Parameters<typeof multipart>[0]): Sent => ({
    ...base,
    what,
    ...(field ? { field } : {}),
    ...multipart(parts),
  });
  const file = (data: Buffer | string, filename = 'khen-thuong.csv') => ({
    name: 'file',
    filename,
    type: 'text/csv',
    data,
  });
  return fc.oneof(
    fc.constant(mp('no file', 'file', [{ name: 'mode', data: 'commit' }])),
    fc
      .tuple(notSpreadsheets, weirdFilenames)
      .map(([data, name]) =>
        mp(`content ${short(data.toString('latin1'))} as ${short(name)}`, 'file', [file(data, name)]),
      ),
    badModes.map((m) => ({
      ...mp(`mode = ${m}`, 'mode', [file(t.csv)]),
      path: `${t.path}?mode=${m}`,
    })),
    // An unknown parameter beside a good mode is named itself.
    fc.constant({
      ...mp('unknown query parameter', 'extra', [file(t.csv)]),
      path: `${t.path}?mode=commit&extra=1`,
    }),
    fc.constant(
      mp('unexpected file field', 'attachment', [file(t.csv), { ...file(t.csv), name: 'attachment' }]),
    ),
    fc.constant(mp('two files', 'file', [file(t.csv), file(t.csv)])),
    fc
      .integer({ min: UPLOAD_MAX + 1, max: UPLOAD_MAX + 64 * 1024 })
      .map((n) => mp(`${n}-byte file`, undefined, [file(t.csv + ' '.repeat(n - Buffer.byteLength(t.csv)))])),
    fc.constant(
      mp('80 fields', undefined, [
        file(t.csv),
        ...Array.from({ length: 80 }, (_, i) => ({ name: `f${i}`, data: 'x' })),
      ]),
    ),
    fc
      .constantFrom('', '--x\r\n', 'garbage', '--foo\r\nContent-Disposition: form-data; name="file"\r\n\r\nx')
      .map((raw) => ({
        ...base,
        what: `garbled multipart ${JSON.stringify(raw)}`,
        headers: { 'content-type': 'multipart/form-data; boundary=foo' },
        body: raw,
      })),
    wrongContentTypes
      .filter((ct) => !ct.startsWith('multipart'))
      .map((type) => ({
        ...base,
        what: `content type ${type || '(none)'}`,
        headers: contentTypeHeader(type),
        body: t.csv,
      })),
    t.badPath.map((path) => ({
      ...mp(`path ${path}`, undefined, [file(t.csv)]),
      path: `${path}?mode=commit`,
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
  app = await startApiApp({ env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX) } });
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
  // The award rules: unit A's register, a registration in draft, a council session in progress.
  const person = await build.person('Trần Thị Bình');
  const otherPerson = await build.person('Lê Văn Cường', 'B');
  const collective = await build.collective('Tổ Chính sách', [person]);
  must(
    await org.as.clerk.post(`/api/persons/${person}/ratings`, { year: 2025, rating: 'good' }),
    200,
    'rating',
  );
  const registration = must(
    await org.as.clerk.put(`/api/campaigns/${campaign}/registrations/${org.unitA}`, {
      entries: [{ personId: person, collectiveId: null, awardCodes: ['LDTT'] }],
    }),
    200,
    'registration',
  );
  const session = await build.councilSession();
  const sessionMembers = session.memberIds;
  const onAgenda = await build.nomination('councilReview');
  must(
    await org.as.office.post(`/api/council/sessions/${session.id}/agenda`, { nominationIds: [onAgenda] }),
    200,
    'agenda',
  );
  const onAgendaVersion = must(await org.as.office.get(`/api/nominations/${onAgenda}`), 200, 'nomination')
    .version as number;
  const sentNotice = (await insertTestNotice(app.t.db, { outbox: false })).id;
  await app.t.db.query(`UPDATE notices SET status = 'sent' WHERE id = $1`, [sentNotice]);
  const personPath = (suffix: string) => badIdInPath.map((b) => `/api/persons/${b}${suffix}`);
  const collectivePath = (suffix: string) => badIdInPath.map((b) => `/api/collectives/${b}${suffix}`);
  const sessionPath = (suffix: string) => badIdInPath.map((b) => `/api/council/sessions/${b}${suffix}`);

  const unitIdPath = (suffix = '') => badIdInPath.map((b) => `/api/units/${b}${suffix}`);
  const registrationEvent = (
    type: string,
    extra: Record<string, unknown>,
    fields: Record<string, FieldSpec>,
  ): JsonTarget => ({
    route: 'POST /api/registrations/:id/events',
    kind: 'json',
    path: `/api/registrations/${registration.id}/events`,
    badPath: badIdInPath.map((b) => `/api/registrations/${b}/events`),
    valid: { type, expectedVersion: registration.version, ...extra },
    fields: {
      type: { bad: fc.oneof(badEventType, oneOf('EDIT', 'approve', 'RESUBMIT ')), required: true },
      expectedVersion: { bad: badVersion },
      ...fields,
    },
    strict: true,
  });
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
      route: 'DELETE /api/admin/tokens/:id',
      kind: 'json',
      path: '/api/admin/tokens/999999',
      badPath: badIdInPath.map((b) => `/api/admin/tokens/${b}`),
      valid: {},
      fields: {},
      ignoresBody: true,
    },
    {
      route: 'POST /api/nominations/bulk-events',
      kind: 'json',
      path: '/api/nominations/bulk-events',
      valid: { type: 'APPROVE', ids: [999999] },
      fields: {
        type: {
          bad: fc.oneof(notString, blank, oneOf('approve', 'NO SUCH', 'NO_SUCH_EVENT')),
          required: true,
        },
        ids: {
          bad: oneOf<unknown>('1', 1, true, {}, [], [0], [-1], ['x'], [1.5], [2147483648], [null]),
          required: true,
        },
      },
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
    // --- The award rules: unit A's people register.
    {
      route: 'POST /api/units/:id/persons',
      kind: 'json',
      path: `/api/units/${org.unitA}/persons`,
      badPath: unitIdPath('/persons'),
      valid: { fullName: 'Nguyễn Thị Thu', birthYear: 1985, position: 'Chuyên viên' },
      fields: {
        fullName: text(200),
        birthYear: { bad: fc.oneof(notNumber, oneOf(1899, 2101, 1985.5, 1e15)) },
        position: { bad: badNullableText(200) },
      },
      strict: true,
    },
    ...(['person', 'collective'] as const).map((who): JsonTarget => ({
      route: `POST /api/${who}s/:id/past-awards`,
      kind: 'json',
      path: `/api/${who}s/${who === 'person' ? person : collective}/past-awards`,
      badPath: (who === 'person' ? personPath : collectivePath)('/past-awards'),
      valid: {
        awardCode: who === 'person' ? 'LDTT' : 'TTLDTT',
        year: 2020,
        decisionNumber: '07/QĐ-SNV',
        decidedOn: '2020-12-20',
      },
      fields: {
        awardCode: {
          bad: fc.oneof(
            notString,
            fc.constant(null),
            blank,
            tooLong(20),
            // Not codes, unknown codes, and an award for the other kind of nominee.
            oneOf('NOPE', 'ldtt', "LDTT' OR 1=1--", 'L', who === 'person' ? 'TTLDTT' : 'LDTT'),
          ),
          required: true,
        },
        year: { bad: badYear, required: true },
        decisionNumber: { bad: fc.oneof(badNullableText(100), blank) },
        decidedOn: { bad: fc.oneof(badDate, oneOf('2019-12-31')) },
      },
      strict: true,
    })),
    {
      route: 'POST /api/persons/:id/initiatives',
      kind: 'json',
      path: `/api/persons/${person}/initiatives`,
      badPath: personPath('/initiatives'),
      valid: { title: 'Số hoá hồ sơ thi đua', scope: 'grassroots', recognisedOn: '2025-06-01', year: 2025 },
      fields: {
        title: text(500),
        scope: { bad: badEnum('Grassroots', 'tỉnh'), required: true },
        recognisedOn: { bad: badDate, required: true },
        year: { bad: badYear },
      },
      strict: true,
    },
    {
      route: 'POST /api/persons/:id/discipline',
      kind: 'json',
      path: `/api/persons/${person}/discipline`,
      badPath: personPath('/discipline'),
      valid: {
        level: 'reprimand',
        from: '2019-01-10',
        to: '2019-12-31',
        pendingInvestigation: false,
        note: 'Quyết định kỷ luật số 01',
      },
      fields: {
        // null (no level) only with a pending investigation.
        level: { bad: badEnum('Reprimand', 'khiển trách'), required: true },
        from: { bad: badDate, required: true },
        to: { bad: fc.oneof(badDate, oneOf('2019-01-09')) },
        pendingInvestigation: { bad: notBoolean },
        note: { bad: badNullableText(2000) },
      },
      strict: true,
    },
    {
      route: 'POST /api/persons/:id/ratings',
      kind: 'json',
      path: `/api/persons/${person}/ratings`,
      badPath: personPath('/ratings'),
      valid: { year: 2025, rating: 'good' },
      fields: {
        year: { bad: badYear, required: true },
        rating: { bad: badEnum('Good', 'tốt', 'not completed'), required: true },
      },
      strict: true,
    },
    {
      route: 'POST /api/units/:id/collectives',
      kind: 'json',
      path: `/api/units/${org.unitA}/collectives`,
      badPath: unitIdPath('/collectives'),
      valid: { name: 'Tổ Tổng hợp', memberCount: 5, members: { year: 2026, personIds: [person] } },
      fields: {
        name: text(300),
        memberCount: {
          bad: fc.oneof(notNumber, fc.constant(null), oneOf(-1, 100001, 2.5, 1e15)),
          required: true,
        },
        members: {
          bad: fc.oneof(notString, fc.constant(null), oneOf<unknown>({}, { year: 2026 }, { personIds: [] })),
        },
        'members.year': { bad: badYear, required: true },
        // Another unit's person, and nobody.
        'members.personIds': { bad: badIdList(2000, otherPerson, 999999), required: true },
      },
      strict: true,
    },
    {
      route: 'PUT /api/collectives/:id/members',
      kind: 'json',
      path: `/api/collectives/${collective}/members`,
      badPath: collectivePath('/members'),
      valid: { year: 2026, personIds: [person] },
      fields: {
        year: { bad: badYear, required: true },
        personIds: { bad: badIdList(2000, otherPerson, 999999), required: true },
      },
      strict: true,
    },
    {
      route: 'POST /api/units/:id/past-awards/import',
      kind: 'import',
      path: `/api/units/${org.unitA}/past-awards/import`,
      badPath: unitIdPath('/past-awards/import'),
      csv: 'Họ và tên;Danh hiệu;Năm;Số quyết định\r\nTrần Thị Bình;LDTT;2019;05/QĐ-SNV\r\n',
    },
    // --- Unit A's registration (draft) for the open campaign.
    {
      route: 'PUT /api/campaigns/:id/registrations/:unitId',
      kind: 'json',
      path: `/api/campaigns/${campaign}/registrations/${org.unitA}`,
      badPath: fc.oneof(
        badIdInPath.map((b) => `/api/campaigns/${b}/registrations/${org.unitA}`),
        badIdInPath.map((b) => `/api/campaigns/${campaign}/registrations/${b}`),
      ),
      valid: { entries: [{ personId: person, collectiveId: null, awardCodes: ['LDTT'] }] },
      fields: {
        entries: {
          bad: fc.oneof(
            // (An empty list is a valid registration: no empty arrays here.)
            notString.filter((v) => !Array.isArray(v)),
            fc.constant(null),
            oneOf<unknown>([null], [5], ['x'], [{}]),
            fc.constant(
              Array.from({ length: 2001 }, () => ({
                personId: person,
                collectiveId: null,
                awardCodes: ['LDTT'],
              })),
            ),
          ),
          required: true,
        },
        'entries.0.personId': { bad: fc.oneof(badId, oneOf(otherPerson, 999999)), required: true },
        'entries.0.collectiveId': { bad: fc.oneof(badIdNotNull, oneOf(collective)), required: true },
        'entries.0.awardCodes': {
          bad: fc.oneof(
            notString,
            fc.constant(null),
            oneOf<unknown>(['NOPE'], ['ldtt'], ['LDTT', 'LDTT'], ['TTLDTT'], [5], [null], ['X'.repeat(21)]),
            fc.constant(Array.from({ length: 11 }, (_, i) => `AWARD${i}`)),
          ),
          required: true,
        },
      },
      strict: true,
    },
    registrationEvent('SUBMIT', {}, {}),
    registrationEvent('RETURN', { reason: 'Bổ sung danh sách' }, { reason: text(2000) }),
    // --- A council session with three members, all present, and one nomination on its agenda.
    {
      route: 'POST /api/council/sessions',
      kind: 'json',
      path: '/api/council/sessions',
      valid: {
        title: 'Phiên họp thử',
        heldOn: '2026-12-01',
        location: 'Phòng họp số 1',
        members: [{ userId: org.userIds.council, fullName: 'Ủy viên Hội đồng', role: 'member' }],
      },
      fields: {
        title: text(300),
        heldOn: { bad: badDate, required: true },
        location: { bad: badNullableText(300) },
        members: {
          bad: fc.oneof(
            notString,
            fc.constant(null),
            oneOf<unknown>([{}], [{ userId: null, fullName: 'x' }]),
            fc.constant(Array.from({ length: 201 }, () => ({ userId: null, fullName: 'x', role: 'member' }))),
          ),
          required: true,
        },
        // An id of nobody, too.
        'members.0.userId': { bad: fc.oneof(badIdNotNull, oneOf(999999)), required: true },
        'members.0.fullName': text(200),
        'members.0.role': { bad: badEnum('Chair', 'chủ tịch'), required: true },
      },
      strict: true,
    },
    {
      route: 'PUT /api/council/sessions/:id/attendance',
      kind: 'json',
      path: `/api/council/sessions/${session.id}/attendance`,
      badPath: sessionPath('/attendance'),
      valid: { presentMemberIds: sessionMembers },
      // (An empty list is valid: nobody came.) 999999 is no member of the session.
      fields: { presentMemberIds: { bad: badIdList(200, 999999), required: true } },
      strict: true,
    },
    {
      route: 'POST /api/council/sessions/:id/agenda',
      kind: 'json',
      path: `/api/council/sessions/${session.id}/agenda`,
      badPath: sessionPath('/agenda'),
      valid: { nominationIds: [onAgenda] },
      // Nobody, and a nomination still in appraisal.
      fields: {
        nominationIds: { bad: fc.oneof(badIdList(500, 999999, nomination), oneOf([])), required: true },
      },
      strict: true,
    },
    {
      route: 'POST /api/council/sessions/:id/votes',
      kind: 'json',
      path: `/api/council/sessions/${session.id}/votes`,
      badPath: sessionPath('/votes'),
      valid: { nominationId: onAgenda, yes: 3, expectedVersion: onAgendaVersion },
      fields: {
        // Nobody, and a nomination not on the agenda (404).
        nominationId: { bad: fc.oneof(badId, oneOf(999999, nomination)), required: true },
        // 4: more yes votes than members present.
        yes: { bad: fc.oneof(notNumber, fc.constant(null), oneOf(-1, 1001, 1.5, 4, 1e15)), required: true },
        expectedVersion: { bad: badVersion },
      },
      strict: true,
    },
    // --- Admin: a notice already sent (retrying it is a 409); the route takes no body.
    {
      route: 'POST /api/admin/incidents/:id/retry',
      kind: 'json',
      path: `/api/admin/incidents/${sentNotice}/retry`,
      badPath: badIdInPath.map((b) => `/api/admin/incidents/${b}/retry`),
      valid: {},
      fields: {},
      ignoresBody: true,
    },
    ...eventTargets('campaign', campaign),
    ...eventTargets('dossier', dossier),
    ...eventTargets('nomination', nomination),
    ...eventTargets('decision', decision),
    ...eventTargets('submission', submission),
  ];
}, 120_000);
afterAll(async () => app?.t.close());

/** Each table's row count and a digest of its rows: an update shows as well as an insert. */
async function tableStates(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of mainTables) {
    const rows = await app.t.db.query<{ n: string | number; h: string }>(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
    );
    out[table] = `${Number(rows[0]!.n)} rows, ${rows[0]!.h}`;
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
    // And the app under test serves every write route declared in src/http (no route file left out).
    const dir = join(__dirname, '../../../src/http');
    const declared = [
      join(dir, 'app.ts'),
      ...readdirSync(join(dir, 'routes')).map((f) => join(dir, 'routes', f)),
    ]
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/method: '(post|put|patch|delete)',\s+path: '([^']+)'/g)].map(
          (m) => `${m[1]!.toUpperCase()} ${m[2]!}`,
        ),
      );
    expect(declared.length).toBeGreaterThan(30);
    expect(declared.filter((k) => !writes.includes(k))).toEqual([]);
  });

  it(`${TOTAL} generated requests: problem documents, never a 500, nothing stored`, async () => {
    const requests: Array<Sent & { allow2xx: boolean }> = [];
    const runsPerTarget = Math.ceil(TOTAL / targets.length);
    targets.forEach((t, i) => {
      const arb =
        t.kind === 'upload'
          ? uploadRequests(t)
          : t.kind === 'import'
            ? importRequests(t)
            : jsonRequests(t, t.route.split(' ')[0]!);
      for (const s of fc.sample(arb, { numRuns: runsPerTarget, seed: seed + i }))
        requests.push({ ...s, allow2xx: t.kind === 'json' && t.ignoresBody === true && s.path === t.path });
    });
    expect(requests.length).toBeGreaterThanOrEqual(Math.min(TOTAL, 5000));

    const before = await tableStates();
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
            ...(s.body !== undefined
              ? { body: typeof s.body === 'string' ? s.body : new Uint8Array(s.body) }
              : {}),
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
    const after = await tableStates();
    console.log(`bad-input (${db}, seed ${seed}): ${requests.length} requests`, JSON.stringify(statuses));
    expect(failures.slice(0, 30)).toEqual([]);
    expect(after).toEqual(before);
    // The fuzzer's credentials still work (nothing it sent changed them).
    expect((await fuzzer.get('/api/me')).status).toBe(200);
    // About 40 s alone on 2 vCPU; more when the whole suite runs beside it.
  }, 240_000);
});
