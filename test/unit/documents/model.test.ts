import {
  capacityLines,
  decisionDocument,
  documentSymbol,
  downloadFileName,
  numberLine,
  officialDocument,
  placeDateLine,
} from '../../../src/documents';
import { demoDecision } from '../../../src/documents/demo/demo-documents';

describe('document symbols and dates (NĐ 30/2020 Phụ lục I)', () => {
  test.each([
    [5, 'QĐ', 'SLĐTBXH', '05/QĐ-SLĐTBXH'],
    [12, 'TTr', 'SNV', '12/TTr-SNV'],
    [1, 'KH', 'SNV', '01/KH-SNV'],
    [3, 'BB', 'HĐTĐKT', '03/BB-HĐTĐKT'],
  ] as const)('%s/%s-%s', (n, type, code, expected) => {
    expect(documentSymbol(n, type, code)).toBe(expected);
  });

  test('a draft keeps a blank for the number', () => {
    expect(numberLine(null, 'QĐ', 'SNV')).toBe('Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-SNV');
  });

  test.each([
    ['2026-12-05', 'Bắc Ninh, ngày 05 tháng 12 năm 2026'],
    ['2026-01-15', 'Bắc Ninh, ngày 15 tháng 01 năm 2026'],
    ['2026-02-03', 'Bắc Ninh, ngày 03 tháng 02 năm 2026'],
    ['2026-03-10', 'Bắc Ninh, ngày 10 tháng 3 năm 2026'],
  ])('date line %s', (date, line) => {
    expect(placeDateLine('Bắc Ninh', date, 2026)).toBe(line);
  });

  test('a draft date line keeps blanks for day and month', () => {
    expect(placeDateLine('Bắc Ninh', null, 2026)).toMatch(/^Bắc Ninh, ngày\u00a0+tháng\u00a0+năm 2026$/u);
  });

  test('an issuer code must be an abbreviation', () => {
    const base = decisionDocument(demoDecision(1));
    expect(() => officialDocument({ ...base, issuer: { ...base.issuer, code: 'Sở Nội vụ' } })).toThrow();
    expect(officialDocument({ ...base, issuer: { ...base.issuer, code: 'LĐ-TB&XH' } }).issuer.code).toBe(
      'LĐ-TB&XH',
    );
  });
});

describe('signer capacity', () => {
  test.each([
    ['own', 'Giám đốc', undefined, ['GIÁM ĐỐC']],
    ['KT', 'Giám đốc', 'Phó Giám đốc', ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']],
    ['Q', 'Giám đốc', undefined, ['Q. GIÁM ĐỐC']],
    ['TM', 'Hội đồng', 'Chủ tịch', ['TM. HỘI ĐỒNG', 'CHỦ TỊCH']],
  ] as const)('%s', (mode, principal, own, lines) => {
    expect(capacityLines(mode, principal, own)).toEqual(lines);
  });
});

describe('NFC at the model boundary', () => {
  test('decomposed input comes out composed', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const data = demoDecision(2);
    const doc = decisionDocument({
      ...data,
      awardees: [{ name: nfd('Bà Nguyễn Thị Hằng'), position: nfd('Chuyên viên Phòng Cải cách hành chính') }],
      issuer: { ...data.issuer, name: nfd('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'), code: nfd('SLĐTBXH') },
    });
    const all = JSON.stringify(doc);
    expect(all).toBe(all.normalize('NFC'));
    expect(doc.annex?.table.rows[0]?.[1]).toBe('Bà Nguyễn Thị Hằng');
    expect(doc.issuer.code).toBe('SLĐTBXH');
    expect(doc.annex?.reference).toContain('05/QĐ-SLĐTBXH');
  });
});

describe('download file names', () => {
  test('Vietnamese symbol: ASCII fallback and RFC 5987 filename*', () => {
    const n = downloadFileName('05/QĐ-SLĐTBXH', 'pdf');
    expect(n.unicode).toBe('05-QĐ-SLĐTBXH.pdf');
    expect(n.ascii).toBe('05-QD-SLDTBXH.pdf');
    expect(n.contentDisposition).toBe(
      `attachment; filename="05-QD-SLDTBXH.pdf"; filename*=UTF-8''05-Q%C4%90-SL%C4%90TBXH.pdf`,
    );
  });

  test('quotes, slashes and control characters never reach the header', () => {
    const n = downloadFileName('Quyết định "khen" \\ thưởng\r\n/ năm 2026', 'docx', 'inline');
    expect(n.ascii).toBe('Quyet dinh -khen- - thuong- nam 2026.docx');
    expect(n.contentDisposition).not.toMatch(/[\r\n]/);
    expect(n.contentDisposition.startsWith('inline; filename="')).toBe(true);
    expect(decodeURIComponent(n.contentDisposition.split("''")[1] ?? '')).toBe(n.unicode);
  });
});
