/**
 * NODE_EXTRA_CA_CERTS makes Node read the CA file, and build its whole root store, before any
 * JavaScript runs: ~30 ms of a start-up with the system bundle, where `node -e 0` is ~17 ms. For
 * commands that open no TLS connection the launcher (src/cli/boot/launcher.sh) moves it to
 * BOSUN_DEFERRED_NODE_EXTRA_CA_CERTS; this puts it back in process.env at once, so child
 * processes (post-renderers, plugins) see the user's environment unchanged.
 */
export const DEFERRED_CA_CERTS = 'BOSUN_DEFERRED_NODE_EXTRA_CA_CERTS';

export function restoreDeferredEnv(): void {
  const deferred = process.env[DEFERRED_CA_CERTS];
  if (deferred === undefined) return;
  process.env.NODE_EXTRA_CA_CERTS = deferred;
  delete process.env[DEFERRED_CA_CERTS];
}
