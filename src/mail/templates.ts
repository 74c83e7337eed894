import { z } from 'zod';
import { defaultTimeZone, escapeHtml, formatDueAt, safeHref, type NoticeLocale } from './format';

export type { NoticeLocale } from './format';

/** Every email the product sends (DOMAIN.md "Notifications"). */
export const noticeTemplates = [
  'dossier.submitted',
  'dossier.resubmitted',
  'dossier.received',
  'dossier.returned',
  'dossier.lapsed',
  'nomination.rejected',
  'nomination.awarded',
  'nomination.revoked',
  'deadline.reminder',
  'deadline.passed',
  'campaign.opened',
  'campaign.reminder',
  'submission.signed',
  'digest.daily',
] as const;
export type NoticeTemplate = (typeof noticeTemplates)[number];
export const isNoticeTemplate = (s: string): s is NoticeTemplate =>
  (noticeTemplates as readonly string[]).includes(s);

export const noticeLocales = ['vi', 'en'] as const;
export const noticeLocaleSchema = z.enum(noticeLocales);

const recordTypes = ['campaign', 'dossier', 'nomination', 'decision', 'submission'] as const;
export type NoticeRecordType = (typeof recordTypes)[number];

const isoInstant = z.iso.datetime({ offset: true });

export const digestItemSchema = z.object({
  recordType: z.enum(recordTypes),
  recordId: z.number().int(),
  title: z.string(),
  state: z.string(),
  dueAt: isoInstant.optional(),
  overdue: z.boolean(),
  link: z.string(),
});
export type DigestItem = z.infer<typeof digestItemSchema>;

/**
 * What the engine stores in `notices.data` and the templates read. Everything a template needs is here,
 * captured when the event happened (a renamed unit or record does not rewrite a notice already queued).
 * `recordType: 'digest'` is the daily digest, which is about no single record (its `recordId` is the
 * digest's date as `YYYYMMDD`).
 */
export const noticeDataSchema = z.object({
  recordType: z.enum([...recordTypes, 'digest']),
  recordId: z.number().int(),
  recordTitle: z.string(),
  unitName: z.string().optional(),
  campaignTitle: z.string().optional(),
  reason: z.string().optional(),
  dueAt: isoInstant.optional(),
  decisionNumber: z.string().optional(),
  /** receipt | supplement | appraisal | directorReview | provinceResponse | notice | nomination */
  deadlineKind: z.string().optional(),
  link: z.string(),
  recipientName: z.string().optional(),
  items: z.array(digestItemSchema).optional(),
  /** A campaign reminder: working days left to the nomination deadline (today included). */
  daysLeft: z.number().int().min(0).optional(),
  /** A campaign reminder: what the late unit's dossier still lacks. */
  missing: z.array(z.string()).optional(),
});
export type NoticeData = z.infer<typeof noticeDataSchema>;

export interface RenderedNotice {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  /** Business time zone for due dates (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
  /** Digest rows shown per group before "and N more". */
  maxItemsPerGroup?: number;
}

type L = Record<NoticeLocale, string>;

const recordNames: Record<NoticeRecordType, L> = {
  campaign: { vi: 'Phong trào thi đua', en: 'Campaign' },
  dossier: { vi: 'Hồ sơ đề nghị khen thưởng', en: 'Dossier' },
  nomination: { vi: 'Đề nghị khen thưởng', en: 'Nomination' },
  decision: { vi: 'Quyết định khen thưởng', en: 'Decision' },
  submission: { vi: 'Tờ trình', en: 'Submission' },
};

