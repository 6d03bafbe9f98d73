#!/usr/bin/env node
/** Records golden.json from the real helm: node test/chart/deps/testdata/record.mjs [helm] */
import { writeFileSync } from 'node:fs';
import { runScenario, scenarios } from './scenarios.mjs';

const helm = process.argv[2] ?? '/root/.cache/bosun-reference/helm';
const golden = {};
for (const sc of scenarios) golden[sc.id] = runScenario(sc, helm);
writeFileSync(new URL('./golden.json', import.meta.url), `${JSON.stringify(golden, null, 1)}\n`);
