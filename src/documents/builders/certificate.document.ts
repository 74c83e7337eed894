import { z } from 'zod';
import { issuerSchema, signatorySchema } from '../model/document.model';
import { isoDateSchema, placeDateLine } from '../model/symbol';
import { requiredTextSchema, textSchema, upper } from '../model/text';
import { signatory, signerDataSchema } from './common';

/**
 * Certificates the department issues (Giấy khen, certificates of a title such as Chiến sĩ thi đua cơ
 * sở): one A4 landscape page per awardee, printed in a batch.
 */
export const certificateDataSchema = z.object({
  issuer: issuerSchema,
  /** `GIẤY KHEN`, `GIẤY CHỨNG NHẬN`. */
  title: requiredTextSchema,
  /** The title conferred, for a certificate of a title: `Chiến sĩ thi đua cơ sở`. */
  titleConferred: requiredTextSchema.optional(),
  /** Who grants it: `Giám đốc Sở Nội vụ tỉnh Bắc Ninh` (printed upper case above `TẶNG`). */
  grantor: requiredTextSchema,
  decision: z.object({ symbol: requiredTextSchema, date: isoDateSchema }),
  /** The date line's date. */
  date: isoDateSchema,
  signer: signerDataSchema,
  awardees: z
    .array(
      z.object({
        name: requiredTextSchema,
        position: textSchema.default(''),
        citation: requiredTextSchema,
        /** The register entry: `001/GK`. */
        register: textSchema.default(''),
      }),
    )
    .min(1),
});
export type CertificateData = z.input<typeof certificateDataSchema>;

export const certificatePageSchema = z.object({
  title: requiredTextSchema,
  titleConferred: requiredTextSchema.optional(),
  grantor: requiredTextSchema,
  name: requiredTextSchema,
  position: textSchema,
  citation: requiredTextSchema,
  decisionLine: requiredTextSchema,
  register: textSchema,
  placeDate: requiredTextSchema,
  signatory: signatorySchema,
});
export type CertificatePage = z.infer<typeof certificatePageSchema>;

export interface CertificateBatch {
  issuer: z.infer<typeof issuerSchema>;
  pages: CertificatePage[];
}

export function certificateBatch(input: CertificateData): CertificateBatch {
  const d = certificateDataSchema.parse(input);
  const [y, m, day] = d.decision.date.split('-');
  const sig = signatory(d.signer);
  return {
    issuer: d.issuer,
    pages: d.awardees.map((a) => ({
      title: upper(d.title),
      titleConferred: d.titleConferred,
      grantor: upper(d.grantor),
      name: a.name,
      position: a.position,
      citation: a.citation,
      decisionLine: `Quyết định số ${d.decision.symbol} ngày ${day}/${m}/${y}`,
      register: a.register ? `Số sổ: ${a.register}` : '',
      placeDate: placeDateLine(d.issuer.place, d.date, Number(y)),
      signatory: sig,
    })),
  };
}
