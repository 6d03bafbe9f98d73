// rsaPrime's own sieve and Miller-Rabin: every answer must be a prime (by OpenSSL's 64-round
// check) of exactly the asked size, top two bits set, with p-1 coprime to 65537. A search that
// returned its first sieve survivor would fail here: ~40 candidates pass the sieve per prime.
import { checkPrimeSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { rsaPrime } from '../../src/template/funcs/sprig/c-primes.ts';

const cases: { bits: number; count: number }[] = [
  { bits: 1024, count: 6 }, // the primes of a 2048-bit key (genCA, genSignedCert, ...)
  { bits: 2048, count: 1 }, // genPrivateKey's 4096-bit key
  { bits: 512, count: 20 },
  { bits: 64, count: 20 }, // the smallest size the sieve takes
  { bits: 1020, count: 2 }, // not a multiple of 8: OpenSSL's own search
];

test.each(cases)('$count primes of $bits bits', ({ bits, count }) => {
  const seen = new Set<bigint>();
  for (let i = 0; i < count; i++) {
    const p = rsaPrime(bits);
    expect(checkPrimeSync(p)).toBe(true);
    expect(p.toString(2)).toMatch(new RegExp(`^11[01]{${bits - 2}}$`));
    expect((p - 1n) % 65537n).not.toBe(0n);
    seen.add(p);
  }
  expect(seen.size).toBe(count);
});
