#!/usr/bin/env node
// bench/ab: interleaved A/B timing of whole commands, for comparing builds or flags under a
// shared machine's moving load: the commands run round-robin, so a load spike hits all of them.
// Prints, per command, the median wall time and the median CPU time (user+sys, from
// bash's `time`, to the millisecond; the load disturbs it less) of N runs after one warm-up round.
// Usage: node bench/ab.mjs [--runs N] -- 'cmd A' -- 'cmd B' ...   (each command run by sh -c)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 15;
const commands = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--' && argv[i + 1]) commands.push(argv[++i]);
if (commands.length === 0) {
  console.log("usage: node bench/ab.mjs [--runs N] -- 'cmd A' -- 'cmd B' ...");
  process.exit(2);
}
const bash = existsSync('/bin/bash') ? '/bin/bash' : undefined;

function once(cmd) {
  const t = process.hrtime.bigint();
  const r = bash
    ? spawnSync(bash, ['-c', `TIMEFORMAT='%3U %3S'; time (${cmd} >/dev/null)`], { encoding: 'utf8' })
    : spawnSync('sh', ['-c', `${cmd} >/dev/null`], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [user, sys] = last.split(' ').map(Number);
  return { wall, cpu: bash ? (user + sys) * 1000 : Number.NaN };
}

const samples = commands.map(() => ({ wall: [], cpu: [] }));
for (let round = 0; round <= runs; round++) {
  commands.forEach((cmd, i) => {
    const { wall, cpu } = once(cmd);
    if (round === 0) return; // warm-up: page cache
    samples[i].wall.push(wall);
    samples[i].cpu.push(cpu);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [i, cmd] of commands.entries()) {
  const { wall, cpu } = samples[i];
  console.log(
    `${median(wall).toFixed(1).padStart(7)} ms wall  ${median(cpu).toFixed(0).padStart(4)} ms cpu  ${cmd}`,
  );
}
