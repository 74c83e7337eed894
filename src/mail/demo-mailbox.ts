import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';

/**
 * The demo's mailbox: every message its SMTP receiver (demo-smtp.ts) accepted, kept as sent, under
 * `DATA_DIR/mailbox/` so that it survives a restart. One folder per message, named by its number:
 *
 *     mailbox/000042/message.eml       the raw RFC 822 message, byte for byte
 *     mailbox/000042/message.json      what was parsed from it (CaughtMail)
 *     mailbox/000042/attachments/1     each attachment's bytes, by index (1, 2, …)
 *
 * A message is written into a temporary folder and renamed into place, so a crash never leaves half of
 * one. Nothing is deduplicated: a message delivered twice is here twice, as in a real mailbox.
 * Exists only in the demo; outside it nothing opens this folder.
 */

export interface CaughtAttachment {
  /** 1-based, in the order of the message. */
  index: number;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  /** For inline parts referenced from the HTML as `cid:…`. */
  contentId: string | null;
  inline: boolean;
}

export interface CaughtMailSummary {
  id: number;
  /** When the receiver accepted it (ISO 8601). */
  receivedAt: string;
  /** The From header, as displayed (`"Name" <addr>`). */
  from: string;
  /** The To header's addresses. */
  to: string[];
  subject: string;
  /** The Date header (ISO 8601), if any. */
  date: string | null;
  /** With angle brackets, as in the header. */
  messageId: string | null;
  /** Size of the raw message in bytes. */
  size: number;
  hasHtml: boolean;
  attachmentCount: number;
}

export interface CaughtMail extends CaughtMailSummary {
  /** SMTP envelope: MAIL FROM and RCPT TO (who it was delivered to, Bcc included). */
  envelope: { from: string | null; to: string[] };
  cc: string[];
  text: string;
  html: string | null;
  attachments: CaughtAttachment[];
}

export interface DemoMailbox {
  readonly dir: string;
  /** Parses and stores one message; resolves once it is on disk. */
  store(raw: Buffer, envelope: { from: string | null; to: string[] }): Promise<CaughtMailSummary>;
  /** Messages delivered to `address` (envelope recipient, any case), newest first, ids below `beforeId`. */
  list(address: string, page: { limit: number; beforeId?: number | undefined }): CaughtMailSummary[];
  /** Every recipient address with its message count and latest message, most recent first. */
  addresses(): Array<{ address: string; messages: number; latestReceivedAt: string }>;
  get(id: number): Promise<CaughtMail | null>;
  raw(id: number): Promise<Buffer | null>;
  attachment(id: number, index: number): Promise<{ meta: CaughtAttachment; content: Buffer } | null>;
}

interface Indexed {
  summary: CaughtMailSummary;
  recipients: string[];
}

const NAME = /^\d{6,}$/;
const folderOf = (id: number) => String(id).padStart(6, '0');
const lower = (a: string) => a.trim().toLowerCase();

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const out: string[] = [];
  for (const o of field === undefined ? [] : Array.isArray(field) ? field : [field])
    for (const v of o.value) {
      if (v.address) out.push(v.address);
      for (const g of v.group ?? []) if (g.address) out.push(g.address);
    }
  return out;
}

const summaryOf = (m: CaughtMail): CaughtMailSummary => ({
  id: m.id,
  receivedAt: m.receivedAt,
  from: m.from,
  to: m.to,
  subject: m.subject,
  date: m.date,
  messageId: m.messageId,
  size: m.size,
  hasHtml: m.hasHtml,
  attachmentCount: m.attachmentCount,
});

