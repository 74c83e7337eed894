import { z } from 'zod';
import { officialDocument, para, type OfficialDocument } from '../model/document.model';
import { documentSymbol, shortDate } from '../model/symbol';
import { requiredTextSchema } from '../model/text';
import {
  countPhrase,
  documentHeadSchema,
  listedNomineeSchema,
  recipientLines,
  recipientsSchema,
  signatory,
  signerDataSchema,
} from './common';

/** The proposal to the province (Tờ trình) forwarding nominations, with its annex. */
export const proposalDataSchema = documentHeadSchema.extend({
  /** `Ủy ban nhân dân tỉnh Bắc Ninh`. */
  addressee: requiredTextSchema,
  /** `Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh`. */
  awardName: requiredTextSchema,
  /** The issuer as the text names it: `Sở Nội vụ`. */
  issuerShortName: requiredTextSchema,
  /** Paragraphs before the request: the grounds and the campaign's results. */
  grounds: z.array(requiredTextSchema).min(1),
  /** `đã có thành tích xuất sắc trong phong trào thi đua năm 2026`. */
  achievement: requiredTextSchema,
  nominees: z.array(listedNomineeSchema).min(1),
  /** What travels with it: `Hồ sơ đề nghị khen thưởng của 12 cá nhân`. */
  enclosed: z.array(requiredTextSchema).default([]),
  recipients: recipientsSchema.default(['Như trên', 'Ban Thi đua - Khen thưởng tỉnh']),
  signer: signerDataSchema,
});
export type ProposalData = z.input<typeof proposalDataSchema>;

export function proposalDocument(input: ProposalData): OfficialDocument {
  const d = proposalDataSchema.parse(input);
  const symbol = documentSymbol(d.number, 'TTr', d.issuer.code);
  const count = countPhrase(d.nominees);
  const referenceDate = d.date === null ? '\u00a0'.repeat(10) : shortDate(d.date);
  return officialDocument({
    kind: 'proposal',
    type: 'TTr',
    issuer: d.issuer,
    number: d.number,
    date: d.date,
    year: d.year,
    title: 'TỜ TRÌNH',
    subject: [`Về việc đề nghị tặng ${d.awardName}`],
    addressee: `Kính gửi: ${d.addressee}.`,
    body: [
      ...d.grounds.map((g) => para(g)),
      para(
        `${d.issuerShortName} kính trình ${d.addressee} xem xét, tặng ${d.awardName} cho ${count} ` +
          `(có danh sách kèm theo) ${d.achievement.replace(/[.;]+$/u, '')}.`,
      ),
      ...(d.enclosed.length > 0
        ? [para('Hồ sơ kèm theo gồm:'), ...d.enclosed.map((e) => para(`- ${e};`))]
        : []),
      para(`${d.issuerShortName} kính trình ${d.addressee} xem xét, quyết định./.`),
    ],
    recipients: recipientLines(d.recipients),
    signatories: [signatory(d.signer)],
    annex: {
      title: 'DANH SÁCH',
      subtitle: `Đề nghị tặng ${d.awardName}`,
      reference: `(Kèm theo Tờ trình số ${symbol} ngày ${referenceDate} của ${d.issuerShortName})`,
      table: {
        columns: [
          { header: 'STT', width: 0.7, align: 'center' },
          { header: 'Tên tập thể, cá nhân', width: 2.4 },
          { header: 'Chức vụ, đơn vị công tác', width: 3.2 },
          { header: 'Hình thức đề nghị', width: 1.7 },
        ],
        rows: d.nominees.map((n, i) => [String(i + 1), n.name, n.position, n.award || d.awardName]),
      },
      closing: `Danh sách có ${count}./.`,
    },
  });
}
