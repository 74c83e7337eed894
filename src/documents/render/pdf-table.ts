import type { Table } from '../model/document.model';
import type { Pdf } from './pdf-kit';

/**
 * A ruled table drawn row by row: each row is measured before it is drawn; a row that does not fit
 * starts a new page, which first repeats the header row (pdfkit's own `table()` does not). A row never
 * splits across pages (as `cantSplit` in the DOCX).
 */
export interface TableStyle {
  x: number;
  width: number;
  size: number;
  headerSize: number;
  padX: number;
  padY: number;
}

interface Measured {
  heights: number[];
  h: number;
}

export function columnWidths(table: Table, width: number): number[] {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  return table.columns.map((c) => (c.width / total) * width);
}

export function drawTable(doc: Pdf, table: Table, style: TableStyle): void {
  const widths = columnWidths(table, style.width);
  const bottomLimit = () => doc.page.height - doc.page.margins.bottom;

  /** Each cell's text height, measured once; a text narrower than its cell is one line. */
  const measure = (cells: readonly string[], font: 'regular' | 'bold', size: number): Measured => {
    doc.font(font).fontSize(size);
    const line = doc.currentLineHeight(true);
    const heights = cells.map((text, i) => {
      if (text.length === 0) return 0;
      const w = (widths[i] ?? 0) - 2 * style.padX;
      if (!text.includes('\n') && doc.widthOfString(text) <= w) return line;
      return doc.heightOfString(text, { width: w });
    });
    return { heights, h: Math.max(line, ...heights) + 2 * style.padY };
  };

  const drawRow = (cells: readonly string[], m: Measured, y: number, header: boolean): void => {
    const size = header ? style.headerSize : style.size;
    doc.font(header ? 'bold' : 'regular').fontSize(size);
    let x = style.x;
    cells.forEach((text, i) => {
      const w = widths[i] ?? 0;
      const column = table.columns[i];
      const align = header ? 'center' : (column?.align ?? 'left');
      const textH = m.heights[i] ?? 0;
      // Header cells are centred vertically; body cells start at the top, as Word draws them.
      const ty = header ? y + (m.h - textH) / 2 : y + style.padY;
      if (text.length > 0) doc.text(text, x + style.padX, ty, { width: w - 2 * style.padX, align });
      x += w;
    });
    doc.save().lineWidth(0.5).strokeColor('#000000');
    doc.rect(style.x, y, style.width, m.h);
    let cx = style.x;
    for (const w of widths.slice(0, -1)) {
      cx += w;
      doc.moveTo(cx, y).lineTo(cx, y + m.h);
    }
    doc.stroke().restore();
  };

  const headers = table.columns.map((c) => c.header);
  const headerM = measure(headers, 'bold', style.headerSize);
  let y = doc.y;
  const header = (): void => {
    drawRow(headers, headerM, y, true);
    y += headerM.h;
  };
  const rows = table.rows.map((r) => measure(r, 'regular', style.size));
  // The header and the first row stay together.
  if (y + headerM.h + (rows[0]?.h ?? 0) > bottomLimit()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  header();
  table.rows.forEach((row, i) => {
    const m = rows[i] as Measured;
    if (y + m.h > bottomLimit()) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    drawRow(row, m, y, false);
    y += m.h;
  });
  doc.x = style.x;
  doc.y = y;
}
