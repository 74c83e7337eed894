import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Role } from '../../machines/contract';
import type { Db } from '../../src/db/db';
import { insertAttachment } from '../../src/db/dossier-parts';
import { createUnit } from '../../src/db/units';
import { createUser } from '../../src/db/users';
import { seedCatalogue } from '../../src/db/award-versions';
import { createRulesPort } from '../../src/workflow/eligibility/rules-port';
import { type BuiltEngineDeps, buildEngineDeps } from '../../src/workflow/engine/engine-deps';
import type { Actor, EngineDeps, OutboxKicker } from '../../src/workflow/types';

/** A clock the test moves by hand. */
export function fakeClock(start = '2026-03-02T02:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set(iso: string) {
      t = new Date(iso).getTime();
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

export function testEngineDeps(
  db: Db,
  opts: {
    now?: () => Date;
    outbox?: OutboxKicker;
    cacheMs?: number;
    dataDir?: string;
    documents?: EngineDeps['documents'];
  } = {},
): BuiltEngineDeps {
  return buildEngineDeps({
    db,
    logger: pino({ level: 'silent' }),
    rules: createRulesPort(),
    publicUrl: 'http://accolade.test',
    timeZone: 'Asia/Ho_Chi_Minh',
    // Content-addressed: tests may share one folder (a file's name is its hash).
    dataDir: opts.dataDir ?? join(tmpdir(), 'accolade-engine-files'),
    ...(opts.documents ? { documents: opts.documents } : {}),
    cacheMs: opts.cacheMs ?? 0,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.outbox ? { outbox: opts.outbox } : {}),
  });
}

export interface Org {
  department: number;
  unitA: number;
  unitB: number;
  actors: Record<'admin' | 'office' | 'director' | 'council' | 'clerkA' | 'clerkB', Actor>;
}

/** A small department: the root (code SNV), two units with a clerk each, office, director, council, admin. */
export async function seedOrg(db: Db): Promise<Org> {
  await seedCatalogue(db);
  const dep = await createUnit(db, {
    code: 'SNV',
    name: 'Sở Nội vụ',
    parentId: null,
    email: null,
    validFrom: '2025-01-01',
  });
  const a = await createUnit(db, {
    code: 'PLD',
    name: 'Phòng Lao động',
    parentId: dep.id,
    email: 'pld@unit.test',
    validFrom: '2025-01-01',
  });
  const b = await createUnit(db, {
    code: 'PBT',
    name: 'Phòng Bảo trợ',
    parentId: dep.id,
    email: null,
    validFrom: '2025-01-01',
  });
  const mk = async (username: string, roles: Role[], unitId: number): Promise<Actor> => {
    const u = await createUser(db, {
      username,
      passwordHash: 'not-a-login',
      fullName: `Người dùng ${username}`,
      email: `${username}@test.local`,
      unitId,
      roles,
    });
    return { userId: u.id, name: u.fullName, roles, unitId };
  };
  return {
    department: dep.id,
    unitA: a.id,
    unitB: b.id,
    actors: {
      admin: await mk('admin', ['admin'], dep.id),
      office: await mk('office', ['office'], dep.id),
      director: await mk('director', ['director'], dep.id),
      council: await mk('council', ['council'], dep.id),
      clerkA: await mk('clerka', ['unit'], a.id),
      clerkB: await mk('clerkb', ['unit'], b.id),
    },
  };
}

/** Files are stored by the HTTP layer; the engine only needs the metadata rows. */
export async function attach(db: Db, dossierId: number, kinds: readonly string[]): Promise<void> {
  for (const kind of kinds)
    await insertAttachment(db, {
      dossierId,
      kind,
      filename: `${kind}.pdf`,
      mime: 'application/pdf',
      size: 100,
      sha256: 'a'.repeat(64),
      storageKey: `test/${kind}`,
      uploadedBy: null,
    });
}
