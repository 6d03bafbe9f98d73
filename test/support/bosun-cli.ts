// How the compare suites run `bosun`: from the sources through tsx by default (what a developer
// edits is what runs, no build needed), or the built CLI when BOSUN_TEST_CLI=dist (`npm test`
// builds first and sets it): a process of the bundle starts ~3x faster than tsx, and the suites
// start a thousand of them.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const built = join(root, 'dist/bosun.mjs');

/** The executable and leading arguments that run `bosun ...`. */
export function bosunCommand(): [bin: string, pre: string[]] {
  if (process.env.BOSUN_TEST_CLI === 'dist') {
    if (!existsSync(built)) throw new Error(`BOSUN_TEST_CLI=dist but ${built} is missing (npm run build)`);
    return [process.execPath, [built]];
  }
  return [join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/main.ts')]];
}
