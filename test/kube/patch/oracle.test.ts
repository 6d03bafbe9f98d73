// Our patch algorithms against real kubectl: every case in testdata/oracle was recorded by
// scripts/record-patch-oracle.mjs from `kubectl patch --local` (upstream's Go code), and ours must
// give the same object or the same error text. Strategic patches use the schema our API server
// serves for the kind (the OpenAPI room), so a patch tag that differs from the Go struct's shows
// up here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFor } from '../../../src/cluster/openapi/index.ts';
import {
  applyJSONPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  type JSONObject,
  type JSONValue,
} from '../../../src/kube/patch/index.ts';

interface OracleCase {
  name: string;
  base: string;
  patch: JSONValue;
  result?: JSONObject;
  error?: string;
}

const load = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`./testdata/oracle/${file}`, import.meta.url), 'utf8')) as T;
const bases = load<Record<string, JSONObject>>('bases.json');

type Apply = (base: JSONObject, patch: JSONValue) => JSONValue;

const appliers: Record<string, Apply> = {
  strategic: (base, patch) =>
    applyStrategicMergePatch(
      base,
      patch as JSONObject,
      schemaFor(String(base.apiVersion), String(base.kind)),
    ),
  merge: (base, patch) => applyMergePatch(base, patch),
  json: (base, patch) => applyJSONPatch(base, patch),
};

// kubectl (not the library) rewrites json-patch's "doc is missing key: <k>" as below; the API
// server passes the library's text through, which is what ours produces.
function libraryError(kubectlError: string): string {
  const m = /^Object to be patched is missing field \((.*)\)$/s.exec(kubectlError);
  return m ? `doc is missing key: ${m[1]}` : kubectlError;
}

function runSuite(file: string, type: string): void {
  const cases = load<OracleCase[]>(file);
  const apply = appliers[type];
  describe(`${type} patch against kubectl (${file})`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const base = bases[c.base];
      if (c.error !== undefined) expect(() => apply(base, c.patch)).toThrow(libraryError(c.error));
      else expect(apply(base, c.patch)).toEqual(c.result);
    });
  });
}

runSuite('strategic.json', 'strategic');
runSuite('strategic-generated.json', 'strategic');
runSuite('merge.json', 'merge');
runSuite('json.json', 'json');