/** Deadline kinds: the name of the step and what whoever must act has to do. */
const deadlineKinds: Record<string, { name: L; todo: L }> = {
  receipt: {
    name: { vi: 'tiếp nhận hồ sơ', en: 'receipt of the dossier' },
    todo: {
      vi: 'Kiểm tra hồ sơ, tiếp nhận hoặc trả lại để đơn vị bổ sung.',
      en: 'Check the dossier, then receive it or return it to the unit for supplements.',
    },
  },
  supplement: {
    name: { vi: 'bổ sung hồ sơ', en: 'supplementing the dossier' },
    todo: {
      vi: 'Bổ sung hồ sơ theo yêu cầu của Văn phòng Sở và nộp lại.',
      en: 'Supplement the dossier as the department office asked and resubmit it.',
    },
  },
  appraisal: {
    name: { vi: 'thẩm định', en: 'appraisal' },
    todo: {
      vi: 'Thẩm định đề nghị: kết luận đủ hoặc không đủ điều kiện.',
      en: 'Appraise the nomination: eligible or not eligible.',
    },
  },
  directorReview: {
    name: { vi: 'Giám đốc xem xét, phê duyệt', en: "the director's review" },
    todo: {
      vi: 'Xem xét đề nghị: phê duyệt, không phê duyệt hoặc trả lại để thẩm định lại.',
      en: 'Review the nomination: approve, reject or send it back for appraisal.',
    },
  },
  provinceResponse: {
    name: { vi: 'tỉnh trả lời', en: "the province's answer" },
    todo: {
      vi: 'Liên hệ Ban Thi đua – Khen thưởng tỉnh và ghi nhận kết quả trên hệ thống.',
      en: "Contact the province's emulation and awards board and record its result.",
    },
  },
  notice: {
    name: { vi: 'công khai lấy ý kiến', en: 'public notice' },
    todo: {
      vi: 'Tổng hợp các ý kiến nhận được trong thời gian công khai để trình Hội đồng.',
      en: 'Collect the comments received during the notice period for the council.',
    },
  },
  nomination: {
    name: { vi: 'nộp hồ sơ đề nghị khen thưởng', en: 'submitting nominations' },
    todo: {
      vi: 'Hoàn thiện và nộp hồ sơ đề nghị khen thưởng của đơn vị.',
      en: "Complete and submit your unit's dossier.",
    },
  },
};

/** Human name of a deadline kind (`receipt` → "tiếp nhận hồ sơ" / "receipt of the dossier"). */
export function deadlineKindName(kind: string | undefined, locale: NoticeLocale): string {
  if (!kind) return locale === 'vi' ? 'xử lý' : 'action';
  return deadlineKinds[kind]?.name[locale] ?? kind;
}

/** Digest groups: what is waiting, by record type and state. */
const waitingLabels: Record<string, L> = {
  'dossier/submitted': { vi: 'Hồ sơ chờ tiếp nhận', en: 'Dossiers awaiting receipt' },
  'nomination/appraisal': { vi: 'Đề nghị chờ thẩm định', en: 'Nominations awaiting appraisal' },
  'nomination/publicNotice': { vi: 'Đề nghị đang công khai lấy ý kiến', en: 'Nominations in public notice' },
  'nomination/councilReview': {
    vi: 'Đề nghị chờ Hội đồng xét',
    en: "Nominations awaiting the council's vote",
  },
  'nomination/directorReview': {
    vi: 'Đề nghị chờ Giám đốc phê duyệt',
    en: "Nominations awaiting the director's review",
  },
  'decision/draft': { vi: 'Quyết định đang soạn thảo', en: 'Draft decisions' },
  'decision/awaitingSignature': { vi: 'Quyết định chờ ký', en: 'Decisions awaiting signature' },
  'submission/draft': { vi: 'Tờ trình đang soạn thảo', en: 'Draft submissions' },
  'submission/awaitingSignature': { vi: 'Tờ trình chờ ký', en: 'Submissions awaiting signature' },
};

