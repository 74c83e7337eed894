/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked by value */
import ExcelJS from 'exceljs';
import { must, RecordBuilder } from '../../helpers/api-org';
import { startWebApp, type WebApp } from '../../helpers/web-app';

/**
 * The director's queue, the reports and the public notice over HTTP (no browser): the figures against
 * the records built, the Excel exports read back with exceljs, the public page without signing in
 * (only what is under notice, names escaped).
 */
jest.setTimeout(120_000);
let w: WebApp;
let b: RecordBuilder;
let ready: number[];
let notice: number;
let appraisal: number;

beforeAll(async () => {
  w = await startWebApp();
  b = new RecordBuilder(w.org);
  const { nominations } = await b.dossierWith('accepted', ['LDTT', 'LDTT', 'LDTT', 'GKGD']);
  for (const id of nominations)
    await b.event(w.org.as.office, 'nomination', id, {
      type: 'APPRAISE',
      eligible: true,
      overrideReason: 'Đã kiểm tra hồ sơ giấy',
    });
  ready = nominations;
  notice = await b.nomination('publicNotice');
  appraisal = await b.nomination('appraisal');
}, 240_000);
afterAll(async () => w?.close());

interface Browserish {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, form: URLSearchParams): Promise<Response>;
  token(path?: string): Promise<string>;
}

function browserish(): Browserish {
  const c: Browserish = {
    cookie: '',
    async get(path) {
      const r = await fetch(w.t.baseUrl + path, { redirect: 'manual', headers: { cookie: c.cookie } });
      const set = r.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0]!;
      return r;
    },
    async post(path, form) {
      const r = await fetch(w.t.baseUrl + path, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: c.cookie,
          origin: w.t.baseUrl,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
      });
      const set = r.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0]!;
      return r;
    },
    async token(path = '/sign-in') {
      const html = await (await c.get(path)).text();
      return /<meta name="csrf-token" content="([^"]+)"/.exec(html)![1]!;
    },
  };
  return c;
}

async function signedIn(role: 'clerk' | 'office' | 'director'): Promise<Browserish> {
  const c = browserish();
  const _csrf = await c.token();
  const r = await c.post(
    '/sign-in',
    new URLSearchParams({ _csrf, username: w.org.usernames[role], password: w.org.passwords[role] }),
  );
  expect(r.status).toBe(303);
  return c;
}

async function html(c: Browserish, path: string, status = 200): Promise<string> {
  const r = await c.get(path);
  const body = await r.text();
  if (r.status !== status)
    throw new Error(`${path}: ${r.status} ${body.slice(0, 300)} ${w.t.logText().slice(-3000)}`);
  return body;
}

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return wb;
}

