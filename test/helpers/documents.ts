import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

/** Helpers for the documents tests: read DOCX parts, run poppler's tools on PDF bytes. */
export function docxPart(docx: Uint8Array, part = 'word/document.xml'): string {
  const files = unzipSync(docx);
  const f = files[part];
  if (!f) throw new Error(`no ${part} in the DOCX`);
  return strFromU8(f);
}

/** Runs `fn` with the bytes written to a temporary file; the directory is removed after. */
export function withFile<T>(bytes: Uint8Array, name: string, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'accolade-doc-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `pdftotext` of each page (form feed separated in poppler's output): `raw` keeps the drawing order (a
 * table cell's lines stay together, a line-end hyphen stays), `layout` the physical layout.
 */
export function pdfPages(pdf: Uint8Array, mode: 'raw' | 'layout' | 'reading' = 'raw'): string[] {
  return withFile(pdf, 'doc.pdf', (path) => {
    const flags = mode === 'raw' ? ['-raw'] : mode === 'layout' ? ['-layout'] : [];
    const out = execFileSync('pdftotext', [...flags, '-enc', 'UTF-8', path, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8');
    const pages = out.split('\f');
    if (pages[pages.length - 1]?.trim() === '') pages.pop();
    return pages;
  });
}

export const pdfText = (pdf: Uint8Array): string => pdfPages(pdf).join('\n');

/** `pdfsig -nocert` output (poppler 22.12 cannot validate a chain: see the documents brief). */
export function pdfsig(pdf: Uint8Array): string {
  return withFile(pdf, 'signed.pdf', (path) => {
    try {
      return execFileSync('pdfsig', ['-nocert', path]).toString('utf8');
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      return `${err.stdout?.toString('utf8') ?? ''}${err.stderr?.toString('utf8') ?? ''}`;
    }
  });
}

/** Renders pages to PNG with pdftoppm; returns the PNG files' bytes. */
export function pdfToPngs(pdf: Uint8Array, pages: number[], dpi = 70): Buffer[] {
  return withFile(pdf, 'doc.pdf', (path, dir) =>
    pages.map((p) => {
      execFileSync('pdftoppm', [
        '-r',
        String(dpi),
        '-png',
        '-f',
        String(p),
        '-l',
        String(p),
        '-singlefile',
        path,
        join(dir, `p${p}`),
      ]);
      return readFileSync(join(dir, `p${p}.png`));
    }),
  );
}

export const hasTool = (name: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
};
