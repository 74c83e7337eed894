import {
  deadlineKindName,
  noticeDataSchema,
  noticeTemplates,
  renderNotice,
  type NoticeData,
  type NoticeTemplate,
} from '../../../src/mail/templates';
import { escapeHtml, formatDueAt, localDate, noticeMessageId } from '../../../src/mail/format';

const link = 'https://accolade.example/dossiers/42';
const dueAt = '2026-11-30T10:00:00Z'; // 17:00 in Asia/Ho_Chi_Minh
const dueText = { vi: '17:00 ngày 30/11/2026', en: '30 Nov 2026, 17:00' } as const;

function sample(template: NoticeTemplate, locale: 'vi' | 'en'): NoticeData {
  const base: NoticeData = {
    recordType: 'dossier',
    recordId: 42,
    recordTitle: 'Hồ sơ đề nghị khen thưởng năm 2026 của Phòng Kế hoạch',
    unitName: 'Phòng Kế hoạch – Tài chính',
    campaignTitle: 'Thi đua thường xuyên năm 2026',
    dueAt,
    link,
    recipientName: 'Nguyễn Văn An',
  };
  switch (template) {
    case 'dossier.returned':
    case 'dossier.lapsed':
      return { ...base, reason: 'Thiếu biên bản họp Hội đồng' };
    case 'nomination.rejected':
    case 'nomination.revoked':
      return {
        ...base,
        recordType: 'nomination',
        recordTitle: 'Trần Thị Bình — CSTDCS',
        reason: 'Chưa có sáng kiến',
      };
    case 'nomination.awarded':
      return {
        ...base,
        recordType: 'nomination',
        recordTitle: 'Trần Thị Bình — CSTDCS',
        decisionNumber: '05/QĐ-SNV',
      };
    case 'deadline.reminder':
    case 'deadline.passed':
      return { ...base, deadlineKind: 'receipt' };
    case 'campaign.opened':
    case 'campaign.reminder':
      return { ...base, recordType: 'campaign', recordTitle: 'Thi đua thường xuyên năm 2026' };
    case 'submission.signed':
      return {
        ...base,
        recordType: 'submission',
        recordTitle: 'Đề nghị tặng Bằng khen',
        decisionNumber: '03/TTr-SNV',
      };
    case 'digest.daily':
      return {
        recordType: 'digest',
        recordId: 20261130,
        recordTitle: locale === 'vi' ? 'Công việc chờ xử lý ngày 30/11/2026' : 'Items waiting on 30 Nov 2026',
        link: 'https://accolade.example/',
        items: [
          {
            recordType: 'dossier',
            recordId: 1,
            title: 'Hồ sơ A',
            state: 'submitted',
            dueAt,
            overdue: true,
            link,
          },
          {
            recordType: 'nomination',
            recordId: 2,
            title: 'Lê Văn C — LDTT',
            state: 'appraisal',
            overdue: false,
            link: 'https://accolade.example/nominations/2',
          },
        ],
      };
    default:
      return base;
  }
}

const cases = noticeTemplates.flatMap((t) => (['vi', 'en'] as const).map((l) => [t, l] as const));

describe('renderNotice: every template × locale', () => {
  it('covers the 14 notifications in two languages', () => {
    expect(cases).toHaveLength(28);
  });

  it.each(cases)('%s (%s) names the record, the due time and the link', (template, locale) => {
    const data = sample(template, locale);
    expect(noticeDataSchema.safeParse(data).success).toBe(true);
    const r = renderNotice(template, locale, data);
    for (const part of [r.subject, r.html, r.text]) expect(part).toContain(data.recordTitle);
    expect(r.text).toContain(dueText[locale]);
    expect(r.html).toContain(dueText[locale]);
    expect(r.text).toContain(data.link);
    expect(r.html).toContain(`href="${data.link}"`);
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.html).toContain(`<html lang="${locale}">`);
  });

  it.each(noticeTemplates)('%s differs between Vietnamese and English', (template) => {
    const vi = renderNotice(template, 'vi', sample(template, 'vi'));
    const en = renderNotice(template, 'en', sample(template, 'en'));
    expect(vi.subject).not.toBe(en.subject);
    expect(vi.text).not.toBe(en.text);
    expect(vi.text).toMatch(/Kính gửi/);
    expect(en.text).toMatch(/Dear|Hello/);
  });
});