const ui = {
  vi: {
    prefix: '[Thi đua – Khen thưởng]',
    greeting: (name?: string) => (name ? `Kính gửi ${name},` : 'Kính gửi anh/chị,'),
    whatToDo: 'Việc cần làm',
    by: 'Thời hạn',
    pastDue: 'Hạn đã qua',
    open: 'Mở trên hệ thống',
    footer: 'Thư tự động từ hệ thống Thi đua – Khen thưởng (Accolade). Vui lòng không trả lời thư này.',
    unit: 'Đơn vị',
    campaign: 'Phong trào',
    reason: 'Lý do',
    decisionNumber: 'Số quyết định',
    documentNumber: 'Số văn bản',
    deadline: 'Hạn',
    due: 'hạn',
    overdue: 'QUÁ HẠN',
    more: (n: number) => `… và ${n} mục khác`,
    none: 'Không có việc nào đang chờ.',
  },
  en: {
    prefix: '[Accolade]',
    greeting: (name?: string) => (name ? `Dear ${name},` : 'Hello,'),
    whatToDo: 'What to do',
    by: 'By',
    pastDue: 'The deadline was',
    open: 'Open in Accolade',
    footer: 'An automatic message from Accolade (emulation and awards). Please do not reply.',
    unit: 'Unit',
    campaign: 'Campaign',
    reason: 'Reason',
    decisionNumber: 'Decision number',
    documentNumber: 'Document number',
    deadline: 'Deadline',
    due: 'due',
    overdue: 'OVERDUE',
    more: (n: number) => `… and ${n} more`,
    none: 'Nothing is waiting.',
  },
} as const;

/** The parts of an email, as plain text; the layout escapes them once, in one place. */
interface Content {
  subject: string;
  lead: string;
  facts: Array<[string, string]>;
  action?: string;
  due?: string;
  /** Shown before `due` instead of "by" (for a deadline already past). */
  dueLabel?: string;
  note?: string;
  groups?: Array<{ label: string; rows: DigestItem[]; more: number }>;
}

const q = (s: string): string => `“${s}”`;

type Compose = (d: NoticeData, loc: NoticeLocale, due: string | undefined) => Content;

function facts(
  d: NoticeData,
  loc: NoticeLocale,
  ...keys: Array<'unit' | 'campaign' | 'reason'>
): Array<[string, string]> {
  const t = ui[loc];
  const out: Array<[string, string]> = [];
  for (const k of keys) {
    if (k === 'unit' && d.unitName) out.push([t.unit, d.unitName]);
    if (k === 'campaign' && d.campaignTitle) out.push([t.campaign, d.campaignTitle]);
    if (k === 'reason' && d.reason) out.push([t.reason, d.reason]);
  }
  return out;
}

const recordName = (d: NoticeData, loc: NoticeLocale): string =>
  d.recordType === 'digest' ? '' : recordNames[d.recordType][loc];

