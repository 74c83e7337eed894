import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RouteRegistry } from '../../../src/http/registry';
import { openStored, storeUpload } from '../../../src/storage/files';
import { startTestApp, type TestApp } from '../../helpers/app';
import { expectProblem } from '../../helpers/http';
import { zip } from '../../helpers/files';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]),
]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const jpeg = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);
const docx = zip([
  ['word/document.xml', '<w:document/>'],
  ['[Content_Types].xml', '<Types/>'],
]);
const xlsx = zip([
  ['xl/workbook.xml', '<workbook/>'],
  ['[Content_Types].xml', '<Types/>'],
]);
const plainZip = zip([['notes.txt', 'hello']]);

const routes = (r: RouteRegistry, dataDir: () => string) => {
  r.add({
    method: 'post',
    path: '/api/test/files',
    summary: 'upload',
    tags: ['test'],
    auth: 'user',
    hidden: true,
    upload: { field: 'file' },
    body: z.object({ kind: z.enum(['coverLetter', 'other']) }),
    responses: {
      201: z.object({
        storageKey: z.string(),
        sha256: z.string(),
        size: z.number(),
        mime: z.string(),
        filename: z.string(),
        kind: z.string(),
      }),
    },
    handler: async ({ file, body }) => ({ ...(await storeUpload(dataDir(), file!)), kind: body.kind }),
  });
};

function form(parts: { file?: { data: Buffer; name: string; type?: string }; kind?: string }): FormData {
  const f = new FormData();
  if (parts.kind !== undefined) f.append('kind', parts.kind);
  if (parts.file)
    f.append(
      'file',
      new Blob([new Uint8Array(parts.file.data)], { type: parts.file.type ?? 'application/pdf' }),
      parts.file.name,
    );
  return f;
}

describe('uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { UPLOAD_MAX_BYTES: String(64 * 1024) },
      deps: { extraRoutes: (r) => routes(r, () => t.config.DATA_DIR) },
    });
  }, 60000);
  afterAll(() => t.close());

  const upload = (f: FormData) => t.admin.api.post('/api/test/files', undefined, { raw: f });

  test('the type comes from the content: a PNG named .pdf is a PNG; stored content-addressed', async () => {
    const res = await upload(form({ file: { data: png, name: 'báo cáo thành tích.pdf' }, kind: 'other' }));
    expect(res.status).toBe(201);
    const sha = createHash('sha256').update(png).digest('hex');
    expect(res.body).toEqual({
      storageKey: `files/${sha.slice(0, 2)}/${sha}`,
      sha256: sha,
      size: png.length,
      mime: 'image/png',
      filename: 'báo cáo thành tích.pdf',
      kind: 'other',
    });
    const path = join(t.config.DATA_DIR, res.body.storageKey);
    expect(readFileSync(path).equals(png)).toBe(true);
    const again = await upload(form({ file: { data: png, name: 'copy.png' }, kind: 'other' }));
    expect(again.body.storageKey).toBe(res.body.storageKey);
  });

  test.each([
    ['pdf', pdf, 'application/pdf'],
    ['jpeg', jpeg, 'image/jpeg'],
    ['docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('accepts %s', async (_name, data, mime) => {
    const res = await upload(
      form({ file: { data, name: 'x.bin', type: 'application/octet-stream' }, kind: 'coverLetter' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe(mime);
  });

  test.each([
    ['plain text named .pdf', Buffer.from('just some text, not a PDF at all')],
    ['a zip that is no office document', plainZip],
    ['an executable', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0])],
  ])('refuses %s, naming the field file', async (_name, data) => {
    const res = await upload(form({ file: { data, name: 'evil.pdf' }, kind: 'other' }));
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors).toEqual([{ field: 'file', message: expect.stringMatching(/PDF/) }]);
  });

  test('a missing file and a bad text field are both named', async () => {
    const res = await upload(form({ kind: 'wrong' }));
    const p = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(p.errors.map((e: { field: string }) => e.field).sort()).toEqual(['file', 'kind']);
  });

  test('a file over UPLOAD_MAX_BYTES is 413, whether announced or streamed', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(80 * 1024, 0x20)]);
    expectProblem(
      await upload(form({ file: { data: big, name: 'big.pdf' }, kind: 'other' })),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const huge = Buffer.concat([pdf, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    expectProblem(
      await upload(form({ file: { data: huge, name: 'huge.pdf' }, kind: 'other' })),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  test('a second file field or a JSON body is refused', async () => {
    const f = form({ file: { data: pdf, name: 'a.pdf' }, kind: 'other' });
    f.append('other', new Blob([pdf]), 'b.pdf');
    expectProblem(await upload(f), 400, 'VALIDATION_FAILED');
    expectProblem(
      await t.admin.api.post('/api/test/files', { kind: 'other' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  test('uploads need authentication and the CSRF token', async () => {
    expectProblem(
      await t.anon.post('/api/test/files', undefined, {
        raw: form({ file: { data: pdf, name: 'a.pdf' }, kind: 'other' }),
      }),
      401,
      'UNAUTHENTICATED',
    );
    const noCsrf = await t.admin.api.post('/api/test/files', undefined, {
      raw: form({ file: { data: pdf, name: 'a.pdf' }, kind: 'other' }),
      noCsrf: true,
    });
    expectProblem(noCsrf, 403, 'FORBIDDEN');
  });

  test('openStored reads a stored file and refuses keys outside the store', async () => {
    const stored = await storeUpload(t.config.DATA_DIR, { buffer: pdf, filename: '../../etc/passwd' });
    expect(stored.filename).toBe('passwd');
    const chunks: Buffer[] = [];
    for await (const c of openStored(t.config.DATA_DIR, stored.storageKey)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
    for (const key of ['../secret', `files/00/${stored.sha256}`, 'files/ab/../../x', '/etc/passwd'])
      expect(() => openStored(t.config.DATA_DIR, key)).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
    // No temp files are left behind.
    const dir = join(t.config.DATA_DIR, 'files', stored.sha256.slice(0, 2));
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir).filter((n: string) => n.startsWith('.tmp'))).toEqual([]);
  });
});
