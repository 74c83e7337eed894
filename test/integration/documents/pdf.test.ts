import {
  certificateBatch,
  decisionDocument,
  minutesDocument,
  noticeDocument,
  planDocument,
  proposalDocument,
  renderCertificatesPdf,
  renderPdf,
  type OfficialDocument,
} from '../../../src/documents';
import {
  demoCertificates,
  demoDecision,
  demoMinutes,
  demoNotice,
  demoPlan,
  demoProposal,
} from '../../../src/documents/demo/demo-documents';
import { pdfPages, pdfText } from '../../helpers/documents';

/** Every string the model puts on the page (what a reader must find, exactly). */
function modelStrings(m: OfficialDocument): string[] {
  const out = [m.issuer.name, m.title, ...m.subject, ...m.grounds, ...m.recipients];
  if (m.issuer.parent) out.push(m.issuer.parent);
  if (m.authority) out.push(m.authority);
  for (const s of m.signatories) out.push(...s.capacity, s.name);
  for (const b of m.body) {
    if (b.type === 'heading') out.push(b.text);
    if (b.type === 'paragraph') out.push(b.runs.map((r) => r.text).join(''));
    if (b.type === 'table')
      out.push(...b.table.columns.map((c) => c.header), ...b.table.rows.flat().filter(Boolean));
  }
  if (m.annex) {
    out.push(m.annex.title, m.annex.reference, ...m.annex.table.rows.flat().filter(Boolean));
    if (m.annex.subtitle) out.push(m.annex.subtitle);
    if (m.annex.closing) out.push(m.annex.closing);
  }
  return out;
}

/** pdftotext breaks lines where the PDF wraps them: compare on single-spaced text. */
const flat = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

function expectReadable(pdf: Buffer, m: OfficialDocument) {
  const text = pdfText(pdf);
  expect(text).toBe(text.normalize('NFC'));
  expect(text).not.toContain('\uFFFD');
  expect(text).not.toMatch(/\p{M}/u);
  const all = flat(text);
  for (const s of modelStrings(m)) expect(all).toContain(flat(s));
}

describe('PDF of each document type', () => {
  test.each([
    ['decision', () => decisionDocument(demoDecision(12))],
    ['draft decision', () => decisionDocument(demoDecision(3, false))],
    ['proposal', () => proposalDocument(demoProposal(12))],
    ['minutes', () => minutesDocument(demoMinutes())],
    ['notice', () => noticeDocument(demoNotice(12))],
    ['plan', () => planDocument(demoPlan())],
  ])('%s: every Vietnamese string of the input, exactly, NFC, no U+FFFD', async (_name, build) => {
    const m = build();
    const r = await renderPdf(m);
    expectReadable(r.bytes, m);
    const first = flat(pdfPages(r.bytes)[0] ?? '');
    expect(first).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(first).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(first).toContain(flat(`Số: ${m.number === null ? '\u00a0' : String(m.number).padStart(2, '0')}`));
  });

  test('the plan (KH): theme, slogan, section headings and recipients', async () => {
    const r = await renderPdf(planDocument(demoPlan()));
    const text = flat(pdfText(r.bytes));
    for (const s of [
      'Số: 02/KH-SNV',
      'Kỷ cương, chủ động, sáng tạo, phục vụ Nhân dân',
      'Mỗi công chức một sáng kiến, mỗi phòng một mô hình hay',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. NỘI DUNG THI ĐUA',
      'III. TỔ CHỨC THỰC HIỆN',
      '- Phòng Nội vụ các huyện, thị xã, thành phố;',
    ]) {
      expect(text).toContain(s);
    }
  });

  test('Vietnamese issuer codes in the symbol', async () => {
    const data = demoDecision(2);
    const m = decisionDocument({
      ...data,
      issuer: {
        parent: 'UBND TỈNH BẮC NINH',
        name: 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI',
        code: 'SLĐTBXH',
        place: 'Bắc Ninh',
      },
    });
    const text = flat(pdfText((await renderPdf(m)).bytes));
    expect(text).toContain('Số: 05/QĐ-SLĐTBXH');
    expect(text).toContain('(Kèm theo Quyết định số 05/QĐ-SLĐTBXH ngày 05/12/2026 của Giám đốc Sở Nội vụ)');
  });

  test('NFD input renders as NFC text', async () => {
    const data = demoDecision(1);
    const m = decisionDocument({ ...data, awardees: [{ name: 'Bà Nguyễn Thị Hằng'.normalize('NFD') }] });
    const text = pdfText((await renderPdf(m)).bytes);
    expect(text).toContain('Bà Nguyễn Thị Hằng');
  });
});

describe('a decision with a 300-row annex', () => {
  const data = demoDecision(300);
  let pages: string[];
  let annexFirst: number;
  let pageCount: number;
  let box: { page: number; rect: number[] };
  beforeAll(async () => {
    const r = await renderPdf(decisionDocument(data), {
      verificationUrl: 'https://accolade.example/xac-thuc/abc',
    });
    pages = pdfPages(r.bytes, 'layout');
    annexFirst = r.annexFirstPage ?? -1;
    pageCount = r.pageCount;
    box = r.signatureBox;
  });

  test('the decision fits its first page; the annex starts on the next one', () => {
    expect(annexFirst).toBe(1);
    expect(pages).toHaveLength(pageCount);
    expect(pageCount).toBeGreaterThan(8);
    expect(box.page).toBe(0);
    expect(flat(pages[0] ?? '')).toContain('https://accolade.example/xac-thuc/abc');
  });

  test('the header row is repeated on every annex page', () => {
    for (const p of pages.slice(annexFirst)) {
      expect(p).toMatch(/STT\s+Họ và tên\s+Chức vụ, đơn vị công tác\s+Ghi chú/);
    }
  });

  test('the annex has its own page numbers, shown from its second page', () => {
    expect(pages[0]?.trim().split('\n')[0]).not.toMatch(/^\s*\d+\s*$/);
    expect(pages[annexFirst]?.trim().split('\n')[0]).not.toMatch(/^\s*\d+\s*$/);
    pages.slice(annexFirst + 1).forEach((p, i) => {
      expect(p.trim().split('\n')[0]?.trim()).toBe(String(i + 2));
    });
  });

  test('every awardee, once, in order, with no row split across pages', () => {
    const all = pages.slice(annexFirst).join('\n');
    let at = 0;
    data.awardees.forEach((a, i) => {
      const re = new RegExp(`^\\s*${i + 1}\\s+${a.name}`, 'mu');
      const m = re.exec(all.slice(at));
      expect(m).not.toBeNull();
      at += (m?.index ?? 0) + 1;
    });
    expect(flat(all)).toContain('Danh sách có 300 cá nhân./.');
  });
});

describe('certificates', () => {
  test('one A4 landscape page per awardee, printable in a batch', async () => {
    const batch = certificateBatch(demoCertificates(30));
    const r = await renderCertificatesPdf(batch);
    expect(r.pageCount).toBe(30);
    const pages = pdfPages(r.bytes);
    expect(pages).toHaveLength(30);
    batch.pages.forEach((p, i) => {
      const t = flat(pages[i] ?? '');
      expect(t).toContain('GIẤY KHEN');
      expect(t).toContain(p.name);
      expect(t).toContain(p.grantor);
      expect(t).toContain('Quyết định số 05/QĐ-SNV ngày 05/12/2026');
    });
    expect(r.signatureBoxes).toHaveLength(30);
  });
});
