import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { loadManifest, publicDir, serveAssets } from '../../../src/web/assets/manifest';

/** The built assets (dist/public, built by Jest's globalSetup when stale): names, compression, budget. */
const dir = publicDir();
const manifest = loadManifest(dir);
const file = (logical: string) => manifest.files[logical]!;

describe('web assets', () => {
  test('every file is fingerprinted by its content and precompressed', () => {
    for (const [logical, f] of Object.entries(manifest.files)) {
      expect(f.file).toMatch(/\.[0-9a-f]{10}\.(css|js|svg|woff2)$/);
      expect(f.file.replace(/\.[0-9a-f]{10}\./, '.')).toBe(logical);
      if (!f.file.endsWith('.woff2')) {
        expect(existsSync(join(dir, `${f.file}.gz`))).toBe(true);
        expect(existsSync(join(dir, `${f.file}.br`))).toBe(true);
        expect(
          gunzipSync(readFileSync(join(dir, `${f.file}.gz`))).equals(readFileSync(join(dir, f.file))),
        ).toBe(true);
      }
    }
  });

  test('CSS and JS of a page stay under 80 KB gzipped', () => {
    const total = file('app.css').gzip + file('app.js').gzip;
    expect(total).toBeLessThan(80 * 1024);
  });

  test('the fonts: Noto Sans with its Vietnamese subset, never GDS Transport', () => {
    const css = readFileSync(join(dir, file('app.css').file), 'utf8');
    expect(css).not.toMatch(/GDS Transport/i);
    expect(css).toContain(`url(/assets/${file('noto-sans-vietnamese-400-normal.woff2').file})`);
    expect(css).toMatch(/font-family:"?Noto Sans"?,"?Segoe UI"?,Arial,sans-serif/);
    // The vietnamese subset is declared last, so it is tried first for the letters it shares with latin-ext.
    expect(css.indexOf('noto-sans-vietnamese-400')).toBeGreaterThan(css.indexOf('noto-sans-latin-ext-400'));
    expect(css).toContain('max-width:1200px');
    expect(css).not.toMatch(/url\([^)]*(crest|crown)/); // GOV.UK's crest and crown images are never served
  });

  test('served precompressed, immutable for a year; unknown names are 404', async () => {
    const app = express().use(serveAssets(dir, manifest));
    const server = app.listen(0);
    const port = (server.address() as { port: number }).port;
    try {
      const url = `http://127.0.0.1:${port}/assets/${file('app.css').file}`;
      const br = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.status).toBe(200);
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(br.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(await br.text()).toContain('.govuk-button');
      const gz = await fetch(url.replace('.css', '.css'), { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect((await fetch(`http://127.0.0.1:${port}/assets/app.css`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
