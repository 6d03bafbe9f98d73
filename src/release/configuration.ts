/**
 * What every action shares (Helm's action.Configuration): the record storage, the client of
 * the release's objects (absent for `--dry-run=client`), the clock for record times, and where
 * warnings go.
 */
import type { ResourceClient } from './resources.ts';
import type { Storage } from './storage/storage.ts';
import { nowRfc3339 } from './time.ts';

export interface Configuration {
  storage: Storage;
  kube?: ResourceClient;
  /** RFC 3339 time for record fields */
  now: () => string;
  warn: (message: string) => void;
}

export function configuration(
  storage: Storage,
  kube?: ResourceClient,
  warn?: (m: string) => void,
): Configuration {
  return { storage, kube, now: () => nowRfc3339(), warn: warn ?? ((m) => process.stderr.write(`${m}\n`)) };
}

/** Helm's chartutil.ValidateReleaseName. */
const VALID_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function validateReleaseName(name: string): void {
  if (name === '') throw new Error('no name provided');
  if (name.length > 53 || !VALID_NAME.test(name))
    throw new Error(
      `invalid release name, must match regex ${VALID_NAME.source} and the length must not be longer than 53`,
    );
}

/** Records an intermediate state; Helm logs and carries on when that write fails. */
export async function recordRelease(cfg: Configuration, r: import('./record.ts').Release): Promise<void> {
  try {
    await cfg.storage.update(r);
  } catch {
    // as Helm: a failed intermediate write does not fail the action
  }
}

/** A value as slog's text handler writes it: quoted when it needs to be. */
function slogValue(v: string): string {
  return v === '' || /[\s="\\]|[^\x21-\x7e]/.test(v) ? JSON.stringify(v) : v;
}

/** Helm's logger at error level (its text handler, no time), one line to the warning sink. */
export function logError(cfg: Configuration, msg: string, error?: string): void {
  cfg.warn(`level=ERROR msg=${slogValue(msg)}${error === undefined ? '' : ` error=${slogValue(error)}`}`);
}