/** Opens (creating it if needed) the mailbox folder and indexes what it holds. */
export async function openDemoMailbox(dir: string): Promise<DemoMailbox> {
  await mkdir(dir, { recursive: true });
  const index = new Map<number, Indexed>();
  for (const name of await readdir(dir)) {
    if (name.startsWith('.tmp-')) {
      await rm(join(dir, name), { recursive: true, force: true });
      continue;
    }
    if (!NAME.test(name)) continue;
    try {
      const m = JSON.parse(await readFile(join(dir, name, 'message.json'), 'utf8')) as CaughtMail;
      index.set(m.id, { summary: summaryOf(m), recipients: m.envelope.to.map(lower) });
    } catch {
      // A folder without its description was not written by us: leave it alone.
    }
  }
  let nextId = Math.max(0, ...index.keys()) + 1;
  const sortedDesc = () => [...index.values()].sort((a, b) => b.summary.id - a.summary.id);
  const safeId = (id: number) => Number.isInteger(id) && id > 0 && index.has(id);
  const get = async (id: number): Promise<CaughtMail | null> => {
    if (!safeId(id)) return null;
    return JSON.parse(await readFile(join(dir, folderOf(id), 'message.json'), 'utf8')) as CaughtMail;
  };

  return {
    dir,
    async store(raw, envelope) {
      const id = nextId++;
      const parsed = await simpleParser(raw);
      const html = typeof parsed.html === 'string' ? parsed.html : null;
      const attachments: CaughtAttachment[] = parsed.attachments.map((a, i) => ({
        index: i + 1,
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.content.length,
        sha256: createHash('sha256').update(a.content).digest('hex'),
        contentId: a.contentId ?? null,
        inline: a.contentDisposition === 'inline',
      }));
      const mail: CaughtMail = {
        id,
        receivedAt: new Date().toISOString(),
        from: parsed.from?.text ?? '',
        to: addresses(parsed.to),
        subject: parsed.subject ?? '',
        date: parsed.date ? parsed.date.toISOString() : null,
        messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, '')}>` : null,
        size: raw.length,
        hasHtml: html !== null,
        attachmentCount: attachments.length,
        envelope: { from: envelope.from, to: envelope.to },
        cc: addresses(parsed.cc),
        text: parsed.text ?? '',
        html,
        attachments,
      };
      const tmp = join(dir, `.tmp-${folderOf(id)}-${randomBytes(4).toString('hex')}`);
      await mkdir(join(tmp, 'attachments'), { recursive: true });
      await writeFile(join(tmp, 'message.eml'), raw);
      for (const [i, a] of parsed.attachments.entries())
        await writeFile(join(tmp, 'attachments', String(i + 1)), a.content);
      await writeFile(join(tmp, 'message.json'), `${JSON.stringify(mail, null, 2)}\n`);
      await rename(tmp, join(dir, folderOf(id)));
      const summary = summaryOf(mail);
      index.set(id, { summary, recipients: envelope.to.map(lower) });
      return summary;
    },
    list(address, page) {
      const who = lower(address);
      const out: CaughtMailSummary[] = [];
      for (const m of sortedDesc()) {
        if (page.beforeId !== undefined && m.summary.id >= page.beforeId) continue;
        if (!m.recipients.includes(who)) continue;
        out.push(m.summary);
        if (out.length >= page.limit) break;
      }
      return out;
    },
    addresses() {
      const by = new Map<string, { address: string; messages: number; latestReceivedAt: string }>();
      for (const m of sortedDesc())
        for (const r of new Set(m.recipients)) {
          const e = by.get(r);
          if (e) e.messages++;
          else by.set(r, { address: r, messages: 1, latestReceivedAt: m.summary.receivedAt });
        }
      return [...by.values()];
    },
    get,
    async raw(id) {
      if (!safeId(id)) return null;
      return readFile(join(dir, folderOf(id), 'message.eml'));
    },
    async attachment(id, i) {
      const m = await get(id);
      const meta = m?.attachments.find((a) => a.index === i);
      if (!meta) return null;
      return { meta, content: await readFile(join(dir, folderOf(id), 'attachments', String(i))) };
    },
  };
}

/** Whether a message was delivered to `address` (one of its envelope recipients). */
export const deliveredTo = (m: Pick<CaughtMail, 'envelope'>, address: string): boolean =>
  m.envelope.to.some((a) => lower(a) === lower(address));
