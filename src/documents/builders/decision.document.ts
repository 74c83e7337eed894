import { z } from 'zod';
import { heading, officialDocument, runs, type OfficialDocument } from '../model/document.model';
import { documentSymbol, shortDate } from '../model/symbol';
import { requiredTextSchema, textSchema, upper } from '../model/text';
import {
  countPhrase,
  documentHeadSchema,
  listedNomineeSchema,
  recipientLines,
  recipientsSchema,
  signatory,
  signerDataSchema,
} from './common';

/** A decision conferring awards (Quyết định khen thưởng, NĐ 30/2020 Mẫu 1.2) with its annex of awardees. */
export const decisionDataSchema = documentHeadSchema.extend({
  /** `Giám đốc Sở Nội vụ`: the authority line, and whose decision the annex cites. */
  authority: requiredTextSchema,
  /** `Giấy khen của Giám đốc Sở Nội vụ`. */
  awardName: requiredTextSchema,
  /** `đã có thành tích xuất sắc trong phong trào thi đua năm 2026`. */
  achievement: requiredTextSchema,
  /** Each ground already phrased: `Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022`. */
  grounds: z.array(requiredTextSchema).min(1),
  /** `Xét đề nghị của Chánh Văn phòng Sở và Hội đồng Thi đua - Khen thưởng Sở`. */
  proposedBy: requiredTextSchema,
  awardees: z.array(listedNomineeSchema).min(1),
  /** The reward article's text, if any: `Mỗi cá nhân được thưởng …`. */
  reward: textSchema.optional(),
  /** Who carries the decision out (Điều 3). */
  executors: requiredTextSchema,
  recipients: recipientsSchema.default(['Như Điều 3']),
  signer: signerDataSchema,
});
export type DecisionData = z.input<typeof decisionDataSchema>;

const endGround = (g: string, last: boolean): string => g.replace(/[;.,]+$/u, '') + (last ? '.' : ';');

export function decisionDocument(input: DecisionData): OfficialDocument {
  const d = decisionDataSchema.parse(input);
  const symbol = documentSymbol(d.number, 'QĐ', d.issuer.code);
  const count = countPhrase(d.awardees);
  const articles = [
    `Tặng ${d.awardName} cho ${count} (có danh sách kèm theo) ${d.achievement.replace(/[.;]+$/u, '')}.`,
    d.reward ??
      'Khen thưởng kèm theo theo quy định của Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành.',
    `Quyết định này có hiệu lực kể từ ngày ký. ${d.executors.replace(/[.;]+$/u, '')} chịu trách nhiệm thi hành Quyết định này./.`,
  ];
  const grounds = [...d.grounds, d.proposedBy];
  const referenceDate = d.date === null ? '\u00a0'.repeat(10) : shortDate(d.date);
  return officialDocument({
    kind: 'decision',
    type: 'QĐ',
    issuer: d.issuer,
    number: d.number,
    date: d.date,
    year: d.year,
    title: 'QUYẾT ĐỊNH',
    subject: [`Về việc tặng ${d.awardName}`],
    authority: upper(d.authority),
    grounds: grounds.map((g, i) => endGround(g, i === grounds.length - 1)),
    body: [
      heading('QUYẾT ĐỊNH:', 'center'),
      ...articles.map((text, i) => runs([{ text: `Điều ${i + 1}. `, bold: true }, { text }])),
    ],
    recipients: recipientLines(d.recipients),
    signatories: [signatory(d.signer)],
    annex: {
      title: 'DANH SÁCH',
      subtitle: `${count.replace(/^./u, (c) => c.toUpperCase())} được tặng ${d.awardName}`,
      reference: `(Kèm theo Quyết định số ${symbol} ngày ${referenceDate} của ${d.authority})`,
      table: {
        columns: [
          { header: 'STT', width: 0.7, align: 'center' },
          { header: 'Họ và tên', width: 2.3 },
          { header: 'Chức vụ, đơn vị công tác', width: 3.6 },
          { header: 'Ghi chú', width: 1.2 },
        ],
        rows: d.awardees.map((a, i) => [String(i + 1), a.name, a.position, a.note]),
      },
      closing: `Danh sách có ${count}./.`,
    },
  });
}
