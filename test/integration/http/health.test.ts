import Redis from 'ioredis';
import { redisStatusOf } from '../../../src/http/routes/health.routes';
import { startTestApp } from '../../helpers/app';

describe('GET /healthz', () => {
  test('200 with the database up; redis reported as the probe says', async () => {
    let redis: 'up' | 'down' = 'up';
    const t = await startTestApp({ deps: { redisStatus: () => Promise.resolve(redis) } });
    try {
      const up = await t.anon.get('/healthz');
      expect(up.status).toBe(200);
      expect(up.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
      redis = 'down';
      const degraded = await t.anon.get('/healthz');
      expect(degraded.status).toBe(200);
      expect(degraded.body).toEqual({ status: 'ok', db: 'up', redis: 'down' });
    } finally {
      await t.close();
    }
  }, 60000);

  test('503 when the database is down', async () => {
    const t = await startTestApp({ deps: { redisStatus: () => Promise.resolve('up') } });
    try {
      await t.db.close();
      const res = await t.anon.get('/healthz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', db: 'down', redis: 'up' });
    } finally {
      await t.close();
    }
  }, 60000);

  test('a real Redis probe: up against the local server, down against a closed port', async () => {
    const live = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    try {
      expect(await redisStatusOf(live)()).toBe('up');
      expect(await redisStatusOf(dead)()).toBe('down');
    } finally {
      live.disconnect();
      dead.disconnect();
    }
  });
});