describe('what each email says', () => {
  it('a returned dossier gives the reason and the supplement deadline', () => {
    const r = renderNotice('dossier.returned', 'vi', sample('dossier.returned', 'vi'));
    expect(r.text).toContain('Lý do: Thiếu biên bản họp Hội đồng');
    expect(r.text).toContain('Thời hạn: 17:00 ngày 30/11/2026');
    expect(r.text).toMatch(/Việc cần làm: Bổ sung hồ sơ/);
  });

  it('an award names the decision number', () => {
    const vi = renderNotice('nomination.awarded', 'vi', sample('nomination.awarded', 'vi'));
    const en = renderNotice('nomination.awarded', 'en', sample('nomination.awarded', 'en'));
    expect(vi.subject).toContain('05/QĐ-SNV');
    expect(vi.text).toContain('Quyết định số 05/QĐ-SNV');
    expect(en.text).toContain('decision No. 05/QĐ-SNV');
  });

  it.each([
    ['receipt', 'tiếp nhận hồ sơ', 'receipt of the dossier'],
    ['supplement', 'bổ sung hồ sơ', 'supplementing the dossier'],
    ['appraisal', 'thẩm định', 'appraisal'],
    ['directorReview', 'Giám đốc xem xét, phê duyệt', "the director's review"],
    ['provinceResponse', 'tỉnh trả lời', "the province's answer"],
    ['notice', 'công khai lấy ý kiến', 'public notice'],
    ['nomination', 'nộp hồ sơ đề nghị khen thưởng', 'submitting nominations'],
  ])('deadline kind %s has a human name in both languages', (kind, vi, en) => {
    expect(deadlineKindName(kind, 'vi')).toBe(vi);
    expect(deadlineKindName(kind, 'en')).toBe(en);
    const data = { ...sample('deadline.passed', 'vi'), deadlineKind: kind };
    expect(renderNotice('deadline.passed', 'vi', data).subject).toContain(`Quá hạn ${vi}`);
    expect(renderNotice('deadline.reminder', 'en', data).text).toContain(en);
    expect(renderNotice('deadline.passed', 'vi', data).text).toContain('Ban Giám đốc');
  });

  it('the digest groups items by what they wait for and marks the overdue ones', () => {
    const r = renderNotice('digest.daily', 'vi', sample('digest.daily', 'vi'));
    expect(r.subject).toContain('2 việc chờ xử lý, 1 quá hạn');
    expect(r.text).toContain('Hồ sơ chờ tiếp nhận (1)');
    expect(r.text).toContain('Đề nghị chờ thẩm định (1)');
    expect(r.text).toMatch(/- Hồ sơ A \[hạn 17:00 ngày 30\/11\/2026 · QUÁ HẠN\]/);
    expect(r.html).toContain('href="https://accolade.example/nominations/2"');
    const en = renderNotice('digest.daily', 'en', sample('digest.daily', 'en'));
    expect(en.text).toContain('Dossiers awaiting receipt (1)');
    expect(en.text).toContain('OVERDUE');
  });

  it('a long digest group is cut with a count of the rest', () => {
    const data = sample('digest.daily', 'en');
    const item = data.items![0]!;
    data.items = Array.from({ length: 7 }, (_, i) => ({ ...item, recordId: i, title: `Dossier ${i}` }));
    const r = renderNotice('digest.daily', 'en', data, { maxItemsPerGroup: 5 });
    expect(r.text).toContain('Dossiers awaiting receipt (7)');
    expect(r.text).toContain('… and 2 more');
    expect(r.text).not.toContain('Dossier 6');
  });
});

describe('escaping', () => {
  const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

  it.each(noticeTemplates)('%s escapes user text in HTML and keeps it readable in text', (template) => {
    const data: NoticeData = {
      ...sample(template, 'vi'),
      recordTitle: `Hồ sơ ${hostile}`,
      reason: hostile,
      unitName: hostile,
      recipientName: hostile,
    };
    if (data.items) data.items = data.items.map((i) => ({ ...i, title: hostile }));
    const r = renderNotice(template, 'vi', data);
    expect(r.html).not.toContain('<script');
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img');
    expect(r.text).toContain(hostile);
  });

  it('a javascript: link is not made clickable', () => {
    const data = { ...sample('dossier.received', 'en'), link: 'javascript:alert(1)' };
    const r = renderNotice('dossier.received', 'en', data);
    expect(r.html).not.toContain('href="javascript');
  });

  it('a line break in user text cannot add a header line to the subject', () => {
    const data = { ...sample('dossier.received', 'vi'), recordTitle: 'A\r\nBcc: victim@example.com' };
    expect(renderNotice('dossier.received', 'vi', data).subject).not.toMatch(/[\r\n]/);
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('formatting', () => {
  it.each([
    ['2026-11-30T10:00:00Z', 'vi', '17:00 ngày 30/11/2026'],
    ['2026-11-30T10:00:00Z', 'en', '30 Nov 2026, 17:00'],
    ['2026-11-30T17:00:00+07:00', 'vi', '17:00 ngày 30/11/2026'],
    ['2026-01-05T01:30:00Z', 'en', '5 Jan 2026, 08:30'],
    // a working-day deadline ends at midnight after its last day: shown as the end of that day
    ['2026-11-30T17:00:00Z', 'vi', 'hết ngày 30/11/2026'],
    ['2026-11-30T17:00:00Z', 'en', 'end of 30 Nov 2026'],
    ['2026-12-31T17:00:00Z', 'vi', 'hết ngày 31/12/2026'],
  ] as const)('%s in %s → %s', (iso, locale, expected) => {
    expect(formatDueAt(iso, locale)).toBe(expected);
  });

  it('localDate is the business date', () => {
    expect(localDate(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(localDate(new Date('2026-11-30T16:59:00Z'))).toBe('2026-11-30');
  });

  it('the Message-ID is deterministic per key', () => {
    const a = noticeMessageId('dossier/42/seq-7/dossier.returned/user-9');
    expect(a).toMatch(/^[0-9a-f]{32}@accolade$/);
    expect(noticeMessageId('dossier/42/seq-7/dossier.returned/user-9')).toBe(a);
    expect(noticeMessageId('dossier/42/seq-8/dossier.returned/user-9')).not.toBe(a);
  });

  it('the data schema refuses a notice without a link or with a bad due time', () => {
    const { link: _l, ...noLink } = sample('dossier.received', 'vi');
    expect(noticeDataSchema.safeParse(noLink).success).toBe(false);
    expect(
      noticeDataSchema.safeParse({ ...sample('dossier.received', 'vi'), dueAt: 'tomorrow' }).success,
    ).toBe(false);
  });
});
