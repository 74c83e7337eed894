import { parsedFont, type FontStyle } from './fonts';

/**
 * Width of a single line of text in points, from the same font metrics the PDF uses (Tinos has Times
 * New Roman's metrics, so the DOCX rules come out as long as Word sets the text).
 */
export function textWidthPt(text: string, style: FontStyle, sizePt: number): number {
  const font = parsedFont(style);
  return (font.layout(text).advanceWidth / font.unitsPerEm) * sizePt;
}
