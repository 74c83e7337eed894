import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type DemoMailbox, openDemoMailbox } from '../../../src/mail/demo-mailbox';
import { type DemoSmtp, startDemoSmtp } from '../../../src/mail/demo-smtp';
import { createMailer, type Mailer } from '../../../src/mail/mailer';
import { startTestApp, type TestApp, type TestSession } from '../../helpers/app';
import { pdf } from '../../helpers/api-org';

/**
 * The demo mailbox end to end below the demo itself: the real mailer sends to the demo's SMTP receiver,
 * which stores each message as sent; `/api/demo/mailbox` shows each user what was delivered to them.
 */

const logger = pino({ level: 'silent' });
let dir: string;
let mailbox: DemoMailbox;
let smtp: DemoSmtp;
let mailer: Mailer;
let t: TestApp;
let clerk: TestSession;
let other: TestSession;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accolade-mailbox-'));
  mailbox = await openDemoMailbox(join(dir, 'mailbox'));
  smtp = await startDemoSmtp({ mailbox, logger });
  mailer = createMailer({ smtpUrl: smtp.url, from: '"Accolade" <no-reply@accolade.test>', logger });
  t = await startTestApp({ deps: { demoMailbox: mailbox } });
  const unit = await t.createUnit({ code: 'PLD', name: 'Phòng Lao động' });
  clerk = await t.createUser({ username: 'clerk', roles: ['unit'], unitId: unit.id });
  other = await t.createUser({ username: 'other', roles: ['office'] });
});

afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (to: string, n: number, attachments?: Array<{ filename: string; content: Buffer }>) =>
  mailer.send({
    to,
    subject: `Thư số ${n} – thử nghiệm`,
    html: `<p>Nội dung <b>${n}</b></p>`,
    text: `Nội dung ${n}`,
    messageId: `demo-${n}@accolade`,
    ...(attachments ? { attachments } : {}),
  });

test('each user reads the mail delivered to them, as it was sent, newest first, page by page', async () => {
  await send('clerk@example.test', 1);
  await send('CLERK@example.test', 2, [{ filename: 'Tờ trình.pdf', content: pdf }]);
  await send('other@example.test', 3);
  await send('clerk@example.test', 4);

  const first = await clerk.api.get('/api/demo/mailbox?limit=2');
  expect(first.status).toBe(200);
  expect(first.body.address).toBe('clerk@example.test');
  expect(first.body.items.map((m: { subject: string }) => m.subject)).toEqual([
    'Thư số 4 – thử nghiệm',
    'Thư số 2 – thử nghiệm',
  ]);
  const next = await clerk.api.get(`/api/demo/mailbox?limit=2&cursor=${first.body.nextCursor}`);
  expect(next.body).toMatchObject({ items: [{ subject: 'Thư số 1 – thử nghiệm' }], nextCursor: null });

  const withFile = first.body.items[1];
  const mail = await clerk.api.get(`/api/demo/mailbox/${withFile.id}`);
  expect(mail.body).toMatchObject({
    from: '"Accolade" <no-reply@accolade.test>',
    to: ['CLERK@example.test'],
    envelope: { to: ['CLERK@example.test'] },
    messageId: '<demo-2@accolade>',
    text: 'Nội dung 2',
    html: '<p>Nội dung <b>2</b></p>',
    attachmentCount: 1,
    attachments: [{ index: 1, filename: 'Tờ trình.pdf', contentType: 'application/pdf', size: pdf.length }],
  });
  expect(new Date(mail.body.date).getTime()).toBeGreaterThan(0);
  const file = await fetch(`${t.baseUrl}/api/demo/mailbox/${withFile.id}/attachments/1`, {
    headers: { cookie: clerk.cookie },
  });
  expect(file.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf);
  const html = await clerk.api.get(`/api/demo/mailbox/${withFile.id}/html`);
  expect(html.text).toBe('<p>Nội dung <b>2</b></p>');
  expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;/);
  const raw = await clerk.api.get(`/api/demo/mailbox/${withFile.id}/raw`);
  expect(raw.text).toMatch(/^Message-ID: <demo-2@accolade>$/m);

  // Not theirs: as if it did not exist; another address is the admin's to read.
  expect((await other.api.get(`/api/demo/mailbox/${withFile.id}`)).status).toBe(404);
  expect((await other.api.get('/api/demo/mailbox')).body.items).toHaveLength(1);
  expect((await other.api.get('/api/demo/mailbox?address=clerk@example.test')).status).toBe(403);
  const asAdmin = await t.admin.api.get('/api/demo/mailbox?address=clerk@example.test');
  expect(asAdmin.body.items).toHaveLength(3);
  expect((await t.admin.api.get(`/api/demo/mailbox/${withFile.id}`)).status).toBe(200);
  const addresses = await t.admin.api.get('/api/demo/mailbox/addresses');
  expect(addresses.body).toEqual([
    { address: 'clerk@example.test', messages: 3, latestReceivedAt: expect.any(String) },
    { address: 'other@example.test', messages: 1, latestReceivedAt: expect.any(String) },
  ]);
  expect((await clerk.api.get('/api/demo/mailbox/addresses')).status).toBe(403);
  for (const path of ['', '/addresses', `/${withFile.id}`, `/${withFile.id}/raw`, `/${withFile.id}/html`])
    expect((await t.anon.get(`/api/demo/mailbox${path}`)).status).toBe(401);
  expect((await t.anon.get(`/api/demo/mailbox/${withFile.id}/attachments/1`)).status).toBe(401);
});

test('the mailbox survives a restart: reopened from its folder, it lists the same and numbers on', async () => {
  const again = await openDemoMailbox(mailbox.dir);
  expect(again.list('clerk@example.test', { limit: 10 }).map((m) => m.subject)).toEqual(
    mailbox.list('clerk@example.test', { limit: 10 }).map((m) => m.subject),
  );
  const stored = await again.store(Buffer.from('Subject: again\r\nTo: clerk@example.test\r\n\r\nhi\r\n'), {
    from: null,
    to: ['clerk@example.test'],
  });
  expect(stored.id).toBe(5);
  expect((await again.get(5))?.text.trim()).toBe('hi');
});

test('without the demo the mailbox routes do not exist, nor are they documented', async () => {
  const plain = await startTestApp();
  try {
    expect((await plain.admin.api.get('/api/demo/mailbox')).status).toBe(404);
    const doc = await plain.anon.get('/api/openapi.json');
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/demo'))).toEqual([]);
  } finally {
    await plain.close();
  }
  const doc = await t.anon.get('/api/openapi.json');
  expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/demo'))).toHaveLength(6);
});
