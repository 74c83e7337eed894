import { z } from 'zod';
import { idParamSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { listDemoMail, listDemoMailAddresses, type DemoMailDeps } from '../../workflow/demo/list-demo-mail';
import { readDemoMail, readDemoMailAttachment, readDemoMailRaw } from '../../workflow/demo/read-demo-mail';
import type { RouteRegistry } from '../registry';
import { pageQuery } from '../schemas';

/**
 * `/api/demo/mailbox`: the emails the demo sent, as its own SMTP receiver caught them. Declared only by
 * `npm run demo` without SMTP_URL (src/demo/demo-services.ts); anywhere else these routes do not exist
 * and are not in the OpenAPI document. Outside `src/http/routes/` because the web process
 * (src/server.ts) does not serve them: the authorization matrix covers what it serves, and
 * test/integration/demo/demo-mailbox.test.ts covers who reads what here.
 */

const id = idParamSchema;

const summarySchema = z
  .object({
    id: z.number().int(),
    receivedAt: z.string().describe('when the demo mailbox accepted it'),
    from: z.string().describe('the From header, as displayed'),
    to: z.array(z.string()).describe("the To header's addresses"),
    subject: z.string(),
    date: z.string().nullable().describe('the Date header'),
    messageId: z.string().nullable().describe('with angle brackets'),
    size: z.number().int().describe('bytes of the raw message'),
    hasHtml: z.boolean(),
    attachmentCount: z.number().int(),
  })
  .meta({ id: 'DemoMailSummary' });

const attachmentSchema = z.object({
  index: z.number().int().describe('1-based; GET …/attachments/{index} returns the bytes'),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  contentId: z.string().nullable().describe('for inline parts the HTML references as cid:…'),
  inline: z.boolean(),
});

const mailSchema = summarySchema
  .extend({
    envelope: z
      .object({ from: z.string().nullable(), to: z.array(z.string()) })
      .describe('SMTP MAIL FROM and RCPT TO: who it was delivered to'),
    cc: z.array(z.string()),
    text: z.string(),
    html: z.string().nullable().describe('as sent: show it sandboxed (it is the email, not this app)'),
    attachments: z.array(attachmentSchema),
  })
  .meta({ id: 'DemoMail' });

export function registerDemoMailboxRoutes(registry: RouteRegistry, deps: DemoMailDeps): void {
  const tags = ['demo mailbox'];
  registry.add({
    method: 'get',
    path: '/api/demo/mailbox',
    summary: "The caller's demo mailbox, newest first",
    description:
      "Demo only. The emails delivered to the caller's address; the admin may pass `address` to read another (a unit's own address, the province board's).",
    tags,
    auth: 'user',
    query: z.object({ ...pageQuery, address: z.string().max(320).optional() }),
    responses: {
      200: z.object({
        address: z.string(),
        items: z.array(summarySchema),
        nextCursor: z.string().nullable(),
      }),
    },
    handler: ({ actor, query }) => listDemoMail(deps, actor, query),
  });
  registry.add({
    method: 'get',
    path: '/api/demo/mailbox/addresses',
    summary: 'Every address the demo sent mail to',
    description: 'Demo only.',
    tags,
    auth: ['admin'],
    responses: {
      200: z.array(
        z.object({ address: z.string(), messages: z.number().int(), latestReceivedAt: z.string() }),
      ),
    },
    handler: ({ actor }) => listDemoMailAddresses(deps, actor),
  });
  registry.add({
    method: 'get',
    path: '/api/demo/mailbox/:id',
    summary: 'One message: headers, text, HTML, attachments',
    description: 'Demo only.',
    tags,
    auth: 'user',
    params: z.object({ id }),
    responses: { 200: mailSchema },
    handler: ({ actor, params }) => readDemoMail(deps, actor, params.id),
  });
  registry.add({
    method: 'get',
    path: '/api/demo/mailbox/:id/raw',
    summary: 'The message as sent (RFC 822, .eml)',
    description: 'Demo only.',
    tags,
    auth: 'user',
    params: z.object({ id }),
    responses: { 200: { description: 'the message', binary: true, contentType: 'message/rfc822' } },
    handler: async ({ actor, params, res }) => {
      const raw = await readDemoMailRaw(deps, actor, params.id);
      res.setHeader('Content-Type', 'message/rfc822');
      res.setHeader('Content-Disposition', `attachment; filename="message-${params.id}.eml"`);
      res.end(raw);
      return undefined;
    },
  });
  registry.add({
    method: 'get',
    path: '/api/demo/mailbox/:id/html',
    summary: 'The HTML part alone, for an <iframe>',
    description:
      'Demo only. Served sandboxed (CSP `sandbox`, no scripts, no requests out), framable by this site only.',
    tags,
    auth: 'user',
    params: z.object({ id }),
    responses: { 200: { description: 'the HTML as sent', binary: true, contentType: 'text/html' } },
    handler: async ({ actor, params, res }) => {
      const mail = await readDemoMail(deps, actor, params.id);
      if (mail.html === null) throw new AppError('NOT_FOUND', `message ${params.id} has no HTML part`);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader(
        'Content-Security-Policy',
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      );
      res.end(mail.html);
      return undefined;
    },
  });
  registry.add({
    method: 'get',
    path: '/api/demo/mailbox/:id/attachments/:index',
    summary: "An attachment's bytes",
    description: 'Demo only.',
    tags,
    auth: 'user',
    params: z.object({ id, index: id }),
    responses: { 200: { description: 'the file', binary: true, contentType: 'application/octet-stream' } },
    handler: async ({ actor, params, res }) => {
      const { meta, content } = await readDemoMailAttachment(deps, actor, params.id, params.index);
      res.setHeader('Content-Type', meta.contentType);
      res.setHeader('Content-Length', String(content.length));
      const name = meta.filename ?? `attachment-${meta.index}`;
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.setHeader('X-Content-SHA256', meta.sha256);
      res.end(content);
      return undefined;
    },
  });
}
