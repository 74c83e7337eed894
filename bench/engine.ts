import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/db';
import { openDb } from '../src/db/open-db';
import { dropPostgresSchema } from '../src/db/postgres';
import { sendEvent } from '../src/workflow/engine/send-event';
import type { EngineDeps } from '../src/workflow/types';
import { type Org, seedOrg, testEngineDeps } from '../test/helpers/engine';
import { submittedDossier } from '../test/helpers/walk';
import { fmt, type LoadResult, mergeLoads, runLoad } from './stats';

/**
 * Committed events per second through the whole command path (lock, version/role/payload checks, pure
 * transition, snapshot + history row with its hash chain), at concurrency 1, 8 and 32, on PostgreSQL and
 * PGlite; and in the same run the bare minimum a transition costs (one transaction: lock the row, update
 * it, insert one history row), with the ratio.
 */
const durationMs = Number(process.env.BENCH_MS ?? 4000);
/** Each level's time is split into this many alternating rounds of baseline and engine. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const roundMs = durationMs / rounds;
const levels = [1, 8, 32];

async function prepare(db: Db): Promise<{ deps: EngineDeps; org: Org; ids: number[]; baseIds: number[] }> {
  const org = await seedOrg(db);
  // Production caching of policy and calendar (5 s), as the runtime builds it.
  const deps = testEngineDeps(db, { cacheMs: 5000 });
  // BKTTG needs a public notice: nominations rest in publicNotice, where FILE_OBJECTION is a transition
  // that can be repeated forever (history row, version + 1, snapshot update).
  const { dossier, nominations } = await submittedDossier(deps, org, {
    awardCode: 'BKTTG',
    nominations: 128,
  });
  await sendEvent(deps, org.actors.office, {
    recordType: 'dossier',
    id: dossier.id,
    event: { type: 'RECEIVE' },
  });
  for (const n of nominations)
    await sendEvent(deps, org.actors.office, {
      recordType: 'nomination',
      id: n.id,
      event: { type: 'APPRAISE', eligible: true, overrideReason: 'Đã kiểm tra hồ sơ giấy' },
    });
  // Half for the engine, half for the baseline: each writes its own records.
  const ids = nominations.map((n) => n.id);
  return { deps, org, ids: ids.slice(0, 64), baseIds: ids.slice(64) };
}

async function engineLoad(deps: EngineDeps, org: Org, ids: number[], c: number): Promise<LoadResult> {
  return runLoad(c, roundMs, async (w, i) => {
    // Each loop has its own records: measures the path, not lock waits on one row.
    const id = ids[(w + i * c) % ids.length]!;
    await sendEvent(deps, org.actors.office, {
      recordType: 'nomination',
      id,
      event: { type: 'FILE_OBJECTION', text: `Ý kiến ${i}` },
    });
  });
}

/**
 * The bare minimum of a transition on the same schema: lock the record's row, update it (version), insert
 * one history row — into the real `nominations` and `history` tables with their indexes, so the ratio is
 * the engine's own overhead (checks, machine, snapshot, hash chain, the answer), not the schema's.
 */
async function baselineLoad(db: Db, ids: number[], c: number): Promise<LoadResult> {
  return runLoad(c, roundMs, async (w, i) => {
    const id = ids[(w + i * c) % ids.length]!;
    await db.transaction(async (tx) => {
      const rows = await tx.query<{ version: number }>(
        'SELECT version FROM nominations WHERE id = $1 FOR UPDATE',
        [id],
      );
      const v = (rows[0]?.version ?? 0) + 1;
      await tx.query('UPDATE nominations SET version = $2, updated_at = now() WHERE id = $1', [id, v]);
      await tx.query(
        `INSERT INTO history (record_type, record_id, seq, at, actor_id, actor_name, event, from_state, to_state, payload, prev_hash, hash)
         VALUES ('nomination', $1, $2, now(), NULL, 'bench', 'FILE_OBJECTION', 'publicNotice', 'publicNotice', $3, '', '')`,
        [id, v, JSON.stringify({ text: `Ý kiến ${i}` })],
      );
    });
  });
}

async function benchOn(label: string, db: Db): Promise<void> {
  const { deps, org, ids, baseIds } = await prepare(db);
  console.log(`\n${label}: ${durationMs / 1000} s per side and level, in ${rounds} alternating rounds`);
  console.log(
    'concurrency | engine ev/s | p50 ms | p99 ms | baseline tx/s | p50 ms | p99 ms | engine/baseline',
  );
  for (const c of levels) {
    // Interleaved rounds (baseline, engine, baseline, engine, …): a shared box drifts over seconds, and
    // both sides should meet the same drift.
    const bases: LoadResult[] = [];
    const engs: LoadResult[] = [];
    for (let round = 0; round < rounds; round++) {
      bases.push(await baselineLoad(db, baseIds, c));
      engs.push(await engineLoad(deps, org, ids, c));
    }
    const base = mergeLoads(bases);
    const eng = mergeLoads(engs);
    console.log(
      `${String(c).padStart(11)} | ${fmt(eng.perSecond).padStart(11)} | ${fmt(eng.p50, 2).padStart(6)} | ${fmt(eng.p99, 2).padStart(6)} | ${fmt(base.perSecond).padStart(13)} | ${fmt(base.p50, 2).padStart(6)} | ${fmt(base.p99, 2).padStart(6)} | ${fmt((100 * eng.perSecond) / base.perSecond, 0).padStart(14)}%`,
    );
  }
}

export async function runEngineBench(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const pg = await openDb({ databaseUrl: url, schema, poolSize: 32 });
  try {
    await benchOn('PostgreSQL', pg);
  } finally {
    await pg.close();
    await dropPostgresSchema(url, schema);
  }
  const lite = await openDb({ inMemory: true });
  try {
    await benchOn('PGlite (embedded, in memory)', lite);
  } finally {
    await lite.close();
  }
  console.log('\nTarget: on PostgreSQL at concurrency 8, the engine reaches at least 60% of the baseline.');
}

if (require.main === module)
  runEngineBench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
