import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFeature, type FeatureFile } from './scenario';

/**
 * Every `.feature` under the given folders (or the files themselves), in path order, parsed; each named by its
 * path within the folder given (`map/AddEdge.feature`), so names do not depend on where the runner starts.
 */
export function loadFeatures(paths: readonly string[]): FeatureFile[] {
  const files: { path: string; label: string }[] = [];
  for (const root of paths) {
    if (statSync(root).isFile()) {
      files.push({ path: root, label: basename(root) });
      continue;
    }
    const found = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.feature')).sort();
    for (const f of found) files.push({ path: join(root, f), label: f });
  }
  return files.map(({ path, label }) => parseFeature(label, readFileSync(path, 'utf8')));
}
