/**
 * The primes of an RSA key. Each is a random probable prime with its top two bits set (so the
 * modulus has exactly the asked size) and p-1 coprime to e = 65537, found the way OpenSSL and Go
 * find them, a sieve over small primes and then Miller-Rabin, but with 5 Miller-Rabin rounds
 * instead of OpenSSL's: crypto.generatePrime and checkPrime run at least 64 rounds on a 1024-bit
 * prime, two thirds of a key's time, where a few random-base rounds already bound the error on
 * a random 1024-bit candidate far below 2^-100 (Damgård-Landrock-Pomerance). The modular exponentiation is OpenSSL's, reached through a raw
 * RSA public-key operation whose "public exponent" is the Miller-Rabin exponent.
 *
 * No helper thread: a prime now costs about what a worker thread costs to start, and two threads
 * finish a pair when the slower of two random-length searches does.
 */
import * as nodeCrypto from 'node:crypto';

export const RSA_EXPONENT = 65537n;

/** A prime of `bits` bits (a multiple of 8, at least 64) for an RSA modulus with e = 65537, big-endian. */
function searchRsaPrime(bits: number): Uint8Array {
  const bytes = bits >> 3;
  // small odd primes for the sieve, and 65537 for the p-1 condition
  const small: number[] = [];
  const composite = new Uint8Array(1 << 14);
  for (let i = 3; i < composite.length; i += 2) {
    if (composite[i]) continue;
    small.push(i);
    for (let j = i * i; j < composite.length; j += 2 * i) composite[j] = 1;
  }
  const toBig = (b: Uint8Array) =>
    BigInt(`0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`);
  const toBytes = (x: bigint) => Buffer.from(x.toString(16).padStart(bytes * 2, '0'), 'hex');
  const b64url = (x: bigint) => {
    const hex = x.toString(16);
    return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
  };
  // residue of the big-endian number in `b` modulo m (m < 2^17: 32-bit steps stay exact)
  const residue = (b: Uint8Array, m: number) => {
    let r = 0;
    for (let i = 0; i < b.length; i += 4) {
      const word = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
      r = (r * 0x100000000 + word) % m;
    }
    return r;
  };
  const millerRabin = (n: bigint, rounds: number): boolean => {
    let d = n - 1n;
    let s = 0;
    while ((d & 1n) === 0n) {
      d >>= 1n;
      s++;
    }
    const key = nodeCrypto.createPublicKey({
      key: { kty: 'RSA', n: b64url(n), e: b64url(d) },
      format: 'jwk',
    });
    const random = new Uint8Array(bytes);
    for (let round = 0; round < rounds; round++) {
      // base 2 first: it rejects nearly every composite; then random bases in [2, n-2]
      let a = 2n;
      if (round > 0) {
        nodeCrypto.randomFillSync(random);
        a = (toBig(random) % (n - 3n)) + 2n;
      }
      const out = nodeCrypto.publicEncrypt({ key, padding: nodeCrypto.constants.RSA_NO_PADDING }, toBytes(a));
      let x = toBig(out);
      if (x === 1n || x === n - 1n) continue;
      let witness = true;
      for (let i = 1; i < s && witness; i++) {
        x = (x * x) % n;
        if (x === n - 1n) witness = false;
      }
      if (witness) return false;
    }
    return true;
  };
  const start = new Uint8Array(bytes);
  // candidates start + 2k for k < WINDOW: k is struck out when a small prime divides start + 2k or
  // when 65537 divides start + 2k - 1 (a prime is found within ~355 odd numbers on average)
  const WINDOW = 4096;
  const struck = new Uint8Array(WINDOW);
  const strike = (r: number, m: number, target: number) => {
    // k with r + 2k ≡ target (mod m): k ≡ (target - r) · 2⁻¹, and 2⁻¹ = (m + 1) / 2 for odd m
    const k0 = Number((BigInt((target - r + m) % m) * BigInt((m + 1) / 2)) % BigInt(m));
    for (let k = k0; k < WINDOW; k += m) struck[k] = 1;
  };
  for (;;) {
    nodeCrypto.randomFillSync(start);
    start[0]! |= 0xc0;
    start[bytes - 1]! |= 1;
    struck.fill(0);
    for (const p of small) strike(residue(start, p), p, 0);
    strike(residue(start, 65537), 65537, 1);
    const base = toBig(start);
    for (let k = 0; k < WINDOW; k++) {
      if (struck[k]) continue;
      const n = base + BigInt(2 * k);
      // a carry over the top bit: a new start
      if (n >> BigInt(bits) !== 0n) break;
      if (millerRabin(n, 5)) return toBytes(n);
    }
  }
}

function fromBytes(b: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`);
}

/** A prime of `bits` bits for an RSA modulus with e = 65537: p-1 must be coprime to e. */
export function rsaPrime(bits: number): bigint {
  if (bits % 8 === 0 && bits >= 64) return fromBytes(searchRsaPrime(bits));
  // sizes no Sprig function asks for: OpenSSL's own search
  for (;;) {
    const p = nodeCrypto.generatePrimeSync(bits, { bigint: true });
    if ((p - 1n) % RSA_EXPONENT !== 0n) return p;
  }
}
