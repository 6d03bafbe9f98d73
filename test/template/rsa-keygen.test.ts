// generateRsaKey builds keys from OpenSSL primes: they must be real RSA keys of the asked size.
import { createPublicKey, sign, verify } from 'node:crypto';
import { expect, test } from 'vitest';
import { generateRsaKey, privateKeyPem } from '../../src/template/funcs/sprig/c-keys.ts';

test.each([2048, 1024])('a %i-bit key signs and verifies, e = 65537', (bits) => {
  const k = generateRsaKey(bits);
  if (k.kind !== 'rsa') throw new Error(`unexpected key kind ${k.kind}`);
  expect(k.key.asymmetricKeyDetails).toEqual({ modulusLength: bits, publicExponent: 65537n });
  const data = Buffer.from('bosun');
  const signature = sign('sha256', data, k.key);
  expect(verify('sha256', data, createPublicKey(k.key), signature)).toBe(true);
  expect(privateKeyPem(k)).toMatch(
    /^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n$/,
  );
});

test('two keys differ', () => {
  const a = generateRsaKey(1024);
  const b = generateRsaKey(1024);
  expect(privateKeyPem(a)).not.toBe(privateKeyPem(b));
});
