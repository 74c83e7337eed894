/**
 * A process that dies for real between COMMIT and enqueue: it sends one event through the engine, whose
 * outbox kicker (called right after the transaction commits, before anything reaches Redis) kills the
 * process with SIGKILL. Database, schema, actor and event come from the environment. Used by
 * `test/integration/engine/crash.test.ts`.
 */
import { openDb } from '../../src/db/open-db';
import { sendEvent } from '../../src/workflow/engine/send-event';
import type { Actor, SendEventInput } from '../../src/workflow/types';
import { testEngineDeps } from './engine';

async function main(): Promise<void> {
  const need = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const db = await openDb({ databaseUrl: need('DATABASE_URL'), schema: need('DB_SCHEMA') });
  const engine = testEngineDeps(db, {
    outbox: {
      kick: () => {
        process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  const actor = JSON.parse(need('ACTOR')) as Actor;
  const input = JSON.parse(need('EVENT')) as SendEventInput;
  await sendEvent(engine, actor, input);
  // Reached only if the event wrote no outbox row (the kicker was not called).
  process.stdout.write('survived\n');
  await db.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
