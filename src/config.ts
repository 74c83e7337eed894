import { z } from 'zod';

/**
 * The one reader of process.env. Parsed once at start; a bad value stops the process with one line
 * naming the variable and the problem (see {@link loadConfig}).
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  /**
   * `npm run demo` only, when REDIS_URL is unset: where it looks for a Redis before starting a private
   * one (src/demo/private-redis.ts). The default is REDIS_URL's default; a test points it at a closed port.
   */
  DEMO_REDIS_PROBE_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only')
    .default('accolade'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('no-reply@localhost'),
  BOOTSTRAP_ADMIN: z
    .string()
    .regex(/^[^:]{3,}:.{8,}$/, 'must be username:password (username ≥ 3 characters, password ≥ 8)')
    .optional(),
  TZ_BUSINESS: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not a known IANA time zone')
    .default('Asia/Ho_Chi_Minh'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  SESSION_SECRET: z.string().min(16).optional(),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(15000),
  /**
   * `Authorization: Bearer <METRICS_TOKEN>` is what `/metrics` answers (unset: no endpoint, 404). At least
   * 16 characters: it guards internal figures.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** The workers' own metrics port (`npm run start:workers`; with METRICS_TOKEN). 0: any free port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /**
   * On SIGTERM: how long `/readyz` answers 503 while requests are still served, so that a load balancer
   * stops sending new ones before the port closes.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  /** On SIGTERM, after the drain: how long in-flight requests and active jobs may take before they are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  NODE_ENV: z.string().default('development'),
});

export type Config = z.infer<typeof configSchema> & {
  publicUrl: string;
  /** REDIS_URL was given (else it is the default, and the demo may look elsewhere). */
  redisUrlGiven: boolean;
};

/** An empty variable counts as unset, as most shells and compose files mean it. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const given = withoutEmpty(env);
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Configuration error: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const c = parsed.data;
  return {
    ...c,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    redisUrlGiven: given.REDIS_URL !== undefined,
  };
}

/** For entry points: the configuration, or one line on stderr and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
