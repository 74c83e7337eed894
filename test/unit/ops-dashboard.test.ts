import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '../../src/metrics/metrics';

/** The Grafana dashboard kept in the repository shows only series the processes export. */
describe('ops/grafana/dashboards/accolade.json', () => {
  test('every metric a panel queries is exported by createMetrics', async () => {
    const dashboard = JSON.parse(
      readFileSync(join(__dirname, '../../ops/grafana/dashboards/accolade.json'), 'utf8'),
    ) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    const metrics = createMetrics({
      process: 'test',
      sources: {
        backlog: () => Promise.resolve({ outboxWaiting: 0, oldestWaitingSeconds: null }),
        queueCounts: () => Promise.resolve({ email: { waiting: 0 } }),
      },
    });
    metrics.observeHttp('GET', '/x', 200, 0.01);
    metrics.event('dossier', 'SUBMIT', 'committed');
    metrics.deadlineFired('deadline', 1);
    metrics.email('sent');
    const exported = new Set(
      (await metrics.registry.getMetricsAsJSON()).flatMap((m) =>
        String(m.type) === 'histogram'
          ? [m.name, `${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`]
          : [m.name],
      ),
    );
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const p of dashboard.panels)
      for (const t of p.targets) {
        const names = t.expr.match(/\b(accolade|process|nodejs)_[a-z0-9_]+/g) ?? [];
        expect(names.length).toBeGreaterThan(0);
        for (const n of names)
          expect({ panel: p.title, metric: n, exported: exported.has(n) }).toEqual({
            panel: p.title,
            metric: n,
            exported: true,
          });
      }
  });
});
