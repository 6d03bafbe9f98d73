/**
 * The two primes of an RSA key, computed in parallel: template functions are synchronous, so a
 * helper thread (started when a chart's templates generate keys) computes one prime while this
 * thread computes the other, and hands it over through shared memory. Without the helper both
 * are computed here. Each prime is OpenSSL's (crypto.generatePrime): top two bits set, so the
 * modulus has exactly the asked size.
 */
import { generatePrimeSync } from 'node:crypto';
import type * as WorkerThreads from 'node:worker_threads';
import { lazyModule } from '../../lazy.ts';

const workerThreads = lazyModule<typeof WorkerThreads>('node:worker_threads');

export const RSA_EXPONENT = 65537n;

/** A prime of `bits` bits for an RSA modulus with e = 65537: p-1 must be coprime to e. */
export function rsaPrime(bits: number): bigint {
  for (;;) {
    const p = generatePrimeSync(bits, { bigint: true });
    if (isRsaPrime(p)) return p;
  }
}

function isRsaPrime(p: bigint): boolean {
  return (p - 1n) % RSA_EXPONENT !== 0n;
}

// shared state: [0] slot state, [1] prime length in bytes; then the prime, big-endian
const EMPTY = 0;
const PENDING = 1;
const READY = 2;
const MAX_PRIME_BYTES = 512;

/** Runs in the helper thread: one prime per request, written to the shared slot. */
const HELPER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { generatePrimeSync } = require('node:crypto');
const state = new Int32Array(workerData, 0, 2);
const bytes = new Uint8Array(workerData, 8);
parentPort.on('message', (bits) => {
  const prime = new Uint8Array(generatePrimeSync(bits));
  bytes.set(prime);
  state[1] = prime.length;
  Atomics.store(state, 0, ${READY});
  Atomics.notify(state, 0);
});
`;

class PrimeHelper {
  private readonly shared = new SharedArrayBuffer(8 + MAX_PRIME_BYTES);
  private readonly state = new Int32Array(this.shared, 0, 2);
  private readonly bytes = new Uint8Array(this.shared, 8);
  private readonly worker: WorkerThreads.Worker;

  constructor() {
    this.worker = new (workerThreads().Worker)(HELPER_SOURCE, { eval: true, workerData: this.shared });
    // an idle helper must not keep the process alive
    this.worker.unref();
    this.worker.on('error', () => {
      helper = undefined;
    });
  }

  /** Asks for a prime of `bits` bits; `take` waits for it. */
  request(bits: number): void {
    Atomics.store(this.state, 0, PENDING);
    this.worker.postMessage(bits);
  }

  /** The requested prime, waiting for it; undefined if the helper does not answer. */
  take(): bigint | undefined {
    // generous: a prime takes tens of milliseconds; a dead helper must not hang rendering
    if (Atomics.wait(this.state, 0, PENDING, 10_000) === 'timed-out') {
      helper = undefined;
      return undefined;
    }
    const n = this.state[1]!;
    const hex = Buffer.from(this.bytes.subarray(0, n)).toString('hex');
    Atomics.store(this.state, 0, EMPTY);
    return BigInt(`0x${hex}`);
  }
}

let helper: PrimeHelper | undefined;

/**
 * Starts the helper thread (once per process), ahead of key generation: a caller that sees a
 * chart's templates call genCA/genSelfSignedCert/genSignedCert calls this before rendering.
 */
export function startPrimeHelper(): void {
  try {
    helper ??= new PrimeHelper();
  } catch {
    helper = undefined;
  }
}

/** The primes p (of `bitsP` bits) and q (of `bitsQ` bits) of a new RSA key. */
export function rsaPrimePair(bitsP: number, bitsQ: number): [bigint, bigint] {
  const h = helper;
  if (h === undefined || bitsQ > MAX_PRIME_BYTES * 8) return [rsaPrime(bitsP), rsaPrime(bitsQ)];
  h.request(bitsQ);
  const p = rsaPrime(bitsP);
  const q = h.take();
  return [p, q !== undefined && isRsaPrime(q) ? q : rsaPrime(bitsQ)];
}
