/**
 * Sprig's getHostByName: net.LookupHost, then a random one of the addresses. A failed lookup
 * leaves no addresses and Sprig's rand.Intn(0) panics, which templates see as the error
 * `invalid argument to Intn`. (Helm replaces this function with one returning "" unless DNS
 * lookups are enabled with --enable-dns; that switch belongs to the engine.)
 *
 * Template functions are synchronous and node has no synchronous resolver, so names that are
 * neither IP literals nor in the hosts file are resolved by a short-lived child process.
 */
import type * as ChildProcess from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { lazyModule } from '../../lazy.ts';
import { def, type FuncMap } from '../types.ts';

const childProcess = lazyModule<typeof ChildProcess>('node:child_process');

const HOSTS_FILE = '/etc/hosts';
const RESOLVE_TIMEOUT_MS = 15_000;

/** Addresses for `name` in the hosts file, in file order (Go's resolver consults it first). */
export function hostsFileAddresses(name: string, hostsText: string): string[] {
  const wanted = name.toLowerCase().replace(/\.$/, '');
  const out: string[] = [];
  for (const raw of hostsText.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2 || isIP(fields[0]!.split('%')[0]!) === 0) continue;
    if (fields.slice(1).some((h) => h.toLowerCase().replace(/\.$/, '') === wanted)) out.push(fields[0]!);
  }
  return out;
}

const RESOLVER_SCRIPT = `require('node:dns').lookup(process.argv[1], { all: true, verbatim: true }, (err, addrs) => {
  process.stdout.write(JSON.stringify(err ? [] : addrs.map((a) => a.address)));
});`;

/** net.LookupHost: an IP literal is returned as written; otherwise hosts file, then DNS. */
export function lookupHost(name: string): string[] {
  if (name === '') return [];
  if (isIP(name) !== 0) return [name];
  let hosts = '';
  try {
    hosts = readFileSync(HOSTS_FILE, 'utf8');
  } catch {
    // no hosts file: DNS only
  }
  const fromFile = hostsFileAddresses(name, hosts);
  if (fromFile.length > 0) return fromFile;
  try {
    const out = childProcess().execFileSync(process.execPath, ['-e', RESOLVER_SCRIPT, name], {
      encoding: 'utf8',
      timeout: RESOLVE_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const addrs: unknown = JSON.parse(out);
    return Array.isArray(addrs) ? addrs.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

function getHostByName(name: string): string {
  const addrs = lookupHost(name);
  if (addrs.length === 0) throw new Error('invalid argument to Intn');
  return addrs[randomInt(addrs.length)]!;
}

export const networkFuncs: FuncMap = {
  getHostByName: def(['string'], getHostByName),
};
