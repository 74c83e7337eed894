/**
 * The NĐ 30/2020 page and type rules, in one place, read by both renderers (DOCX and PDF) so the two
 * layouts cannot drift. Lengths are kept in millimetres and converted where a format needs its own
 * unit: twips for DOCX (rounded, not floored: `convertMillimetersToTwip` floors A4 to 11905×16837),
 * points for PDF.
 */
export const MM_PER_INCH = 25.4;
export const mmToPt = (mm: number): number => (mm / MM_PER_INCH) * 72;
export const mmToTwip = (mm: number): number => Math.round((mm / MM_PER_INCH) * 1440);
export const ptToTwip = (pt: number): number => Math.round(pt * 20);
/** DOCX run sizes are in half-points. */
export const ptToHalfPt = (pt: number): number => Math.round(pt * 2);

export const A4 = {
  widthMm: 210,
  heightMm: 297,
  /** Exact A4 in twips, as Word writes it. */
  widthTwip: 11906,
  heightTwip: 16838,
  widthPt: 595.28,
  heightPt: 841.89,
} as const;

/** NĐ 30/2020 Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
/** The certificate page (A4 landscape) keeps a frame inside equal margins. */
export const CERTIFICATE_MARGINS_MM = { top: 15, bottom: 15, left: 20, right: 20 } as const;

export const TEXT_WIDTH_MM = A4.widthMm - MARGINS_MM.left - MARGINS_MM.right; // 165

export const FONT_FAMILY = 'Times New Roman';
export const LANGUAGE = 'vi-VN';

/** Type sizes in points (NĐ 30/2020 Phụ lục I, the middle of each allowed range). */
export const SIZE = {
  parentBody: 13,
  issuer: 13,
  nationalName: 12,
  motto: 14,
  symbol: 13,
  placeDate: 14,
  title: 14,
  subject: 14,
  body: 14,
  recipientsLabel: 12,
  recipients: 11,
  capacity: 14,
  signerName: 14,
  pageNumber: 13,
  annexTitle: 14,
  annexReference: 14,
  table: 12,
  tableHeader: 12,
  verification: 8,
} as const;

/** The two-column header: issuer on the left, national motto on the right. */
export const HEADER_COLUMNS_MM = { left: 65, right: TEXT_WIDTH_MM - 65 } as const;
/** The signature block: recipients on the left, the signer on the right. */
export const SIGNATURE_COLUMNS_MM = { left: 80, right: TEXT_WIDTH_MM - 80 } as const;
/**
 * The space kept between the signer's capacity and name: the signature image (and the seal, which
 * overlaps its left third) go there; the PDF renderer reports this rectangle for the visible signature.
 */
export const SIGNATURE_BOX_MM = { width: 60, height: 30 } as const;
/** A Sở's round seal is about 35–36 mm across. */
export const SEAL_DIAMETER_MM = 36;

export const PARAGRAPH = {
  /** First-line indent of body paragraphs. */
  firstLineIndentMm: 12.7,
  /** Space after each body paragraph, points. */
  spaceAfterPt: 6,
  /** Line height as a multiple of the type size (Word's "multiple 1.1"). */
  lineGap: 1.1,
} as const;

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Page numbers: centred in the top margin, from the second page of each part. */
export const PAGE_NUMBER_FROM = 2;

/** Colours of the electronic signature's appearance (NĐ 30/2020 Phụ lục I). */
export const SIGNATURE_COLOURS = { signature: '#1a3d9c', seal: '#d0161b' } as const;
