import {
  certificateBatch,
  decisionDocument,
  minutesDocument,
  planDocument,
  proposalDocument,
  renderCertificatesDocx,
  renderDocx,
} from '../../../src/documents';
import {
  demoCertificates,
  demoDecision,
  demoMinutes,
  demoPlan,
  demoProposal,
} from '../../../src/documents/demo/demo-documents';
import { docxPart } from '../../helpers/documents';

/** The visible text of a document.xml, paragraph by paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}
const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

describe('decision DOCX', () => {
  let xml: string;
  let styles: string;
  const data = demoDecision(300);
  beforeAll(async () => {
    const docx = await renderDocx(decisionDocument(data));
    xml = docxPart(docx);
    styles = docxPart(docx, 'word/styles.xml');
  });

  test('A4 in exact twips and the NĐ 30 margins, in both sections', () => {
    expect(xml.match(/<w:pgSz w:w="11906" w:h="16838"/g)).toHaveLength(2);
    expect(xml.match(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/g)).toHaveLength(2);
  });

  test('Times New Roman, vi-VN', () => {
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toContain('<w:lang w:val="vi-VN"/>');
    expect(xml).toContain('<w:lang w:val="vi-VN"/>');
  });

  test('the header: a borderless two-column table with the issuer, the motto, the number and the date', () => {
    const firstTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(firstTable).toContain('<w:tblLayout w:type="fixed"/>');
    expect(firstTable.match(/<w:gridCol /g)).toHaveLength(2);
    expect(firstTable).toMatch(/<w:tblBorders>[\s\S]*w:val="none"/);
    const text = paragraphs(firstTable).map(unescape);
    expect(text).toEqual(
      expect.arrayContaining([
        'UBND TỈNH BẮC NINH',
        'SỞ NỘI VỤ',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 05/QĐ-SNV',
        'Bắc Ninh, ngày 05 tháng 12 năm 2026',
      ]),
    );
  });

  test('title, subject, authority, grounds, articles, recipients and the signature block', () => {
    const text = paragraphs(xml).map(unescape);
    for (const line of [
      'QUYẾT ĐỊNH',
      'Về việc tặng Giấy khen của Giám đốc Sở Nội vụ',
      'GIÁM ĐỐC SỞ NỘI VỤ',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'QUYẾT ĐỊNH:',
      'Nơi nhận:',
      '- Lưu: VT, VP.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn Quyết',
    ]) {
      expect(text).toContain(line);
    }
    expect(
      text.some((t) => t.startsWith('Điều 1. Tặng Giấy khen của Giám đốc Sở Nội vụ cho 300 cá nhân')),
    ).toBe(true);
  });

  test('the annex: its own section numbered from 1, its header row repeated, every awardee', () => {
    expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(2);
    expect(xml.match(/<w:titlePg\/>/g)).toHaveLength(2);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    const annex = xml.slice(xml.lastIndexOf('<w:tbl>'));
    const rows = [...annex.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => paragraphs(r[0]).map(unescape));
    expect(rows).toHaveLength(301);
    expect(rows[0]).toEqual(['STT', 'Họ và tên', 'Chức vụ, đơn vị công tác', 'Ghi chú']);
    expect(rows[0]?.length).toBe(4);
    data.awardees.forEach((a, i) => {
      expect(rows[i + 1]?.[0]).toBe(String(i + 1));
      expect(rows[i + 1]?.[1]).toBe(a.name);
    });
    expect(annex.match(/<w:cantSplit\/>/g)?.length).toBe(301);
    expect(paragraphs(xml).map(unescape)).toContain(
      '(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/12/2026 của Giám đốc Sở Nội vụ)',
    );
  });

  test('a draft has a blank number', async () => {
    const draft = docxPart(await renderDocx(decisionDocument(demoDecision(3, false))));
    expect(paragraphs(draft).map(unescape)).toContain('Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-SNV');
  });
});

describe('other documents as DOCX', () => {
  test('proposal, minutes and plan carry their own lines', async () => {
    const texts = await Promise.all(
      [proposalDocument(demoProposal(5)), minutesDocument(demoMinutes()), planDocument(demoPlan())].map(
        async (m) => paragraphs(docxPart(await renderDocx(m))).map(unescape),
      ),
    );
    expect(texts[0]).toEqual(
      expect.arrayContaining(['TỜ TRÌNH', 'Số: 17/TTr-SNV', 'Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh.']),
    );
    expect(texts[1]).toEqual(
      expect.arrayContaining(['BIÊN BẢN', 'Số: 03/BB-HĐTĐKT', 'TM. HỘI ĐỒNG', 'CHỦ TỊCH', 'THƯ KÝ']),
    );
    expect(texts[2]).toEqual(
      expect.arrayContaining([
        'KẾ HOẠCH',
        'Số: 02/KH-SNV',
        'I. MỤC ĐÍCH, YÊU CẦU',
        'II. NỘI DUNG THI ĐUA',
        'III. TỔ CHỨC THỰC HIỆN',
      ]),
    );
  });

  test('certificates: one landscape section per awardee', async () => {
    const xml = docxPart(await renderCertificatesDocx(certificateBatch(demoCertificates(4))));
    expect(xml.match(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/g)).toHaveLength(4);
    expect(paragraphs(xml).filter((t) => t === 'GIẤY KHEN')).toHaveLength(4);
  });
});
