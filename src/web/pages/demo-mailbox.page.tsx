import type { Router } from 'express';
import { z } from 'zod';
import { idParamSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { listDemoMail, listDemoMailAddresses, type DemoMailDeps } from '../../workflow/demo/list-demo-mail';
import { readDemoMail } from '../../workflow/demo/read-demo-mail';
import { Button, Pagination, Select, SummaryList, Table } from '../components';
import type { WebDeps } from '../deps';
import { formatDateTime } from '../format';
import { type LayoutData, page, type PageContext, requireUser } from '../page';

/**
 * "Hộp thư thử nghiệm" (the demo only: registered when the demo caught its own mail): each demo user
 * reads the emails delivered to them as they were sent — the list, then one message with its headers,
 * its HTML (in a sandboxed frame served by `/api/demo/mailbox/:id/html`: the email's own markup never
 * runs in this page), its text and its attachments. The admin may pick any address that received mail.
 * The reading rules are the use cases' (src/workflow/demo): a message one did not receive is 404.
 */
export const DEMO_MAILBOX_PATH = '/demo/mailbox';
const PAGE_SIZE = 20;

const listQuery = z.object({
  address: z.string().trim().max(320).optional(),
  cursor: z.string().max(100).optional(),
});
const idParam = idParamSchema;

const numberIn = (ctx: PageContext, n: number) => new Intl.NumberFormat(ctx.m.lang.intl).format(n);

function AddressPicker({ ctx, deps, address }: { ctx: PageContext; deps: DemoMailDeps; address: string }) {
  const { actor } = requireUser(ctx);
  const known = listDemoMailAddresses(deps, actor).map((a) => a.address);
  const items = [...new Set([address, ...known])].map((a) => ({
    value: a,
    text: a,
    selected: a === address,
  }));
  return (
    <form method="get" action={DEMO_MAILBOX_PATH} class="app-actions" novalidate>
      <Select
        id="address"
        name="address"
        label={{ text: ctx.m.demoMail.addressLabel }}
        hint={{ text: ctx.m.demoMail.addressHint }}
        items={items}
        formGroup={{ classes: 'govuk-!-margin-bottom-0' }}
      />
      <Button text={ctx.m.demoMail.show} classes="govuk-button--secondary app-align-end" />
    </form>
  );
}

export function registerDemoMailbox(
  router: Router,
  deps: WebDeps,
  layoutData: (ctx: PageContext) => Promise<LayoutData>,
): void {
  const mail = deps.demoMail;
  if (!mail) return;

  router.get(
    DEMO_MAILBOX_PATH,
    page(deps, layoutData, async (ctx) => {
      const { actor } = requireUser(ctx);
      const m = ctx.m.demoMail;
      const q = listQuery.safeParse(ctx.req.query);
      const query = q.success ? q.data : {};
      const list = await listDemoMail(mail, actor, {
        limit: PAGE_SIZE,
        cursor: query.cursor,
        address: query.address || undefined,
      });
      const isAdmin = actor.roles.includes('admin');
      const here = (extra: Record<string, string>) => {
        const p = new URLSearchParams(isAdmin ? { address: list.address, ...extra } : extra);
        const s = p.toString();
        return s ? `${DEMO_MAILBOX_PATH}?${s}` : DEMO_MAILBOX_PATH;
      };
      const readLink = (id: number) =>
        isAdmin
          ? `${DEMO_MAILBOX_PATH}/${id}?${new URLSearchParams({ address: list.address })}`
          : `${DEMO_MAILBOX_PATH}/${id}`;
      return {
        title: m.title,
        nav: 'demoMail',
        body: (
          <>
            <h1 class="govuk-heading-l">{m.title}</h1>
            <p class="govuk-body">{m.intro(list.address)}</p>
            {isAdmin ? <AddressPicker ctx={ctx} deps={mail} address={list.address} /> : null}
            {list.items.length === 0 ? (
              <p class="govuk-body">{m.empty}</p>
            ) : (
              <Table
                caption={m.caption}
                captionClasses="govuk-visually-hidden"
                head={[
                  { text: m.received },
                  { text: m.from },
                  { text: m.subject },
                  { text: m.attachments, format: 'numeric' },
                ]}
                rows={list.items.map((i) => [
                  {
                    children: (
                      <time datetime={i.receivedAt}>{formatDateTime(i.receivedAt, ctx.timeZone)}</time>
                    ),
                  },
                  { text: i.from, classes: 'app-wrap' },
                  {
                    classes: 'app-wrap',
                    children: (
                      <a class="govuk-link" href={readLink(i.id)}>
                        {i.subject || m.noSubject}
                      </a>
                    ),
                  },
                  { text: i.attachmentCount, format: 'numeric' },
                ])}
              />
            )}
            <Pagination
              previous={query.cursor ? { href: here({}), text: m.newer } : undefined}
              next={list.nextCursor ? { href: here({ cursor: list.nextCursor }), text: m.older } : undefined}
            />
          </>
        ),
      };
    }),
  );

  router.get(
    `${DEMO_MAILBOX_PATH}/:id`,
    page(deps, layoutData, async (ctx) => {
      const { actor } = requireUser(ctx);
      const m = ctx.m.demoMail;
      const id = idParam.safeParse(ctx.req.params.id);
      if (!id.success) throw new AppError('NOT_FOUND', 'no such message');
      const msg = await readDemoMail(mail, actor, id.data);
      const api = `/api/demo/mailbox/${msg.id}`;
      const q = listQuery.safeParse(ctx.req.query);
      const backAddress = q.success && actor.roles.includes('admin') ? q.data.address : undefined;
      const subject = msg.subject || m.noSubject;
      return {
        title: `${subject} – ${m.title}`,
        nav: 'demoMail',
        backLink: {
          href: backAddress
            ? `${DEMO_MAILBOX_PATH}?${new URLSearchParams({ address: backAddress })}`
            : DEMO_MAILBOX_PATH,
          text: m.back,
        },
        body: (
          <>
            <h1 class="govuk-heading-l app-wrap">{subject}</h1>
            <SummaryList
              rows={[
                { key: { text: m.from }, value: { text: msg.from, classes: 'app-wrap' } },
                { key: { text: m.to }, value: { text: msg.to.join(', '), classes: 'app-wrap' } },
                {
                  key: { text: m.deliveredTo },
                  value: { text: msg.envelope.to.join(', '), classes: 'app-wrap' },
                },
                {
                  key: { text: m.date },
                  value: {
                    children: (
                      <time datetime={msg.date ?? msg.receivedAt}>
                        {formatDateTime(msg.date ?? msg.receivedAt, ctx.timeZone)}
                      </time>
                    ),
                  },
                },
                msg.messageId
                  ? { key: { text: m.messageId }, value: { text: msg.messageId, classes: 'app-wrap' } }
                  : null,
                { key: { text: m.size }, value: { text: m.bytes(numberIn(ctx, msg.size)) } },
              ]}
            />
            {msg.html !== null ? (
              <>
                <h2 class="govuk-heading-m">{m.html}</h2>
                <iframe class="app-mail-frame" src={`${api}/html`} title={m.htmlFrame(subject)} sandbox="" />
              </>
            ) : null}
            <h2 class="govuk-heading-m">{m.text}</h2>
            <pre class="app-mail-text">{msg.text}</pre>
            <h2 class="govuk-heading-m">{m.attachments}</h2>
            {msg.attachments.length === 0 ? (
              <p class="govuk-body">{m.noAttachments}</p>
            ) : (
              <ul class="govuk-list govuk-list--bullet">
                {msg.attachments.map((a) => (
                  <li class="app-wrap">
                    <a class="govuk-link" href={`${api}/attachments/${a.index}`} download={a.filename ?? ''}>
                      {a.filename ?? `${a.index}`}
                    </a>{' '}
                    <span class="govuk-hint govuk-!-display-inline">
                      ({a.contentType}, {m.bytes(numberIn(ctx, a.size))})
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <p class="govuk-body">
              <a class="govuk-link" href={`${api}/raw`}>
                {m.raw}
              </a>
            </p>
          </>
        ),
      };
    }),
  );
}
