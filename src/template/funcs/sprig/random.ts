/**
 * Sprig's random functions: the rand* string family (goutils' CryptoRandom* over crypto/rand),
 * randInt (math/rand's Intn) and uuidv4 (google/uuid). All draw from node's CSPRNG.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { goInt } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
/** CryptoRandomAscii draws code points 32..126. */
const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * goutils draws from ' '..'z' and rejects characters outside the wanted class, which makes
 * every accepted character equally likely: a uniform pick from the class is the same thing.
 * A negative count is an error Sprig discards, leaving "".
 */
function randomString(alphabet: string) {
  return (count: bigint): string => {
    if (count <= 0n) return '';
    let out = '';
    for (let i = 0n; i < count; i++) out += alphabet[randomInt(alphabet.length)];
    return out;
  };
}

/** A uniform bigint in [0, n) for 0 < n < 2^63, by rejection sampling. */
function uniformBelow(n: bigint): bigint {
  const bits = n.toString(2).length;
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    const v = BigInt(`0x${randomBytes(8).toString('hex')}`) & mask;
    if (v < n) return v;
  }
}

/** randInt: `rand.Intn(max-min) + min`, whose panic on an empty range Go reports as an error. */
function randInt(min: bigint, max: bigint): bigint {
  const span = goInt(max - min);
  if (span <= 0n) throw new Error('invalid argument to Intn');
  return goInt(uniformBelow(span) + min);
}

export const randomFuncs: FuncMap = {
  randAlphaNum: def(['int'], randomString(UPPER + LOWER + DIGITS)),
  randAlpha: def(['int'], randomString(UPPER + LOWER)),
  randNumeric: def(['int'], randomString(DIGITS)),
  randAscii: def(['int'], randomString(PRINTABLE_ASCII)),
  randInt: def(['int', 'int'], randInt),
  uuidv4: def([], () => randomUUID()),
};
