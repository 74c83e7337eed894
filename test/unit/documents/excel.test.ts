import ExcelJS from 'exceljs';
import {
  annexWorkbook,
  decisionDocument,
  excelDate,
  nominationsWorkbook,
  safeSheetName,
  statisticsWorkbook,
  tableWorkbook,
} from '../../../src/documents';
import { demoDecision } from '../../../src/documents/demo/demo-documents';

async function read(b: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(b as unknown as ArrayBuffer);
  return wb;
}

describe('sheet names', () => {
  test.each([
    ['Danh sách khen thưởng năm 2026', 'Danh sách khen thưởng năm 2026'],
    ['Cá nhân [đề nghị]: *Sở* / Phòng \\ A?', 'Cá nhân đề nghị Sở Phòng A'],
    ["'Thống kê'", 'Thống kê'],
    ['', 'Trang'],
    ['Danh sách cá nhân được tặng Giấy khen của Giám đốc Sở Nội vụ', 'Danh sách cá nhân được tặng Giấ'],
  ])('%s', (input, expected) => {
    const name = safeSheetName(input);
    expect(name).toBe(expected);
    expect([...name].length).toBeLessThanOrEqual(31);
  });
  test('unique, case-insensitively, within 31 characters', () => {
    expect(safeSheetName('Thống kê', new Set(['thống kê']))).toBe('Thống kê (2)');
    const long = 'Danh sách cá nhân được tặng Giấy khen';
    const second = safeSheetName(long, new Set([safeSheetName(long)]));
    expect(second.endsWith(' (2)')).toBe(true);
    expect([...second].length).toBeLessThanOrEqual(31);
  });
});

describe('table → workbook', () => {
  test('Vietnamese headers, real dates at UTC midnight and numbers, frozen header, autofilter', async () => {
    const b = await tableWorkbook({
      name: 'Khen thưởng',
      rows: [
        { name: 'Nguyễn Thị Hằng'.normalize('NFD'), on: '2026-12-05', amount: 702000 },
        { name: 'Trần Văn Quyết', on: '2026-01-02', amount: 1404000 },
      ],
      columns: [
        { header: 'Họ và tên', type: 'text', value: (r) => r.name },
        { header: 'Ngày quyết định', type: 'date', value: (r) => r.on },
        { header: 'Tiền thưởng (đồng)', type: 'money', value: (r) => r.amount },
      ],
    });
    const ws = (await read(b)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Khen thưởng');
    expect(ws.getRow(1).values).toEqual([undefined, 'Họ và tên', 'Ngày quyết định', 'Tiền thưởng (đồng)']);
    expect(ws.getCell('A2').value).toBe('Nguyễn Thị Hằng');
    const d = ws.getCell('B2').value as Date;
    expect(d).toBeInstanceOf(Date);
    expect(d.toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(ws.getCell('B2').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C3').value).toBe(1404000);
    expect(ws.getCell('C3').numFmt).toBe('#,##0');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:C1');
  });

  test('excelDate is a calendar day, not a local time', () => {
    expect(excelDate('2026-02-28').getTime()).toBe(Date.UTC(2026, 1, 28));
    expect(() => excelDate('28/02/2026')).toThrow();
  });
});

describe('exports', () => {
  test("a decision's annex", async () => {
    const doc = decisionDocument(demoDecision(300));
    const ws = (await read(await annexWorkbook(doc))).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(301);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'STT',
      'Họ và tên',
      'Chức vụ, đơn vị công tác',
      'Ghi chú',
    ]);
    expect(ws.getCell('A301').value).toBe(300);
    expect(ws.getCell('B2').value).toBe(doc.annex?.table.rows[0]?.[1]);
  });

  test('a nomination list with its filters', async () => {
    const wb = await read(
      await nominationsWorkbook(
        [
          {
            nominee: 'Bà Nguyễn Thị Hằng',
            kind: 'person',
            unit: 'Phòng Cải cách hành chính',
            award: 'Chiến sĩ thi đua cơ sở',
            year: 2026,
            state: 'Đã khen thưởng',
            submittedOn: '2026-11-20',
            decidedOn: '2026-12-05',
            decisionNumber: '05/QĐ-SNV',
            votesYes: 8,
            voteShare: 8 / 9,
            rewardAmount: 1_872_000,
          },
        ],
        { Năm: '2026', 'Trạng thái': 'Đã khen thưởng' },
      ),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách đề nghị', 'Điều kiện lọc']);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A2').value).toBe(1);
    expect(ws.getCell('F2').value).toBe(2026);
    expect((ws.getCell('H2').value as Date).toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(ws.getCell('L2').numFmt).toBe('0.0%');
    expect(wb.worksheets[1]?.getCell('B3').value).toBe('Đã khen thưởng');
  });

  test('yearly statistics by award and unit, with totals', async () => {
    const wb = await read(
      await statisticsWorkbook(2026, [
        { unit: 'Văn phòng Sở', award: 'Giấy khen', count: 4 },
        { unit: 'Văn phòng Sở', award: 'Lao động tiên tiến', count: 10 },
        { unit: 'Phòng Cải cách hành chính', award: 'Giấy khen', count: 2 },
      ]),
    );
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Thống kê năm 2026');
    expect(ws.getRow(1).values).toEqual([undefined, 'Đơn vị', 'Giấy khen', 'Lao động tiên tiến', 'Tổng số']);
    expect(ws.getRow(2).values).toEqual([undefined, 'Phòng Cải cách hành chính', 2, 0, 2]);
    expect(ws.getRow(3).values).toEqual([undefined, 'Văn phòng Sở', 4, 10, 14]);
    expect(ws.getRow(4).values).toEqual([undefined, 'Tổng cộng', 6, 10, 16]);
    expect(wb.worksheets[1]?.rowCount).toBe(4);
  });
});
