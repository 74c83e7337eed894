import { seedCatalogue } from '../../../src/db/award-versions';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics';
import { readBacklog } from '../../../src/workflow/system/read-backlog';
import { setupApiOrg, type ApiOrg } from '../../helpers/api-org';
import { startTestApp, type TestApp } from '../../helpers/app';
import { client } from '../../helpers/http';

const token = 'metrics-token-for-the-test';

/** The value of one sample of the exposition text (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const ls = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => ls.includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  let t: TestApp;
  let metrics: Metrics;
  let org: ApiOrg;

  beforeAll(async () => {
    let m: Metrics | undefined;
    const observe = {
      event: (...a: Parameters<Metrics['event']>) => m!.event(...a),
      deadlineFired: (...a: Parameters<Metrics['deadlineFired']>) => m!.deadlineFired(...a),
      email: (...a: Parameters<Metrics['email']>) => m!.email(...a),
    };
    t = await startTestApp({
      observe,
      deps: (db) => {
        m = createMetrics({
          process: 'test',
          token,
          defaults: false,
          sources: {
            backlog: () => readBacklog({ db, now: () => new Date() }),
            queueCounts: () => Promise.resolve({ email: { waiting: 3, delayed: 1 } }),
          },
        });
        return { metrics: m };
      },
    });
    metrics = m!;
    await seedCatalogue(t.db);
    org = await setupApiOrg(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const scrape = async () => {
    const res = await client(t.baseUrl).get('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.text;
  };

  test('answers only the bearer of METRICS_TOKEN', async () => {
    expect((await t.anon.get('/metrics')).status).toBe(401);
    const wrong = await client(t.baseUrl).get('/metrics', {
      headers: { authorization: 'Bearer metrics-token-for-the-tesT' },
    });
    expect(wrong.status).toBe(401);
    // A user's session is no way in either.
    expect((await t.admin.api.get('/metrics')).status).toBe(401);
    expect(metrics.registry.contentType).toMatch(/^text\/plain/);
    expect(await scrape()).toContain('# TYPE accolade_http_request_duration_seconds histogram');
  });

  test('engine events by machine, event and outcome; HTTP latency by route and status', async () => {
    const office = org.as.office;
    const c = await office.post('/api/campaigns', {
      title: 'Thi đua',
      kind: 'annual',
      year: 2026,
      nominationDeadline: '2026-12-31',
    });
    expect(c.status).toBe(201);
    const id = c.body.id as number;
    expect((await office.post(`/api/campaigns/${id}/events`, { type: 'OPEN' })).status).toBe(200);
    // OPEN again: not allowed in `open` (refused); a stale expectedVersion (conflict).
    expect((await office.post(`/api/campaigns/${id}/events`, { type: 'OPEN' })).status).toBe(409);
    const stale = await office.post(`/api/campaigns/${id}/events`, { type: 'CLOSE', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    expect((await t.anon.get('/api/no-such-thing')).status).toBe(404);
    const text = await scrape();
    const ev = (outcome: string, event: string) =>
      sample(text, 'accolade_engine_events_total', { machine: 'campaign', event, outcome });
    expect(ev('committed', 'OPEN')).toBe(1);
    expect(ev('refused', 'OPEN')).toBe(1);
    expect(ev('conflict', 'CLOSE')).toBe(1);
    expect(ev('committed', 'CLOSE')).toBeUndefined();

    const route = '/api/campaigns/:id/events';
    const count = (status: string) =>
      sample(text, 'accolade_http_request_duration_seconds_count', { method: 'POST', route, status });
    expect(count('200')).toBe(1);
    expect(count('409')).toBe(2);
    // Never the URL itself: label values stay few.
    expect(text).not.toContain(`route="/api/campaigns/${id}/events"`);
    expect(
      sample(text, 'accolade_http_request_duration_seconds_count', { route: 'unmatched' }),
    ).toBeDefined();
  });

  test('outbox backlog and queue depths, read at the scrape', async () => {
    const rows = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    const text = await scrape();
    expect(rows[0]!.n).toBeGreaterThan(0); // nobody relays in this test: the campaign's timers wait
    expect(sample(text, 'accolade_outbox_waiting')).toBe(rows[0]!.n);
    expect(sample(text, 'accolade_outbox_oldest_age_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'accolade_queue_jobs', { queue: 'email', state: 'waiting' })).toBe(3);
  });

  test('deadline lateness and emails as reported by the engine', async () => {
    metrics.deadlineFired('deadline', 0.2);
    metrics.deadlineFired('reminder', 30);
    metrics.email('sent');
    metrics.email('sent');
    metrics.email('resent');
    metrics.email('gave-up');
    const text = await scrape();
    expect(sample(text, 'accolade_deadline_lateness_seconds_bucket', { rung: 'deadline', le: '0.25' })).toBe(
      1,
    );
    expect(sample(text, 'accolade_deadline_lateness_seconds_bucket', { rung: 'reminder', le: '15' })).toBe(0);
    expect(sample(text, 'accolade_deadline_lateness_seconds_count', { rung: 'reminder' })).toBe(1);
    expect(sample(text, 'accolade_emails_total', { outcome: 'sent' })).toBe(2);
    expect(sample(text, 'accolade_emails_total', { outcome: 'resent' })).toBe(1);
    expect(sample(text, 'accolade_emails_total', { outcome: 'gave-up' })).toBe(1);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  test('is off: 404 for everyone', async () => {
    const t = await startTestApp({
      deps: { metrics: createMetrics({ process: 'test', defaults: false }) },
    });
    try {
      const res = await client(t.baseUrl).get('/metrics', {
        headers: { authorization: 'Bearer anything-at-all' },
      });
      expect(res.status).toBe(404);
      expect((await t.anon.get('/metrics')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
