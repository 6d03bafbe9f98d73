// List continuation tokens, shaped like Kubernetes' (base64 of
// {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}): the revision the
// first page was read at, and the key the next page starts from.

import { badRequest } from './errors.ts';

const tokenVersion = 'meta.k8s.io/v1';

export interface ContinuePosition {
  rv: number;
  /** The next page holds keys strictly after this one. */
  afterKey: string;
}

export function encodeContinue(position: ContinuePosition): string {
  // Kubernetes stores the next key to start at: the last key plus "\u0000".
  const json = JSON.stringify({ v: tokenVersion, rv: position.rv, start: `${position.afterKey}\u0000` });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeContinue(token: string): ContinuePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or JSON');
  }
  const { v, rv, start } = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== tokenVersion)
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv <= 0) {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  if (typeof start !== 'string' || !start.endsWith('\u0000'))
    throw badRequest('continue key is not valid: bad start key');
  return { rv, afterKey: start.slice(0, -1) };
}
