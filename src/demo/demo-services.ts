import { join } from 'node:path';
import pino from 'pino';
import type { Config } from '../config';
import { type DemoMailbox, openDemoMailbox } from '../mail/demo-mailbox';
import { startDemoSmtp } from '../mail/demo-smtp';
import {
  NoRedisServerError,
  type PrivateRedis,
  redisAnswers,
  redisInstallHint,
  startPrivateRedis,
} from './private-redis';

/**
 * What `npm run demo` brings along so that a newcomer sees the whole product with one command, set up
 * before the runtime connects (src/main.ts):
 * - Redis: REDIS_URL if given; else whatever answers at DEMO_REDIS_PROBE_URL (REDIS_URL's default);
 *   else a private redis-server (private-redis.ts); else one line saying how to get Redis, and the
 *   demo runs without (events wait in the outbox).
 * - Mail: SMTP_URL if given; else an in-process SMTP receiver storing every message in
 *   `DATA_DIR/mailbox/` (the demo mailbox), read through `/api/demo/mailbox`.
 * `npm start` never calls this.
 */
export interface DemoServices {
  /** The configuration with REDIS_URL and SMTP_URL pointed at what the demo found or started. */
  config: Config;
  /** The caught mail; null when SMTP_URL is set (mail goes there instead). */
  mailbox: DemoMailbox | null;
  /** The private Redis, when the demo started one. */
  redis: PrivateRedis | null;
  stop(): Promise<void>;
}

export async function startDemoServices(
  config: Config,
  say: (line: string) => void = (l) => console.log(l),
  opts: { redisEnv?: NodeJS.ProcessEnv } = {},
): Promise<DemoServices> {
  const logger = pino({ level: config.LOG_LEVEL, base: { process: 'demo' } });
  let next: Config = config;
  let redis: PrivateRedis | null = null;
  if (!config.redisUrlGiven) {
    if (await redisAnswers(config.DEMO_REDIS_PROBE_URL)) {
      next = { ...next, REDIS_URL: config.DEMO_REDIS_PROBE_URL };
    } else {
      try {
        redis = await startPrivateRedis(config.DATA_DIR, opts.redisEnv ? { env: opts.redisEnv } : {});
        next = { ...next, REDIS_URL: redis.url };
        say(
          `Accolade demo: Redis riêng / private Redis at ${redis.displayUrl} (pid ${redis.pid}), data in ${redis.dir}; stopped with the demo.`,
        );
      } catch (e) {
        if (!(e instanceof NoRedisServerError)) throw e;
        // Runs as `npm start` would, on the address it looked at: a Redis started there later is used.
        next = { ...next, REDIS_URL: config.DEMO_REDIS_PROBE_URL };
        say(
          `Accolade demo: no Redis (nothing answers at ${new URL(config.DEMO_REDIS_PROBE_URL).host}, ${e.message}): deadlines, reminders and emails wait until one runs. Get Redis: ${redisInstallHint}.`,
        );
      }
    }
  }

  let mailbox: DemoMailbox | null = null;
  let smtp: { close(): Promise<void> } | null = null;
  if (!config.SMTP_URL) {
    mailbox = await openDemoMailbox(join(config.DATA_DIR, 'mailbox'));
    const s = await startDemoSmtp({ mailbox, logger });
    smtp = s;
    next = { ...next, SMTP_URL: s.url };
    say(
      `Accolade demo: hộp thư thử nghiệm / demo mailbox: every email is caught (SMTP ${s.url}), kept in ${mailbox.dir}, read at ${config.publicUrl}/demo/mailbox`,
    );
  }

  return {
    config: next,
    mailbox,
    redis,
    async stop() {
      await smtp?.close();
      await redis?.stop();
    },
  };
}