const composers: Record<NoticeTemplate, Record<NoticeLocale, Compose>> = {
  'dossier.submitted': {
    vi: (d) => ({
      subject: `Hồ sơ mới chờ tiếp nhận: ${d.recordTitle}`,
      lead: `${d.unitName ?? 'Một đơn vị'} đã nộp hồ sơ đề nghị khen thưởng ${q(d.recordTitle)}.`,
      facts: facts(d, 'vi', 'unit', 'campaign'),
      action: deadlineKinds.receipt!.todo.vi,
    }),
    en: (d) => ({
      subject: `New dossier awaiting receipt: ${d.recordTitle}`,
      lead: `${d.unitName ?? 'A unit'} submitted the dossier ${q(d.recordTitle)}.`,
      facts: facts(d, 'en', 'unit', 'campaign'),
      action: deadlineKinds.receipt!.todo.en,
    }),
  },
  'dossier.resubmitted': {
    vi: (d) => ({
      subject: `Hồ sơ đã bổ sung, nộp lại: ${d.recordTitle}`,
      lead: `${d.unitName ?? 'Đơn vị'} đã bổ sung và nộp lại hồ sơ ${q(d.recordTitle)}.`,
      facts: facts(d, 'vi', 'unit', 'campaign'),
      action: deadlineKinds.receipt!.todo.vi,
    }),
    en: (d) => ({
      subject: `Dossier resubmitted with supplements: ${d.recordTitle}`,
      lead: `${d.unitName ?? 'The unit'} supplemented and resubmitted the dossier ${q(d.recordTitle)}.`,
      facts: facts(d, 'en', 'unit', 'campaign'),
      action: deadlineKinds.receipt!.todo.en,
    }),
  },
  'dossier.received': {
    vi: (d) => ({
      subject: `Hồ sơ đã được tiếp nhận: ${d.recordTitle}`,
      lead: `Văn phòng Sở đã tiếp nhận hồ sơ ${q(d.recordTitle)}. Các đề nghị trong hồ sơ được chuyển sang thẩm định.`,
      facts: facts(d, 'vi', 'unit', 'campaign'),
      action: 'Đơn vị không cần thao tác thêm; theo dõi kết quả thẩm định trên hệ thống.',
    }),
    en: (d) => ({
      subject: `Dossier received: ${d.recordTitle}`,
      lead: `The department office received the dossier ${q(d.recordTitle)}. Its nominations now go to appraisal.`,
      facts: facts(d, 'en', 'unit', 'campaign'),
      action: 'Nothing to do for now; follow the appraisal in Accolade.',
    }),
  },
  'dossier.returned': {
    vi: (d) => ({
      subject: `Hồ sơ bị trả lại để bổ sung: ${d.recordTitle}`,
      lead: `Văn phòng Sở đã trả lại hồ sơ ${q(d.recordTitle)} để đơn vị bổ sung.`,
      facts: facts(d, 'vi', 'reason', 'campaign'),
      action: `${deadlineKinds.supplement!.todo.vi} Quá hạn mà chưa nộp lại, hồ sơ sẽ hết hiệu lực.`,
    }),
    en: (d) => ({
      subject: `Dossier returned for supplements: ${d.recordTitle}`,
      lead: `The department office returned the dossier ${q(d.recordTitle)} for supplements.`,
      facts: facts(d, 'en', 'reason', 'campaign'),
      action: `${deadlineKinds.supplement!.todo.en} If it is not resubmitted in time, the dossier lapses.`,
    }),
  },
  'dossier.lapsed': {
    vi: (d) => ({
      subject: `Hồ sơ hết hạn bổ sung: ${d.recordTitle}`,
      lead: `Hồ sơ ${q(d.recordTitle)} không được bổ sung trong thời hạn nên đã hết hiệu lực; các đề nghị trong hồ sơ không được xem xét.`,
      facts: facts(d, 'vi', 'campaign', 'reason'),
      dueLabel: ui.vi.pastDue,
      action: 'Nếu vẫn đề nghị khen thưởng, liên hệ Văn phòng Sở hoặc lập hồ sơ mới khi phong trào còn mở.',
    }),
    en: (d) => ({
      subject: `Dossier lapsed: ${d.recordTitle}`,
      lead: `The dossier ${q(d.recordTitle)} was not supplemented in time and has lapsed; its nominations will not be considered.`,
      facts: facts(d, 'en', 'campaign', 'reason'),
      dueLabel: ui.en.pastDue,
      action:
        'To propose these awards still, contact the department office or file a new dossier while the campaign is open.',
    }),
  },
  'nomination.rejected': {
    vi: (d) => ({
      subject: `Đề nghị khen thưởng không được chấp thuận: ${d.recordTitle}`,
      lead: `Đề nghị khen thưởng ${q(d.recordTitle)} không được chấp thuận.`,
      facts: facts(d, 'vi', 'reason', 'unit', 'campaign'),
      action: 'Xem lý do; nếu có căn cứ để xem xét lại, liên hệ Văn phòng Sở.',
    }),
    en: (d) => ({
      subject: `Nomination rejected: ${d.recordTitle}`,
      lead: `The nomination ${q(d.recordTitle)} was rejected.`,
      facts: facts(d, 'en', 'reason', 'unit', 'campaign'),
      action: 'Read the reason; if there are grounds to reconsider, contact the department office.',
    }),
  },
  'nomination.awarded': {
    vi: (d) => ({
      subject: `Đã được khen thưởng: ${d.recordTitle}${d.decisionNumber ? ` (QĐ số ${d.decisionNumber})` : ''}`,
      lead: `Đề nghị ${q(d.recordTitle)} đã được khen thưởng${d.decisionNumber ? ` theo Quyết định số ${d.decisionNumber}` : ''}.`,
      facts: [
        ...(d.decisionNumber ? ([[ui.vi.decisionNumber, d.decisionNumber]] as Array<[string, string]>) : []),
        ...facts(d, 'vi', 'unit', 'campaign'),
      ],
      action: 'Thông báo cho cá nhân, tập thể được khen thưởng; xem và tải quyết định trên hệ thống.',
    }),
    en: (d) => ({
      subject: `Awarded: ${d.recordTitle}${d.decisionNumber ? ` (decision ${d.decisionNumber})` : ''}`,
      lead: `The nomination ${q(d.recordTitle)} was awarded${d.decisionNumber ? ` by decision No. ${d.decisionNumber}` : ''}.`,
      facts: [
        ...(d.decisionNumber ? ([[ui.en.decisionNumber, d.decisionNumber]] as Array<[string, string]>) : []),
        ...facts(d, 'en', 'unit', 'campaign'),
      ],
      action: 'Tell the awarded person or collective; the decision can be read and downloaded in Accolade.',
    }),
  },
  'nomination.revoked': {
    vi: (d) => ({
      subject: `Khen thưởng bị thu hồi: ${d.recordTitle}`,
      lead: `Khen thưởng đối với đề nghị ${q(d.recordTitle)}${d.decisionNumber ? ` (Quyết định số ${d.decisionNumber})` : ''} đã bị thu hồi.`,
      facts: facts(d, 'vi', 'reason', 'unit'),
      action: 'Xem lý do và thông báo cho cá nhân, tập thể liên quan.',
    }),
    en: (d) => ({
      subject: `Award revoked: ${d.recordTitle}`,
      lead: `The award for the nomination ${q(d.recordTitle)}${d.decisionNumber ? ` (decision No. ${d.decisionNumber})` : ''} was revoked.`,
      facts: facts(d, 'en', 'reason', 'unit'),
      action: 'Read the reason and tell the person or collective concerned.',
    }),
  },
  'deadline.reminder': {
    vi: (d, _l, due) => ({
      subject: `Sắp đến hạn ${deadlineKindName(d.deadlineKind, 'vi')}: ${d.recordTitle}`,
      lead: `${recordName(d, 'vi')} ${q(d.recordTitle)} sắp đến hạn ${deadlineKindName(d.deadlineKind, 'vi')}${due ? ` (${due})` : ''}.`,
      facts: facts(d, 'vi', 'unit', 'campaign'),
      action: kindTodo(d.deadlineKind, 'vi'),
    }),
    en: (d, _l, due) => ({
      subject: `Deadline approaching (${deadlineKindName(d.deadlineKind, 'en')}): ${d.recordTitle}`,
      lead: `The deadline for ${deadlineKindName(d.deadlineKind, 'en')} of the ${recordName(d, 'en').toLowerCase()} ${q(d.recordTitle)} is approaching${due ? ` (${due})` : ''}.`,
      facts: facts(d, 'en', 'unit', 'campaign'),
      action: kindTodo(d.deadlineKind, 'en'),
    }),
  },
  'deadline.passed': {
    vi: (d, _l, due) => ({
      subject: `Quá hạn ${deadlineKindName(d.deadlineKind, 'vi')}: ${d.recordTitle}`,
      lead: `${recordName(d, 'vi')} ${q(d.recordTitle)} đã quá hạn ${deadlineKindName(d.deadlineKind, 'vi')}${due ? ` (hạn: ${due})` : ''}.`,
      facts: facts(d, 'vi', 'unit', 'campaign'),
      action: `${kindTodo(d.deadlineKind, 'vi')} Đề nghị xử lý ngay.`,
      dueLabel: ui.vi.pastDue,
      note: 'Thư này cũng được gửi tới Ban Giám đốc để theo dõi, chỉ đạo.',
    }),
    en: (d, _l, due) => ({
      subject: `Overdue (${deadlineKindName(d.deadlineKind, 'en')}): ${d.recordTitle}`,
      lead: `The deadline for ${deadlineKindName(d.deadlineKind, 'en')} of the ${recordName(d, 'en').toLowerCase()} ${q(d.recordTitle)} has passed${due ? ` (it was ${due})` : ''}.`,
      facts: facts(d, 'en', 'unit', 'campaign'),
      action: `${kindTodo(d.deadlineKind, 'en')} Please act now.`,
      dueLabel: ui.en.pastDue,
      note: 'This email also goes to the director for follow-up.',
    }),
  },
  'campaign.opened': {
    vi: (d) => ({
      subject: `Phong trào thi đua đã mở: ${d.recordTitle}`,
      lead: `Phong trào ${q(d.recordTitle)} đã mở; các đơn vị có thể lập và nộp hồ sơ đề nghị khen thưởng.`,
      facts: facts(d, 'vi', 'unit'),
      action:
        'Lập hồ sơ đề nghị khen thưởng của đơn vị (tờ trình, biên bản họp, báo cáo thành tích, danh sách đề nghị) và nộp trước hạn.',
    }),
    en: (d) => ({
      subject: `Campaign open: ${d.recordTitle}`,
      lead: `The campaign ${q(d.recordTitle)} is open; units may now prepare and submit their dossiers.`,
      facts: facts(d, 'en', 'unit'),
      action:
        "Prepare your unit's dossier (cover letter, meeting minutes, achievement reports, list of nominations) and submit it before the deadline.",
    }),
  },
  'campaign.reminder': {
    vi: (d, _l, due) => ({
      subject: `Sắp hết hạn nộp hồ sơ: ${d.recordTitle}`,
      lead: `Phong trào ${q(d.recordTitle)} sắp hết hạn nộp hồ sơ${due ? ` (${due})` : ''}; ${d.unitName ?? 'đơn vị'} chưa nộp hồ sơ đề nghị khen thưởng.`,
      facts: [...facts(d, 'vi', 'unit', 'campaign'), ...reminderFacts(d, 'vi')],
      action: `${deadlineKinds.nomination!.todo.vi} Sau hạn, hệ thống không nhận hồ sơ.`,
    }),
    en: (d, _l, due) => ({
      subject: `Submission deadline approaching: ${d.recordTitle}`,
      lead: `The campaign ${q(d.recordTitle)} closes for dossiers soon${due ? ` (${due})` : ''}, and ${d.unitName ?? 'your unit'} has not submitted one yet.`,
      facts: [...facts(d, 'en', 'unit', 'campaign'), ...reminderFacts(d, 'en')],
      action: `${deadlineKinds.nomination!.todo.en} After the deadline, no dossier is accepted.`,
    }),
  },
  'submission.signed': {
    vi: (d) => ({
      subject: `Tờ trình đề nghị khen thưởng${d.decisionNumber ? ` số ${d.decisionNumber}` : ''}: ${d.recordTitle}`,
      lead: `${d.unitName ?? 'Sở'} trân trọng gửi Tờ trình${d.decisionNumber ? ` số ${d.decisionNumber}` : ''} ${q(d.recordTitle)} đề nghị khen thưởng. Tờ trình và hồ sơ kèm theo được đính kèm thư này.`,
      facts: [
        ...(d.decisionNumber ? ([[ui.vi.documentNumber, d.decisionNumber]] as Array<[string, string]>) : []),
        ...facts(d, 'vi', 'unit', 'campaign'),
      ],
      action:
        'Đề nghị Ban Thi đua – Khen thưởng tỉnh xem xét, trình Chủ tịch UBND tỉnh quyết định khen thưởng.',
    }),
    en: (d) => ({
      subject: `Award proposal${d.decisionNumber ? ` No. ${d.decisionNumber}` : ''}: ${d.recordTitle}`,
      lead: `${d.unitName ?? 'The department'} sends the signed proposal${d.decisionNumber ? ` No. ${d.decisionNumber}` : ''} ${q(d.recordTitle)}. The proposal and the dossiers' files are attached.`,
      facts: [
        ...(d.decisionNumber ? ([[ui.en.documentNumber, d.decisionNumber]] as Array<[string, string]>) : []),
        ...facts(d, 'en', 'unit', 'campaign'),
      ],
      action: "Please review it and put it to the Provincial Chairman's decision.",
    }),
  },
  'digest.daily': {
    vi: (d) => digestContent(d, 'vi'),
    en: (d) => digestContent(d, 'en'),
  },
};

