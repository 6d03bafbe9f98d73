import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { structuredMergeUpdater } from '../../../src/kube/apply/field-manager.ts';
import { emptyManaged } from '../../../src/kube/apply/managed-fields.ts';
import type { JSONObject } from '../../../src/kube/patch/json.ts';
import type { SchemaNode } from '../../../src/kube/schema.ts';

interface Op {
  apply?: string;
  forceApply?: string;
  update?: string;
  object: JSONObject;
  conflict?: string;
}
interface Case {
  name: string;
  schema: string;
  ops: Op[];
  /** The final object and managers' sets; left out by cases that only check a conflict. */
  object?: JSONObject;
  managed?: Record<string, JSONObject>;
}

const load = (file: string) =>
  parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8')) as {
    schemas: Record<string, SchemaNode>;
    cases: Case[];
  };

for (const [file, title] of [
  ['updater-cases.yaml', 'structured-merge-diff Updater (upstream merge tests)'],
  ['ownership-cases.yaml', 'structured-merge-diff Updater (documented ownership behaviour)'],
] as const) {
  const data = load(file);
  describe(title, () => {
    it.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const schema = data.schemas[c.schema];
      const managed = emptyManaged();
      let live: JSONObject = {};
      for (const op of c.ops) {
        const manager = op.apply ?? op.forceApply ?? op.update ?? '';
        if (op.update !== undefined) {
          structuredMergeUpdater.update(schema, live, op.object, managed, manager);
          live = op.object;
          continue;
        }
        const run = () =>
          structuredMergeUpdater.apply(
            schema,
            live,
            op.object,
            managed,
            manager,
            op.forceApply !== undefined,
          );
        if (op.conflict) {
          expect(run).toThrow(op.conflict);
          continue;
        }
        live = run();
      }
      if (c.object) expect(live).toEqual(c.object);
      if (c.managed) {
        const got = Object.fromEntries([...managed.fields].map(([m, vs]) => [m, vs.set.toFieldsV1()]));
        expect(got).toEqual(c.managed);
      }
    });
  });
}
