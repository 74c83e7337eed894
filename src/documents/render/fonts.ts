import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The serif both PDFs use: Tinos (Google's metric-compatible Times New Roman, SIL OFL 1.1), shipped as
 * TTF by the npm package `@expo-google-fonts/tinos`, so `npm ci` brings it. Its metrics match Times New
 * Roman, so PDF pages break where Word's do; it covers every precomposed Vietnamese letter.
 * (`@fontsource/tinos` is no substitute: its WOFF2 files are split by unicode-range.)
 */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const files: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

const cache = new Map<FontStyle, Buffer>();

/** The TTF bytes of one style (read once per process: they are constant assets, not state). */
export function fontBytes(style: FontStyle): Buffer {
  let b = cache.get(style);
  if (!b) {
    b = readFileSync(require.resolve(files[style]));
    cache.set(style, b);
  }
  return b;
}

const parsed = new Map<FontStyle, fontkit.Font>();

/**
 * The parsed font of one style, shared by every PDF the process makes: parsing four 500 KB TTFs per
 * document cost most of a decision's render time (and its garbage). pdfkit takes a fontkit font as is
 * and keeps its own subset per document, so sharing the parsed font is safe.
 */
export function parsedFont(style: FontStyle): fontkit.Font {
  let f = parsed.get(style);
  if (!f) {
    const created = fontkit.create(fontBytes(style));
    if (!('layout' in created)) throw new Error(`font ${style}: a collection, not a font`);
    f = keepCodePoints(created);
    parsed.set(style, f);
  }
  return f;
}

/**
 * fontkit caches glyphs by id with the code points of their first request; decoding a composite
 * glyph (`Ộ` is `O` plus marks) caches its components with none. pdfkit's ToUnicode map takes a
 * glyph's code points when a document first uses it, so once the font is shared a later document's
 * `O` would have no text (`pdftotext` gave `KẾ H ẠCH`). Give such a glyph its code points when they
 * are asked for.
 */
function keepCodePoints(font: fontkit.Font): fontkit.Font {
  const f = font as fontkit.Font & { getGlyph(id: number, codePoints?: number[]): fontkit.Glyph };
  const original = f.getGlyph.bind(f);
  f.getGlyph = (id: number, codePoints: number[] = []) => {
    const g = original(id, codePoints);
    if (g && codePoints.length > 0 && g.codePoints.length === 0) {
      (g as { codePoints: number[] }).codePoints = codePoints;
    }
    return g;
  };
  return f;
}

export const fontStyles: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];
