import { z } from 'zod';
import type { Queryable } from '../../db/db';
import { getSetting, putSetting } from '../../db/settings';
import { requireRole } from '../access';
import { parseInput } from '../input';
import type { Actor, EngineDeps } from '../types';

/**
 * What the department's documents say that the records do not hold: the parent body and the place in
 * the header, the legal grounds cited, the province's addressee, and the signing policy (a digital
 * signature required, or a signature on paper allowed for a director without a certificate).
 */
export const documentSettingsSchema = z
  .object({
    /** `UBND TỈNH BẮC NINH`; null for none. */
    parent: z.string().trim().min(1).max(200).nullable(),
    /** The place in the date line: `Bắc Ninh`. */
    place: z.string().trim().min(1).max(100),
    /** The Tờ trình's addressee: `Ủy ban nhân dân tỉnh Bắc Ninh`. */
    addressee: z.string().trim().min(1).max(200),
    /** Each ground of a decision, cited by name and date (NĐ 30/2020 PL I 6a). */
    grounds: z.array(z.string().trim().min(1).max(500)).min(1).max(10),
    /** SIGN refuses without a digital signature (else: numbered and frozen for a signature on paper). */
    digitalSignatureRequired: z.boolean(),
    /** The province's email carries the dossiers' files up to this many bytes in all, else links. */
    emailAttachmentLimitBytes: z
      .number()
      .int()
      .min(0)
      .max(50 * 1024 * 1024),
  })
  .strict();
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

export const defaultDocumentSettings: DocumentSettings = {
  parent: null,
  place: 'Việt Nam',
  addressee: 'Ủy ban nhân dân tỉnh',
  grounds: [
    'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
    'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  ],
  digitalSignatureRequired: false,
  emailAttachmentLimitBytes: 10 * 1024 * 1024,
};

const KEY = 'documents';

export async function readDocumentSettings(q: Queryable): Promise<DocumentSettings> {
  const stored = await getSetting(q, KEY);
  const merged = documentSettingsSchema.safeParse({
    ...defaultDocumentSettings,
    ...(stored && typeof stored === 'object' ? stored : {}),
  });
  return merged.success ? merged.data : defaultDocumentSettings;
}

export async function getDocumentSettings(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
): Promise<DocumentSettings> {
  requireRole(actor, 'admin', 'office', 'director');
  return readDocumentSettings(deps.db);
}

/** The admin sets them (every field, as `GET` answers them). */
export async function putDocumentSettings(
  deps: Pick<EngineDeps, 'db'>,
  actor: Actor,
  input: unknown,
): Promise<DocumentSettings> {
  requireRole(actor, 'admin');
  const s = parseInput(documentSettingsSchema, input);
  await putSetting(deps.db, KEY, s, actor.userId);
  return s;
}