/** A campaign reminder's days left and what the unit's dossier lacks. */
function reminderFacts(d: NoticeData, loc: NoticeLocale): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (d.daysLeft !== undefined)
    out.push(
      loc === 'vi'
        ? ['Còn lại', `${d.daysLeft} ngày làm việc`]
        : ['Days left', `${d.daysLeft} working day${d.daysLeft === 1 ? '' : 's'}`],
    );
  if (d.missing && d.missing.length > 0)
    out.push([loc === 'vi' ? 'Còn thiếu' : 'Still missing', d.missing.join(' ')]);
  return out;
}

function kindTodo(kind: string | undefined, loc: NoticeLocale): string {
  const k = kind ? deadlineKinds[kind] : undefined;
  if (k) return k.todo[loc];
  return loc === 'vi' ? 'Xử lý hồ sơ trên hệ thống.' : 'Act on the record in Accolade.';
}

function digestContent(d: NoticeData, loc: NoticeLocale): Content {
  const items = d.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  const groups = new Map<string, DigestItem[]>();
  for (const it of items) {
    const key = `${it.recordType}/${it.state}`;
    const g = groups.get(key);
    if (g) g.push(it);
    else groups.set(key, [it]);
  }
  const count =
    loc === 'vi'
      ? `${items.length} việc chờ xử lý${overdue ? `, ${overdue} quá hạn` : ''}`
      : `${items.length} item${items.length === 1 ? '' : 's'} waiting${overdue ? `, ${overdue} overdue` : ''}`;
  return {
    subject: `${d.recordTitle}: ${count}`,
    lead:
      loc === 'vi'
        ? `${d.recordTitle}: ${count}. Các việc quá hạn được đánh dấu.`
        : `${d.recordTitle}: ${count}. Overdue items are marked.`,
    facts: [],
    action:
      loc === 'vi'
        ? 'Xử lý các việc dưới đây, ưu tiên việc quá hạn và sắp đến hạn.'
        : 'Deal with the items below, overdue and nearly due ones first.',
    groups: [...groups.entries()].map(([key, rows]) => {
      const [type, state] = key.split('/') as [NoticeRecordType, string];
      return {
        label: waitingLabels[key]?.[loc] ?? `${recordNames[type]?.[loc] ?? type} (${state})`,
        rows,
        more: 0,
      };
    }),
  };
}

