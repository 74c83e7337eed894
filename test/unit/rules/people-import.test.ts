import ExcelJS from 'exceljs';
import {
  parseCsv,
  parseDate,
  parsePastAwardsCsv,
  parsePastAwardsXlsx,
} from '../../../src/domain/people-import';

describe('parseCsv (RFC 4180)', () => {
  test('quotes, doubled quotes, embedded delimiters and newlines, CRLF, BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","he said ""hi"""\r\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', 'z'],
    ]);
  });
  test('semicolon-separated exports (Excel with a Vietnamese locale)', () => {
    expect(parseCsv('Họ và tên;Năm\nAn;2023')).toEqual([
      ['Họ và tên', 'Năm'],
      ['An', '2023'],
    ]);
  });
});

test.each([
  ['2024-02-29', '2024-02-29'],
  ['29/02/2024', '2024-02-29'],
  ['5/1/2024', '2024-01-05'],
  ['31/02/2024', null],
  ['2023-02-29', null],
  ['yesterday', null],
])('parseDate(%s) = %s', (s, d) => expect(parseDate(s)).toBe(d));

describe('parsePastAwardsCsv: a preview with good rows and a report of rejected ones', () => {
  const csv = [
    'Họ và tên,Đối tượng,Danh hiệu,Năm,Số quyết định,Ngày quyết định',
    'Nguyễn Văn An,Cá nhân,LDTT,2022,15/QĐ-SLĐTBXH,20/01/2023',
    'Trần Thị Bình,,cstdcs,2023,,',
    'Phòng Kế hoạch,Tập thể,TTLDTT,2023,,',
    'Lê Văn Cường,Cá nhân,ABC,2023,,',
    'Phạm Dũng,Cá nhân,LDTT,23,,',
    ',Cá nhân,LDTT,2023,,',
    'Phòng Tổ chức,Tập thể,LDTT,2023,,',
    'Hoàng Em,Cá nhân,LDTT,2023,,2022-12-01',
    'Vũ Phong,Nhóm,LDTT,2023,,',
    '',
  ].join('\n');
  const r = parsePastAwardsCsv(csv);

  test('valid rows, normalised', () => {
    expect(r.rows).toEqual([
      {
        line: 2,
        nomineeKind: 'individual',
        name: 'Nguyễn Văn An',
        awardCode: 'LDTT',
        year: 2022,
        decisionNumber: '15/QĐ-SLĐTBXH',
        decidedOn: '2023-01-20',
      },
      {
        line: 3,
        nomineeKind: 'individual',
        name: 'Trần Thị Bình',
        awardCode: 'CSTDCS',
        year: 2023,
        decisionNumber: null,
        decidedOn: null,
      },
      {
        line: 4,
        nomineeKind: 'collective',
        name: 'Phòng Kế hoạch',
        awardCode: 'TTLDTT',
        year: 2023,
        decisionNumber: null,
        decidedOn: null,
      },
    ]);
  });

  test('each rejected row by line, with every reason', () => {
    expect(r.rejected.map((x) => x.line)).toEqual([5, 6, 7, 8, 9, 10]);
    const why = (line: number) => r.rejected.find((x) => x.line === line)!.errors.join(' | ');
    expect(why(5)).toMatch(/unknown award code "ABC"/);
    expect(why(6)).toMatch(/bad year "23"/);
    expect(why(7)).toMatch(/name is empty/);
    expect(why(8)).toMatch(/LDTT is for individuals/);
    expect(why(9)).toMatch(/before the award year 2023/);
    expect(why(10)).toMatch(/unknown nominee kind "Nhóm"/);
  });

  test('a file without the required columns is rejected as a whole', () => {
    const bad = parsePastAwardsCsv('Tên,Ghi chú\nAn,x');
    expect(bad.rows).toEqual([]);
    expect(bad.rejected[0]!.errors[0]).toMatch(/missing column.*award.*year/);
  });

  test('English headers in another order work too; codes outside a custom catalogue are rejected', () => {
    const p = parsePastAwardsCsv('year;award_code;full_name\n2021;LDTT;An\n2021;GKGD;Bình', {
      awards: new Map([['LDTT', 'individual' as const]]),
    });
    expect(p.rows.map((x) => x.name)).toEqual(['An']);
    expect(p.rejected.map((x) => x.line)).toEqual([3]);
  });
});

describe('parsePastAwardsXlsx', () => {
  test('reads the first sheet: text, numbers and real dates; rejects bad rows by sheet row number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Khen thưởng');
    ws.addRow(['Họ và tên', 'Danh hiệu', 'Năm', 'Ngày quyết định']);
    ws.addRow(['Nguyễn Văn An', 'LDTT', 2021, new Date(Date.UTC(2022, 0, 15))]);
    ws.addRow(['Trần Bình', 'NOPE', 2021, null]);
    ws.addRow([]);
    ws.addRow(['Lê Cường', 'BKUBND', 2020, '10/03/2021']);
    const buf = await wb.xlsx.writeBuffer();
    const r = await parsePastAwardsXlsx(new Uint8Array(buf));
    expect(r.rows).toEqual([
      {
        line: 2,
        nomineeKind: 'individual',
        name: 'Nguyễn Văn An',
        awardCode: 'LDTT',
        year: 2021,
        decisionNumber: null,
        decidedOn: '2022-01-15',
      },
      {
        line: 5,
        nomineeKind: 'individual',
        name: 'Lê Cường',
        awardCode: 'BKUBND',
        year: 2020,
        decisionNumber: null,
        decidedOn: '2021-03-10',
      },
    ]);
    expect(r.rejected).toEqual([{ line: 3, errors: [expect.stringMatching(/unknown award code "NOPE"/)] }]);
  });

  test('a file that is not a workbook is reported as a whole (not thrown, not a row), without library internals', async () => {
    const r = await parsePastAwardsXlsx(new TextEncoder().encode('not a zip'));
    expect(r).toEqual({
      rows: [],
      rejected: [],
      fileError: 'không đọc được tệp Excel (.xlsx) / not a readable .xlsx workbook',
    });
  });
});
