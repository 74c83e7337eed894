import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RequestHandler } from 'express';

/** `dist/public/manifest.json`, written by build-assets.ts: logical name → fingerprinted file and sizes. */
export interface AssetManifest {
  /** Hash of the build's inputs (sources and package versions): a different one means a stale build. */
  inputs: string;
  builtAt: string;
  files: Record<string, { file: string; bytes: number; gzip: number; brotli: number }>;
}

/** The folder holding package.json, whether we run from `src/` (tests) or `dist/src/` (built). */
export function packageRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package root above ${from}`);
    dir = up;
  }
}

export const publicDir = (root = packageRoot()): string => join(root, 'dist', 'public');

export function loadManifest(dir = publicDir()): AssetManifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file))
    throw new Error(`The web assets are not built (${file} is missing): run \`npm run build\``);
  return JSON.parse(readFileSync(file, 'utf8')) as AssetManifest;
}

/** URLs of the built files by logical name (`app.css` → `/assets/app.3f2a9c1b7d.css`). */
export interface Assets {
  url(logical: string): string;
  manifest: AssetManifest;
}

export function assetsOf(manifest: AssetManifest): Assets {
  return {
    manifest,
    url(logical) {
      const f = manifest.files[logical];
      if (!f) throw new Error(`no built asset ${logical}`);
      return `/assets/${f.file}`;
    },
  };
}

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
};

/**
 * Serves `/assets/<fingerprinted name>`: only the files of the manifest, from memory, precompressed
 * (brotli, else gzip, as the client accepts), cached for a year and immutable (a change is a new name).
 * Mounted before the session: an asset never touches the database.
 */
export function serveAssets(dir: string, manifest: AssetManifest): RequestHandler {
  const byName = new Map<string, { type: string; raw: Buffer; gz?: Buffer; br?: Buffer }>();
  for (const f of Object.values(manifest.files)) {
    const ext = f.file.slice(f.file.lastIndexOf('.') + 1);
    const raw = readFileSync(join(dir, f.file));
    const compressed = existsSync(join(dir, `${f.file}.gz`));
    byName.set(f.file, {
      type: types[ext] ?? 'application/octet-stream',
      raw,
      ...(compressed
        ? { gz: readFileSync(join(dir, `${f.file}.gz`)), br: readFileSync(join(dir, `${f.file}.br`)) }
        : {}),
    });
  }
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const m = /^\/assets\/([A-Za-z0-9._-]+)$/.exec(req.path);
    if (!m) return next();
    const f = byName.get(m[1]!);
    if (!f) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    const accepts = req.get('accept-encoding') ?? '';
    let body = f.raw;
    if (f.br && /\bbr\b/.test(accepts)) {
      body = f.br;
      res.setHeader('Content-Encoding', 'br');
    } else if (f.gz && /\bgzip\b/.test(accepts)) {
      body = f.gz;
      res.setHeader('Content-Encoding', 'gzip');
    }
    if (f.gz) res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Type', f.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Content-Length', String(body.length));
    // Fonts are fetched in CORS mode; they are public.
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };
}
