import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bundles the explorer (GraphiQL, cytoscape.js and our code) into static files nereid serves at /explorer, so it
 * needs no CDN: `dist/explorer-app/explorer.js` and `.css`, and Monaco's three web workers under `workers/`, each
 * beside its gzipped copy.
 * Run by `npm run build`; the output is built, never committed.
 */

const ROOT = join(__dirname, '..');
export const EXPLORER_OUT = join(ROOT, 'dist', 'explorer-app');

const WORKERS = {
  editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'monaco-graphql/esm/graphql.worker.js',
};

export async function buildExplorer(out = EXPLORER_OUT): Promise<{ files: Record<string, number> }> {
  mkdirSync(out, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    target: 'es2022',
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(__dirname, 'src', 'main.tsx')],
      outfile: join(out, 'explorer.js'),
      format: 'iife',
      jsx: 'automatic',
      loader: { '.ttf': 'dataurl', '.woff2': 'dataurl' },
      tsconfig: join(__dirname, 'tsconfig.json'),
    }),
    ...Object.entries(WORKERS).map(([name, entry]) =>
      build({ ...common, entryPoints: [require.resolve(entry, { paths: [ROOT] })], outfile: join(out, 'workers', `${name}.js`), format: 'iife' }),
    ),
  ]);
  const files: Record<string, number> = {};
  for (const file of ['explorer.js', 'explorer.css', ...Object.keys(WORKERS).map((w) => `workers/${w}.js`)]) {
    // Served as is to browsers that take gzip (all of them): 7.8 MB become 2.4 MB on the wire.
    const bytes = readFileSync(join(out, file));
    writeFileSync(join(out, `${file}.gz`), gzipSync(bytes, { level: 9 }));
    files[file] = bytes.length;
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ builtAt: new Date().toISOString(), files }, null, 2));
  return { files };
}

/** True when the bundle is older than a source file, this script or the lockfile (so `npm start` rebuilds only then). */
export function explorerIsStale(out = EXPLORER_OUT): boolean {
  const manifest = join(out, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const builtAt = statSync(manifest).mtimeMs;
  const sources = readdirSync(join(__dirname, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => join(__dirname, 'src', f));
  return [__filename, join(ROOT, 'package-lock.json'), ...sources].some((f) => statSync(f).mtimeMs > builtAt);
}

if (require.main === module) {
  const pending = explorerIsStale() ? buildExplorer() : Promise.resolve(undefined);
  pending.then(
    (built) => {
      if (!built) return void process.stdout.write('explorer bundle: up to date\n');
      const total = Object.values(built.files).reduce((a, b) => a + b, 0);
      process.stdout.write(`explorer bundle: ${(total / 1e6).toFixed(1)} MB in ${EXPLORER_OUT}\n`);
    },
    (err: Error) => {
      process.stderr.write(`explorer build failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
