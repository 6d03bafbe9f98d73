import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { expectSameAsHelm, HAVE_SHARED, recorded, SHARED } from './run-lint.ts';

describe.skipIf(!HAVE_SHARED)('helm lint on the 116 corpus charts', () => {
  for (const c of recorded('expected-corpus.json')) {
    it(c.name, () => expectSameAsHelm(c, resolve(SHARED, 'helm-corpus')));
  }
});
if (!HAVE_SHARED) console.log(`skipping corpus lint cases: ${SHARED} is absent`);