describe(`director, reports and public notice pages (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('the queue lists what waits for the director; the page refuses other roles', async () => {
    const d = await signedIn('director');
    const page = await html(d, '/director/queue');
    for (const id of ready) expect(page).toContain(`id="n-${id}"`);
    expect(page).not.toContain(`id="n-${appraisal}"`);
    expect(page).toContain('trên tổng số 4');
    const paged = await html(d, '/director/queue?perPage=25&awardCode=GKGD');
    expect(paged).toContain('trên tổng số 1');
    const office = await signedIn('office');
    await html(office, '/director/queue', 403);
  });

  it('the bulk form: no selection or no reason is a 422 with nothing done; then approve two', async () => {
    const d = await signedIn('director');
    const _csrf = await d.token('/director/queue');
    const none = await d.post('/director/queue', new URLSearchParams({ _csrf, action: 'APPROVE' }));
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Chọn ít nhất một đề nghị');
    const noReason = new URLSearchParams({ _csrf, action: 'REJECT' });
    noReason.append('ids', String(ready[0]));
    const r1 = await d.post('/director/queue', noReason);
    expect(r1.status).toBe(422);
    expect(must(await w.org.as.director.get(`/api/nominations/${ready[0]}`), 200, 'read').state).toBe(
      'directorReview',
    );
    const noToken = new URLSearchParams({ action: 'APPROVE', ids: String(ready[0]) });
    expect((await d.post('/director/queue', noToken)).status).toBe(403);

    const form = new URLSearchParams({ _csrf, action: 'APPROVE' });
    form.append('ids', String(ready[0]));
    form.append('ids', String(ready[1]));
    form.append('ids', String(appraisal));
    const ok = await d.post('/director/queue', form);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/director/queue');
    const after = await html(d, '/director/queue');
    expect(after).toContain('Phê duyệt: 2 đề nghị; 1 đề nghị không thực hiện được');
    for (const id of ready.slice(0, 2))
      expect(must(await w.org.as.director.get(`/api/nominations/${id}`), 200, 'read').state).toBe(
        'awaitingDecision',
      );
  });

  it('the report counts by state, unit, award and year, as the API answers them and as charts with tables', async () => {
    const report = must(await w.org.as.office.get('/api/reports/nominations'), 200, 'report');
    const all = must(await w.org.as.office.get('/api/nominations?limit=200'), 200, 'list').items;
    expect(report.total).toBe(all.length);
    const byState = Object.fromEntries(report.byState.map((c: any) => [c.key, c.n]));
    const expected: Record<string, number> = {};
    for (const n of all) expected[n.state] = (expected[n.state] ?? 0) + 1;
    expect(byState).toEqual(expected);
    expect(report.byAward.find((c: any) => c.key === 'GKGD')).toMatchObject({ n: 1 });
    expect(report.byYear).toEqual([expect.objectContaining({ key: '2026', n: all.length })]);
    const filtered = must(
      await w.org.as.office.get('/api/reports/nominations?awardCode=LDTT'),
      200,
      'filtered',
    );
    expect(filtered.total).toBe(all.filter((n: any) => n.awardCode === 'LDTT').length);
    // A unit's clerk: its own unit only.
    const mine = must(await w.org.as.otherClerk.get('/api/reports/nominations'), 200, 'theirs');
    expect(mine.total).toBe(0);

    const page = await html(await signedIn('office'), '/reports');
    expect(page).toContain('<svg');
    expect(page).toContain('Xem dạng bảng');
    expect(page).toContain(`Tổng số: ${all.length} đề nghị`);
  });

  it('exports read back: headers, number and date cells, frozen header, autofilter, the filters applied', async () => {
    const wb = await workbook(
      await fetch(`${w.t.baseUrl}/api/nominations/export.xlsx?state=directorReview`, {
        headers: { authorization: `Bearer ${w.org.as.office.creds.token}` },
      }),
    );
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['STT', 'Tên tập thể, cá nhân', 'Trạng thái', 'Ngày đề nghị']),
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const rows = ws.getSheetValues().slice(2).filter(Boolean) as any[];
    expect(rows).toHaveLength(2); // two left in directorReview after the bulk approval
    expect(typeof ws.getCell('A2').value).toBe('number');
    expect(ws.getCell('H2').value).toBeInstanceOf(Date);
    expect(ws.getCell('G2').value).toBe('Chờ Giám đốc duyệt');
    expect(wb.worksheets[1]!.name).toBe('Điều kiện lọc');

    const report = await workbook(
      await fetch(`${w.t.baseUrl}/api/reports/nominations.xlsx?year=2026`, {
        headers: { authorization: `Bearer ${w.org.as.office.creds.token}` },
      }),
    );
    const rs = report.worksheets[0]!;
    expect(rs.getRow(1).values).toEqual(expect.arrayContaining(['Nhóm', 'Giá trị', 'Số đề nghị']));
    expect(typeof rs.getCell('C2').value).toBe('number');
    expect(rs.views[0]).toMatchObject({ state: 'frozen' });
    // Bad filters are a 400 naming the field.
    const bad = await w.org.as.office.get('/api/nominations/export.xlsx?year=abc');
    expect(bad.status).toBe(400);
  });

  it('the public notice: no sign-in, only nominations under notice, text escaped', async () => {
    await w.t.db.query(`UPDATE nominations SET nominee_name = $1 WHERE id = $2`, [
      '<script>alert(1)</script> Lê Văn "Đức"',
      notice,
    ]);
    const anon = browserish();
    const page = await html(anon, '/cong-khai');
    expect(page).toContain('&lt;script>alert(1)&lt;/script> Lê Văn &quot;Đức&quot;');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('1 đề nghị đang công khai');
    expect(page).not.toContain('Nguyễn Văn 1'); // the directorReview ones are not published
    expect(page).toMatch(/Từ \d{2}\/\d{2}\/\d{4} đến hết \d{2}\/\d{2}\/\d{4}/);
    const api = must(await w.org.as.anon.get('/api/public/notice'), 200, 'public api');
    expect(api.items.map((i: any) => i.id)).toEqual([notice]);
  });
});
