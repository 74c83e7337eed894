import { z } from 'zod';
import { capacityLines } from '../model/capacity';
import { issuerSchema, type Signatory } from '../model/document.model';
import { isoDateSchema } from '../model/symbol';
import { requiredTextSchema, textSchema } from '../model/text';

/** What every builder's data starts with: who issues it, its number and date (null while a draft). */
export const documentHeadSchema = z.object({
  issuer: issuerSchema,
  number: z.number().int().positive().nullable().default(null),
  date: isoDateSchema.nullable().default(null),
  /** The year of a draft's date line; defaults to the date's year. */
  year: z.number().int().min(2000).max(2100),
});

/** The signer as the records hold them: the mode (`KT`, `Q`, `TM`…), whose name it is in, the person. */
export const signerDataSchema = z.object({
  mode: z.enum(['own', 'KT', 'Q', 'TM', 'TL', 'TUQ']).default('own'),
  /** The head's title: `Giám đốc`, `Hội đồng`. */
  principal: requiredTextSchema,
  /** The signer's own title where the mode needs one: `Phó Giám đốc`, `Chủ tịch`. */
  ownTitle: requiredTextSchema.optional(),
  name: requiredTextSchema,
});
export type SignerData = z.input<typeof signerDataSchema>;

export function signatory(s: z.infer<typeof signerDataSchema>): Signatory {
  return { capacity: capacityLines(s.mode, s.principal, s.ownTitle), name: s.name };
}

/** A person or a collective in a list. */
export const listedNomineeSchema = z.object({
  /** `Bà Nguyễn Thị Hằng`, `Phòng Tổ chức cán bộ`. */
  name: requiredTextSchema,
  kind: z.enum(['person', 'collective']).default('person'),
  /** `Chuyên viên Phòng Tổ chức cán bộ, Sở Nội vụ`. */
  position: textSchema.default(''),
  /** The award, where a list mixes several. */
  award: textSchema.default(''),
  note: textSchema.default(''),
});
export type ListedNominee = z.infer<typeof listedNomineeSchema>;

export const recipientsSchema = z.array(requiredTextSchema);

/** `2 tập thể và 298 cá nhân`, `298 cá nhân`. */
export function countPhrase(list: readonly ListedNominee[]): string {
  const c = list.filter((n) => n.kind === 'collective').length;
  const p = list.length - c;
  const parts = [c > 0 ? `${c} tập thể` : '', p > 0 ? `${p} cá nhân` : ''].filter(Boolean);
  return parts.join(' và ') || '0 cá nhân';
}

/** Ensures the last recipient line is the archive line and the lines end as NĐ 30 writes them. */
export function recipientLines(lines: readonly string[], archive = 'Lưu: VT, VP.'): string[] {
  const out = lines.map((l) => l.trim()).filter((l) => l.length > 0 && !/^Lưu\s*:/u.test(l));
  const last = lines.map((l) => l.trim()).find((l) => /^Lưu\s*:/u.test(l)) ?? archive;
  return [...out.map((l) => (/[;.]$/.test(l) ? l : `${l};`)), last].map((l) => `- ${l.replace(/^-\s*/, '')}`);
}
