import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { expectSameAsHelm, HAVE_SHARED, recorded, SHARED, TESTDATA } from './run-lint.ts';

describe('helm lint on our own broken charts', () => {
  for (const c of recorded('expected-own.json')) {
    if (c.knownDiff)
      it.fails(`${c.name} (known difference: ${c.knownDiff})`, () => expectSameAsHelm(c, TESTDATA));
    else it(c.name, () => expectSameAsHelm(c, TESTDATA));
  }
});

describe.skipIf(!HAVE_SHARED)('helm lint on the kiamol ch10 charts', () => {
  for (const c of recorded('expected-kiamol.json')) {
    it(c.name, () => expectSameAsHelm(c, resolve(SHARED, 'kiamol/ch10')));
  }
});
if (!HAVE_SHARED) console.log(`skipping kiamol lint cases: ${SHARED} is absent`);
