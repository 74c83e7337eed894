import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { packageRoot, publicDir, type AssetManifest } from './manifest';

/**
 * Compiles the pages' styles and script into `dist/public`, once (never per request):
 * - `app.scss` (GOV.UK Frontend 6 + the MOJ components used + ours) with the npm `sass` package;
 * - `client/app.ts` (GOV.UK's ES modules, the MOJ components used, htmx 4, our glue) bundled and minified
 *   by esbuild;
 * - the Noto Sans faces (latin, latin-ext, vietnamese; 400 and 700) from @fontsource/noto-sans, with their
 *   unicode-range so a page loads only the subsets it shows;
 * - our emblem.
 * Every file is named by its content's hash (`app.3f2a9c1b7d.css`), precompressed (`.gz`, `.br`) and listed
 * in `manifest.json` with its sizes and the hash of the inputs (so a stale build is detected).
 * `sass` and `esbuild` are build-time dependencies: imported here only, never by the server.
 */

const FONT_SUBSETS = ['latin', 'latin-ext', 'vietnamese'] as const;
const FONT_WEIGHTS = [400, 700] as const;

/** What the build reads: its hash names the build (a changed input means a rebuild). */
export function inputsHash(root = packageRoot()): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else {
        h.update(relative(root, p));
        h.update(readFileSync(p));
      }
    }
  };
  walk(join(root, 'src/web/assets'));
  walk(join(root, 'src/web/client'));
  for (const pkg of ['govuk-frontend', '@ministryofjustice/frontend', 'htmx.org', '@fontsource/noto-sans'])
    h.update(
      `${pkg}@${(JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version}`,
    );
  return h.digest('hex').slice(0, 16);
}

const hashOf = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 10);

interface Written {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

function writeAsset(out: string, logical: string, content: Buffer | string): Written {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  const dot = logical.lastIndexOf('.');
  const file = `${logical.slice(0, dot)}.${hashOf(buf)}${logical.slice(dot)}`;
  writeFileSync(join(out, file), buf);
  const compressible = !/\.woff2$/.test(file);
  let gzip = buf.length;
  let brotli = buf.length;
  if (compressible) {
    const gz = gzipSync(buf, { level: 9 });
    const br = brotliCompressSync(buf, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length },
    });
    writeFileSync(join(out, `${file}.gz`), gz);
    writeFileSync(join(out, `${file}.br`), br);
    gzip = gz.length;
    brotli = br.length;
  }
  return { file, bytes: buf.length, gzip, brotli };
}

const imageDirs = (root: string) => [
  join(root, 'node_modules/@ministryofjustice/frontend/moj/assets/images'),
  join(root, 'node_modules/govuk-frontend/dist/govuk/assets/images'),
];

/** `@font-face` blocks of @fontsource/noto-sans for our subsets, with the font files renamed to ours. */
function fontFaces(root: string, out: string, files: AssetManifest['files']): string {
  const pkg = join(root, 'node_modules/@fontsource/noto-sans');
  const faces: string[] = [];
  for (const weight of FONT_WEIGHTS) {
    const css = readFileSync(join(pkg, `${weight}.css`), 'utf8');
    for (const subset of FONT_SUBSETS) {
      const name = `noto-sans-${subset}-${weight}-normal`;
      const block = new RegExp(`/\\* ${name} \\*/\\s*@font-face\\s*{([^}]*)}`).exec(css)?.[1];
      const range = block && /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!range) throw new Error(`@fontsource/noto-sans: no @font-face for ${name} in ${weight}.css`);
      const w = writeAsset(out, `${name}.woff2`, readFileSync(join(pkg, 'files', `${name}.woff2`)));
      files[`${name}.woff2`] = w;
      faces.push(
        `@font-face{font-family:"Noto Sans";font-style:normal;font-weight:${weight};font-display:swap;` +
          `src:url(/assets/${w.file}) format("woff2");unicode-range:${range.trim()}}`,
      );
    }
  }
  return faces.join('\n');
}

/** The emblem in the header: a five-pointed gold star on red (our own mark, not a state emblem). */
const emblemSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="17" fill="#da251d" stroke="#ffffff" stroke-width="2"/><path fill="#ffcd00" d="M18 6.5l2.7 8.3h8.7l-7 5.1 2.7 8.3-7.1-5.1-7.1 5.1 2.7-8.3-7-5.1h8.7z"/></svg>`;

export async function buildAssets(opts: { root?: string; quiet?: boolean } = {}): Promise<AssetManifest> {
  const root = opts.root ?? packageRoot();
  const finalDir = publicDir(root);
  // Built beside, then swapped in: a server or test reading the old build never sees half a new one.
  const out = `${finalDir}.tmp-${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files: AssetManifest['files'] = {};

  const sass = await import('sass');
  const compiled = sass.compile(join(root, 'src/web/assets/app.scss'), {
    style: 'compressed',
    loadPaths: [root],
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  const css = compiled.css.replace(
    /url\(("?)\/assets\/images\/([A-Za-z0-9_.-]+)\1\)/g,
    (_m, _q, name: string) => {
      // The UK crest (GOV.UK's footer) is never shown here: its rule draws nothing.
      if (name === 'govuk-crest.svg') return 'none';
      const from = imageDirs(root)
        .map((d) => join(d, name))
        .find((f) => existsSync(f));
      if (!from) throw new Error(`app.scss refers to an image no package ships: ${name}`);
      files[name] ??= writeAsset(out, name, readFileSync(from));
      return `url(/assets/${files[name].file})`;
    },
  );
  const left = [...css.matchAll(/url\(([^)]*)\)/g)]
    .map((m) => m[1])
    .filter((u) => !u?.startsWith('/assets/'));
  if (left.length > 0)
    throw new Error(`app.scss refers to files the build does not copy: ${left.join(', ')}`);
  files['app.css'] = writeAsset(out, 'app.css', `${fontFaces(root, out, files)}\n${css}`);

  const esbuild = await import('esbuild');
  const bundled = await esbuild.build({
    entryPoints: [join(root, 'src/web/client/app.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const js = bundled.outputFiles[0];
  if (!js) throw new Error('esbuild wrote nothing');
  files['app.js'] = writeAsset(out, 'app.js', Buffer.from(js.contents));
  files['emblem.svg'] = writeAsset(out, 'emblem.svg', emblemSvg);

  const manifest: AssetManifest = { inputs: inputsHash(root), builtAt: new Date().toISOString(), files };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(dirname(finalDir), { recursive: true });
  const old = `${finalDir}.old-${process.pid}`;
  if (existsSync(finalDir)) renameSync(finalDir, old);
  renameSync(out, finalDir);
  rmSync(old, { recursive: true, force: true });
  if (!opts.quiet) {
    const css = files['app.css'];
    const script = files['app.js'];
    console.log(
      `web assets → ${relative(root, finalDir)}: ${css.file} ${kb(css.gzip)} gz, ${script.file} ${kb(script.gzip)} gz ` +
        `(page total ${kb(css.gzip + script.gzip)} gz)`,
    );
  }
  return manifest;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The build, unless `dist/public` already holds one of the current inputs. */
export async function ensureAssets(opts: { root?: string; quiet?: boolean } = {}): Promise<void> {
  const root = opts.root ?? packageRoot();
  const manifestFile = join(publicDir(root), 'manifest.json');
  if (existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as AssetManifest;
    if (m.inputs === inputsHash(root)) return;
  }
  await buildAssets(opts);
}

if (require.main === module) {
  buildAssets().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