/**
 * Renders one notice: subject, HTML and plain text, in Vietnamese or English. Every piece of data is
 * text; the layout escapes it once for HTML, and links become `href`s only when they are http(s).
 */
export function renderNotice(
  template: NoticeTemplate,
  locale: NoticeLocale,
  data: NoticeData,
  opts: RenderOptions = {},
): RenderedNotice {
  const tz = opts.timeZone ?? defaultTimeZone;
  const due = data.dueAt ? formatDueAt(data.dueAt, locale, tz) : undefined;
  const content = composers[template][locale](data, locale, due);
  if (due && content.due === undefined) content.due = due;
  const max = opts.maxItemsPerGroup ?? 50;
  for (const g of content.groups ?? []) {
    g.more = Math.max(0, g.rows.length - max);
    g.rows = g.rows.slice(0, max);
  }
  const t = ui[locale];
  const subject = oneLine(`${t.prefix} ${content.subject}`);
  return { subject, html: toHtml(content, data, locale, tz), text: toText(content, data, locale, tz) };
}

/** Subjects are one header line: no CR/LF from user text. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim();

function itemDue(it: DigestItem, loc: NoticeLocale, tz: string): string {
  const t = ui[loc];
  const parts: string[] = [];
  if (it.dueAt) parts.push(`${t.due} ${formatDueAt(it.dueAt, loc, tz)}`);
  if (it.overdue) parts.push(t.overdue);
  return parts.join(' · ');
}

function toText(c: Content, d: NoticeData, loc: NoticeLocale, tz: string): string {
  const t = ui[loc];
  const lines: string[] = [t.greeting(d.recipientName), '', c.lead, ''];
  for (const [k, v] of c.facts) lines.push(`${k}: ${v}`);
  if (c.facts.length) lines.push('');
  if (c.action) lines.push(`${t.whatToDo}: ${c.action}`);
  if (c.due) lines.push(`${c.dueLabel ?? t.by}: ${c.due}`);
  if (c.note) lines.push('', c.note);
  if (c.groups) {
    if (c.groups.length === 0) lines.push('', t.none);
    for (const g of c.groups) {
      lines.push('', `${g.label} (${g.rows.length + g.more})`);
      for (const it of g.rows) {
        const due = itemDue(it, loc, tz);
        lines.push(`- ${it.title}${due ? ` [${due}]` : ''}`, `  ${it.link}`);
      }
      if (g.more) lines.push(t.more(g.more));
    }
  }
  lines.push('', `${t.open}: ${d.link}`, '', '--', t.footer);
  return lines.join('\n') + '\n';
}

function link(url: string, label: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

function toHtml(c: Content, d: NoticeData, loc: NoticeLocale, tz: string): string {
  const t = ui[loc];
  const e = escapeHtml;
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${loc}"><head><meta charset="utf-8"><title>${e(c.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">',
    `<p>${e(t.greeting(d.recipientName))}</p>`,
    `<p>${e(c.lead)}</p>`,
  ];
  if (c.facts.length) {
    out.push('<table style="border-collapse:collapse">');
    for (const [k, v] of c.facts)
      out.push(
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${e(k)}</th><td style="padding:2px 0;white-space:pre-wrap">${e(v)}</td></tr>`,
      );
    out.push('</table>');
  }
  if (c.action) out.push(`<p><strong>${e(t.whatToDo)}:</strong> ${e(c.action)}</p>`);
  if (c.due) out.push(`<p><strong>${e(c.dueLabel ?? t.by)}:</strong> ${e(c.due)}</p>`);
  if (c.note) out.push(`<p><em>${e(c.note)}</em></p>`);
  if (c.groups) {
    if (c.groups.length === 0) out.push(`<p>${e(t.none)}</p>`);
    for (const g of c.groups) {
      out.push(
        `<h3 style="font-size:15px;margin:16px 0 4px">${e(g.label)} (${g.rows.length + g.more})</h3><ul>`,
      );
      for (const it of g.rows) {
        const due = itemDue(it, loc, tz);
        const style = it.overdue ? ' style="color:#b00020"' : '';
        out.push(`<li>${link(it.link, it.title)}${due ? ` <span${style}>[${e(due)}]</span>` : ''}</li>`);
      }
      out.push('</ul>');
      if (g.more) out.push(`<p>${e(t.more(g.more))}</p>`);
    }
  }
  out.push(`<p>${link(d.link, t.open)}<br><span style="color:#555;font-size:12px">${e(d.link)}</span></p>`);
  out.push(`<hr><p style="color:#777;font-size:12px">${e(t.footer)}</p>`, '</body></html>');
  return out.join('\n');
}
