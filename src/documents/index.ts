/**
 * The documents layer: plain data in, bytes out. No database, HTTP, queue or workflow here; the
 * wiring (SIGN, endpoints, emails) calls these functions. See README.md.
 */
export * from './errors';
// The model and its text rules
export * from './model/document.model';
export { capacityLines, type SigningMode } from './model/capacity';
export {
  documentSymbol,
  documentTypeCodes,
  numberLine,
  placeDateLine,
  shortDate,
  type DocumentTypeCode,
} from './model/symbol';
export { downloadFileName, type DownloadFileName } from './model/file-name';
export { nfc, nfcDeep, stripVietnameseMarks } from './model/text';
// Builders
export { decisionDocument, decisionDataSchema, type DecisionData } from './builders/decision.document';
export { proposalDocument, proposalDataSchema, type ProposalData } from './builders/proposal.document';
export { minutesDocument, minutesDataSchema, type MinutesData } from './builders/minutes.document';
export { noticeDocument, noticeDataSchema, type NoticeData } from './builders/notice.document';
export { planDocument, planDataSchema, defaultPlanOutline, type PlanData } from './builders/plan.document';
export {
  certificateBatch,
  certificateDataSchema,
  type CertificateBatch,
  type CertificateData,
} from './builders/certificate.document';
export type { SignerData, ListedNominee } from './builders/common';
// Renderers
export {
  renderPdf,
  type PdfRenderOptions,
  type RenderedPdf,
  type SignaturePlacement,
} from './render/pdf.renderer';
export { renderDocx } from './render/docx.renderer';
export {
  renderCertificatesPdf,
  renderCertificatesDocx,
  type RenderedCertificates,
} from './render/certificate.renderer';
// Signing
export type { Signer } from './signing/signer';
export { Pkcs12Signer, pkcs12Certificate, type Pkcs12Options } from './signing/pkcs12.signer';
export {
  certificateInfo,
  certificateToPem,
  type CertificateInfo,
  type DistinguishedName,
} from './signing/certificate-info';
export {
  signPdf,
  signOfficialDocument,
  sealPlacement,
  stampAttachment,
  type SignPdfOptions,
  type SignOfficialDocumentInput,
} from './signing/pades.signer';
export type { Appearance } from './signing/appearance';
export { isoVietnam } from './signing/pdf-incremental';
export { httpTimestampAuthority, type TimestampAuthority } from './signing/tsa.client';
// Verification
export {
  verifyPdf,
  type PdfVerification,
  type SignatureReport,
  type VerifyOptions,
} from './verify/pdf.verifier';
export { checkSignedCopy, type SignedCopyResult } from './verify/signed-copy.verifier';
// Excel
export {
  buildWorkbook,
  excelDate,
  safeSheetName,
  sheet,
  tableWorkbook,
  type ExcelColumn,
  type ExcelColumnType,
  type ExcelSheet,
  type PreparedSheet,
} from './excel/workbook.excel';
export {
  annexWorkbook,
  nominationsWorkbook,
  statisticsWorkbook,
  type AwardCount,
  type NominationRow,
} from './excel/exports.excel';
