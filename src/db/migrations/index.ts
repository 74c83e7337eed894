import { sql as core } from './0001-core';
import { sql as rules } from './0002-rules';
import { sql as mail } from './0004-mail';
import { sql as adminAudit } from './0060-admin-audit';
import { sql as documents } from './0070-documents';

/** Ordered, append-only. A migration never changes once released: add a new one. */
export const migrations: ReadonlyArray<{ id: string; sql: string }> = [
  { id: '0001-core', sql: core },
  { id: '0002-rules', sql: rules },
  { id: '0004-mail', sql: mail },
  { id: '0060-admin-audit', sql: adminAudit },
  { id: '0070-documents', sql: documents },
];
