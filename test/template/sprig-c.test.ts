/**
 * Sprig part C: crypto, hashes, random, uuid, network. Expected values come from helm v4.1.4
 * (Sprig v3.3.0, Go 1.25) runs; certificates and keys it produced are under testdata/sprig-c/.
 * Random outputs are compared by structure: DER skeletons of certificates, charsets, lengths.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import bcryptjs from 'bcryptjs';
import { describe, expect, test } from 'vitest';
import { children, content, type Element, readElement } from '../../src/template/funcs/sprig/c-der.ts';
import { pemDecode } from '../../src/template/funcs/sprig/c-pem.ts';
import { cryptoFuncs } from '../../src/template/funcs/sprig/crypto.ts';
import { hostsFileAddresses, lookupHost, networkFuncs } from '../../src/template/funcs/sprig/network.ts';
import { randomFuncs } from '../../src/template/funcs/sprig/random.ts';
import { GO, type GoObject, typeOf } from '../../src/template/value.ts';

const all = { ...cryptoFuncs, ...randomFuncs, ...networkFuncs };
const call = (name: string, ...args: unknown[]) => all[name]!.fn(...args);
const golden = (name: string) =>
  readFileSync(new URL(`testdata/sprig-c/helm-${name}`, import.meta.url), 'utf8');
const field = (cert: unknown, name: string) => {
  const f = (cert as GoObject)[GO].field!(name);
  return f.found ? f.value : undefined;
};
const der = (pem: string) => pemDecode(pem)!.bytes;

describe('hashes', () => {
  const cases: [string, string, string][] = [
    ['sha1sum', '', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['sha1sum', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['sha1sum', 'héllo wörld', '24e9f5c07847ff8a2a9fa77456655792f5bc7f9f'],
    ['sha256sum', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['sha256sum', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['sha256sum', 'héllo wörld', 'a1003f7d04a4115711d0b48a2eaf1359ce565d2d2a6fd65098dfcffadeeef59f'],
    [
      'sha512sum',
      '',
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    ],
    [
      'sha512sum',
      'abc',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    ['adler32sum', '', '1'],
    ['adler32sum', 'abc', '38600999'],
    ['adler32sum', 'Wikipedia', '300286872'],
    ['adler32sum', 'héllo wörld', '773523054'],
  ];
  test.each(cases)('%s %j', (fn, input, want) => {
    expect(call(fn, input)).toBe(want);
  });
});

describe('derivePassword', () => {
  const cases: [bigint, string, string, string, string, string][] = [
    [1n, 'long', 'password', 'user', 'example.com', 'ZedaFaxcZaso9*'],
    [2n, 'long', 'password', 'user', 'example.com', 'Fovi2@JifpTupx'],
    [1n, 'maximum', 'pw', 'Robert Lee Mitchell', 'masterpasswordapp.com', 'Zt3L7)eesaWd1Saadp6.'],
    [1n, 'medium', 'pw', 'u', 's', 'Jiv7?Yuz'],
    [1n, 'short', 'pw', 'u', 's', 'Jiv7'],
    [1n, 'basic', 'pw', 'u', 's', 'oUe71PLN'],
    [1n, 'pin', 'pw', 'u', 's', '6287'],
    [1n, 'nope', 'pw', 'u', 's', 'cannot find password template nope'],
    [0n, 'long', '', '', '', 'Rozi8;WilbQoyu'],
    [4294967295n, 'long', 'pässword', 'üser', 'sïte', 'VoxeZuwzJifb8+'],
  ];
  test.each(cases)('%s %s %j %j %j', (counter, type, pw, user, site, want) => {
    expect(call('derivePassword', counter, type, pw, user, site)).toBe(want);
  });
});

describe('bcrypt and htpasswd', () => {
  test.each([
    ['secret', '$2a$10$gaBY6dlniVw/.grToNe/w.Bi7jt2elu0WLNZwOmw63tGD2nBSU7de'],
    ['pass', '$2a$10$UuBeU1yvSFCnVzgLObuR0eRe3P08DSn5eC6hKxkCQJx6tUu84O6lC'],
    ['', '$2a$10$zVNql7RcFarGu9DD1yOm4u74y8o6gYVixes7CUB7aUzrGmlFbmr.K'],
  ])('helm hash of %j verifies', (pw, hash) => {
    expect(bcryptjs.compareSync(pw, hash)).toBe(true);
  });

  test.each(['secret', '', 'ünïcødé', 'a'.repeat(72)])('bcrypt %j: Go format and verifies', (pw) => {
    const hash = call('bcrypt', pw) as string;
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcryptjs.compareSync(pw, hash)).toBe(true);
  });

  test.each([
    [
      'bcrypt',
      ['a'.repeat(73)],
      'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes',
    ],
    [
      'htpasswd',
      ['u', 'a'.repeat(73)],
      'u:failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes',
    ],
    ['htpasswd', ['a:b', 'pass'], 'invalid username: a:b'],
  ])('%s over the limit or invalid', (fn, args, want) => {
    expect(call(fn, ...args)).toBe(want);
  });

  test.each([
    ['user', 'pass'],
    ['', ''],
  ])('htpasswd %j %j', (user, pw) => {
    const line = call('htpasswd', user, pw) as string;
    expect(line.startsWith(`${user}:$2a$10$`)).toBe(true);
    expect(bcryptjs.compareSync(pw, line.slice(user.length + 1))).toBe(true);
  });
});

describe('encryptAES / decryptAES', () => {
  test.each([
    ['secretkey', 'PtSVLMp4xaovnsAEdeiNZuCe8cvlTG+uuRk9iJSg0jM=', 'plaintext'],
    ['0123456789abcdef0123456789abcdefXYZ', 'y1KHeNQq3MVcdJiQhQlGyjFsGfUdEljZiHE6xx8ozuk=', 'hello'],
    ['', 'gjm+uoBwAfoBNErqpj9lKC8CLOXBcIZ1IaSj90Ddzuopi9NDsNTkZz1EjLuyWdOf', 'sixteen bytes!!!'],
    ['k', '', ''],
  ])('decrypts helm ciphertext (key %j)', (key, crypt, want) => {
    expect(call('decryptAES', key, crypt)).toBe(want);
  });

  test.each([
    ['k', 'hello'],
    ['k0é', 'sixteen bytes!!!'],
    ['a key longer than thirty-two bytes, cut', 'ünïcödé ✓'],
    ['', 'x'.repeat(100)],
  ])('round trip with key %j', (key, plain) => {
    const crypt = call('encryptAES', key, plain) as string;
    const bytes = Buffer.from(crypt, 'base64');
    // IV block plus PKCS#7-padded body (a full block of padding when aligned)
    expect(bytes.length).toBe(16 + (Math.floor(Buffer.byteLength(plain) / 16) + 1) * 16);
    expect(call('decryptAES', key, crypt)).toBe(plain);
  });

  test('empty plaintext encrypts to empty', () => {
    expect(call('encryptAES', 'k', '')).toBe('');
  });

  test.each([
    ['!!notbase64', 'illegal base64 data at input byte 0'],
    ['YQ', 'illegal base64 data at input byte 0'],
    ['YQ=', 'illegal base64 data at input byte 3'],
    ['YQ==YQ==', 'illegal base64 data at input byte 4'],
    ['YWJjZA=', 'illegal base64 data at input byte 7'],
    ['YW=j', 'illegal base64 data at input byte 2'],
    ['Y===', 'illegal base64 data at input byte 1'],
    ['YWJjZA==x', 'illegal base64 data at input byte 8'],
    ['====', 'illegal base64 data at input byte 0'],
    ['YWJjZ', 'illegal base64 data at input byte 4'],
    ['YWJj', 'runtime error: slice bounds out of range [:16] with capacity 3'],
    ['YWJj\nZA==', 'runtime error: slice bounds out of range [:16] with capacity 6'],
    ['YWJjZA==\n', 'runtime error: slice bounds out of range [:16] with capacity 6'],
    ['YWJjZGVm\r\nZ2hp', 'runtime error: slice bounds out of range [:16] with capacity 9'],
    ['YWJjZA=\n=', 'runtime error: slice bounds out of range [:16] with capacity 6'],
    ['YQ==\n\n\n\n', 'runtime error: slice bounds out of range [:16] with capacity 6'],
    ['YWJjZGVmZ2hpamtsbW5vcHFy', 'crypto/cipher: input not full blocks'],
    ['AAAAAAAAAAAAAAAAAAAAAA==', 'runtime error: index out of range [-1]'],
    ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'runtime error: slice bounds out of range [:-19]'],
  ])('decryptAES "k" %j fails like Go', (crypt, message) => {
    expect(() => call('decryptAES', 'k', crypt)).toThrow(message);
  });

  test('wrong key: padding byte beyond the data', () => {
    expect(() => call('decryptAES', 'wrongkey', 'PtSVLMp4xaovnsAEdeiNZuCe8cvlTG+uuRk9iJSg0jM=')).toThrow(
      'runtime error: slice bounds out of range [:-159]',
    );
  });
});

describe('random strings, randInt, randBytes, uuidv4', () => {
  test.each([
    ['randAlphaNum', /^[A-Za-z0-9]*$/],
    ['randAlpha', /^[A-Za-z]*$/],
    ['randNumeric', /^[0-9]*$/],
    ['randAscii', /^[\x20-\x7e]*$/],
  ])('%s: length and charset', (fn, charset) => {
    const s = call(fn, 2000n) as string;
    expect(s).toHaveLength(2000);
    expect(s).toMatch(charset);
    // uniform over the set: 2000 draws hit most of it
    expect(new Set(s).size).toBeGreaterThan(fn === 'randNumeric' ? 9 : 50);
  });

  test.each(['randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii'])(
    '%s of 0 and of a negative count is empty',
    (fn) => {
      expect(call(fn, 0n)).toBe('');
      expect(call(fn, -5n)).toBe('');
    },
  );

  test.each([
    [1n, 2n],
    [-5n, -4n],
    [0n, 3n],
    [-4611686018427387904n, 4611686018427387903n],
  ])('randInt %s %s stays in [min, max)', (min, max) => {
    for (let i = 0; i < 200; i++) {
      const v = call('randInt', min, max) as bigint;
      expect(typeof v).toBe('bigint');
      expect(v >= min && v < max).toBe(true);
    }
  });

  test('randInt covers its range', () => {
    const seen = new Set(Array.from({ length: 300 }, () => call('randInt', 0n, 5n)));
    expect(seen).toEqual(new Set([0n, 1n, 2n, 3n, 4n]));
  });

  test.each([
    [5n, 5n],
    [5n, 1n],
    // max-min wraps around to a negative int
    [-9223372036854775807n, 9223372036854775807n],
  ])('randInt %s %s panics like rand.Intn', (min, max) => {
    expect(() => call('randInt', min, max)).toThrow('invalid argument to Intn');
  });

  test.each([
    [0n, 0],
    [5n, 5],
    [32n, 32],
  ])('randBytes %s', (n, len) => {
    const s = call('randBytes', n) as string;
    expect(Buffer.from(s, 'base64')).toHaveLength(len);
    expect(Buffer.from(s, 'base64').toString('base64')).toBe(s);
  });

  test('randBytes of a negative count', () => {
    expect(() => call('randBytes', -1n)).toThrow('runtime error: makeslice: len out of range');
  });

  test('uuidv4 is a random (version 4, variant 10) UUID', () => {
    const a = call('uuidv4') as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call('uuidv4')).not.toBe(a);
  });
});

describe('genPrivateKey', () => {
  test.each([
    ['rsa', 'RSA PRIVATE KEY', 'rsa', 4096],
    ['', 'RSA PRIVATE KEY', 'rsa', 4096],
    ['ecdsa', 'EC PRIVATE KEY', 'ec', 0],
    ['ed25519', 'PRIVATE KEY', 'ed25519', 0],
    ['dsa', 'DSA PRIVATE KEY', 'dsa', 2048],
  ])('%j: %s block', (type, block, keyType, bits) => {
    const pem = call('genPrivateKey', type) as string;
    expect(pem.startsWith(`-----BEGIN ${block}-----\n`)).toBe(true);
    expect(pem.endsWith(`-----END ${block}-----\n`)).toBe(true);
    const key = createPrivateKey(pem);
    expect(key.asymmetricKeyType).toBe(keyType);
    if (bits) expect(key.asymmetricKeyDetails?.modulusLength).toBe(bits);
    if (keyType === 'ec') expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  test('PEM sizes match helm output', () => {
    for (const [type, name, slack] of [
      ['ecdsa', 'eck.key', 0],
      ['ed25519', 'edk.key', 0],
      ['dsa', 'dsa.key', 8],
    ] as const) {
      const ours = (call('genPrivateKey', type) as string).length;
      expect(Math.abs(ours - golden(name).length)).toBeLessThanOrEqual(slack);
    }
  });

  test('DSA layout is Sprig\u2019s SEQUENCE { 0, P, Q, G, Y, X }', () => {
    const bytes = der(call('genPrivateKey', 'dsa') as string);
    const ints = children(bytes, readElement(bytes, 0));
    expect(ints.map((e) => e.tag)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(content(bytes, ints[0]!)).toEqual(Buffer.from([0]));
  });

  test('unknown type', () => {
    expect(call('genPrivateKey', 'foo')).toBe('Unknown type foo');
  });

  test.each(['eck.key', 'edk.key', 'p384.key', 'ca.key'])('helm key %s is re-encoded unchanged', (name) => {
    const ca = call('genCAWithKey', 'a', 1n, golden(name));
    expect(field(ca, 'Key')).toBe(golden(name));
  });

  test('a PKCS#8 RSA key comes back as PKCS#1', () => {
    const pkcs8 = createPrivateKey(golden('ca.key')).export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(field(call('genCAWithKey', 'a', 1n, pkcs8), 'Key')).toBe(golden('ca.key'));
  });
});

// --- certificates ------------------------------------------------------------------------

/**
 * A certificate's DER as a list of `depth:tag[=value]`, with the random parts masked: integers
 * (serial), bit strings (public keys, signatures), times, and optionally key identifiers.
 */
function skeleton(pem: string, maskKeyIds: boolean): string[] {
  const bytes = der(pem);
  const out: string[] = [];
  const walk = (el: Element, depth: number) => {
    const tag = (el.cls << 6) | (el.constructed ? 0x20 : 0) | el.tag;
    const value = content(bytes, el);
    let shown = value.toString('hex');
    if ([0x02, 0x03, 0x17, 0x18].includes(tag)) shown = '*';
    if (maskKeyIds && tag === 0x04 && /^(0414|30168014)/.test(shown)) shown = 'keyid';
    out.push(`${depth}:${tag.toString(16)}${el.constructed ? '' : `=${shown}`}`);
    if (el.constructed) for (const c of children(bytes, el)) walk(c, depth + 1);
  };
  walk(readElement(bytes, 0), 0);
  return out;
}

/** Seconds between notBefore and notAfter. */
function validitySeconds(pem: string): number {
  const x = new X509Certificate(pem);
  return (Date.parse(x.validTo) - Date.parse(x.validFrom)) / 1000;
}

const helmCA = () => call('buildCustomCert', b64(golden('ca.crt')), b64(golden('ca.key')));
const helmEdCA = () => call('buildCustomCert', b64(golden('caed.crt')), b64(golden('caed.key')));
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('certificates: same DER structure as helm', () => {
  const cases: [string, () => unknown, string, boolean][] = [
    ['genCA', () => call('genCA', 'my-ca', 365n), 'ca.crt', true],
    [
      'genSelfSignedCert with IPs and DNS names',
      () => call('genSelfSignedCert', 'self.example', ['10.0.0.1', '::1'], ['a.example', 'b.example'], 30n),
      'ss.crt',
      true,
    ],
    [
      'genSignedCert by helm CA',
      () => call('genSignedCert', 'leaf', ['192.168.1.1'], ['leaf.example'], 10n, helmCA()),
      'sg.crt',
      false,
    ],
    [
      'genSignedCert with the CA subject',
      () => call('genSignedCert', 'my-ca', null, null, 10n, helmCA()),
      'sgsame.crt',
      false,
    ],
    ['genCAWithKey ed25519', () => call('genCAWithKey', 'ed-ca', 5n, golden('edk.key')), 'caed.crt', false],
    [
      'genCAWithKey ecdsa P-256',
      () => call('genCAWithKey', 'ec-ca', 5n, golden('eck.key')),
      'caec.crt',
      false,
    ],
    [
      'genCAWithKey ecdsa P-384',
      () => call('genCAWithKey', 'p384', 1n, golden('p384.key')),
      'p384.crt',
      false,
    ],
    [
      'genSelfSignedCertWithKey ed25519',
      () => call('genSelfSignedCertWithKey', 'ed-self', null, null, 5n, golden('edk.key')),
      'ssed.crt',
      false,
    ],
    [
      'genSignedCertWithKey ecdsa leaf, ed25519 CA',
      () => call('genSignedCertWithKey', 'ec-leaf', null, ['x'], 5n, helmEdCA(), golden('eck.key')),
      'sgec.crt',
      false,
    ],
    [
      'empty subject: critical SAN',
      () => call('genSelfSignedCertWithKey', '', ['1.2.3.4'], null, 1n, golden('p384.key')),
      'empty.crt',
      false,
    ],
    [
      'empty subject, signed',
      () => call('genSignedCertWithKey', '', null, ['a'], 1n, call('genCA', 'ca', 1n), golden('p384.key')),
      'emptysigned.crt',
      true,
    ],
    [
      'CN with * is a UTF8String',
      () => call('genSelfSignedCertWithKey', '*.example.com', null, null, 1n, golden('p384.key')),
      'star.crt',
      false,
    ],
    [
      'non-ASCII CN',
      () => call('genSelfSignedCertWithKey', 'héllo & co', null, null, 1n, golden('p384.key')),
      'uni.crt',
      false,
    ],
    [
      'validity past 2049 is a GeneralizedTime',
      () => call('genSelfSignedCertWithKey', 'long', null, null, 40000n, golden('p384.key')),
      'long.crt',
      false,
    ],
    [
      'negative days',
      () => call('genSelfSignedCertWithKey', 'neg', null, null, -3n, golden('p384.key')),
      'neg.crt',
      false,
    ],
    [
      'IPv4-mapped IPv6 becomes 4 bytes',
      () =>
        call(
          'genSelfSignedCertWithKey',
          'm',
          ['::ffff:1.2.3.4', '2001:db8::1'],
          null,
          1n,
          golden('p384.key'),
        ),
      'ipv4mapped.crt',
      false,
    ],
  ];
  test.each(cases)('%s', (_, make, goldenName, maskKeyIds) => {
    const cert = make();
    const pem = field(cert, 'Cert') as string;
    expect(skeleton(pem, maskKeyIds)).toEqual(skeleton(golden(goldenName), maskKeyIds));
    expect(Math.abs(pem.length - golden(goldenName).length)).toBeLessThanOrEqual(8);
    expect(validitySeconds(pem)).toBe(validitySeconds(golden(goldenName)));
  });
});

describe('certificates: keys, signatures, struct', () => {
  test('genCA: 2048-bit RSA, self-signed CA, fast', () => {
    // fastest of three, so that a loaded machine does not make this flaky
    const timings = [0, 1, 2].map(() => {
      const start = performance.now();
      call('genCA', 'my-ca', 365n);
      return performance.now() - start;
    });
    expect(Math.min(...timings)).toBeLessThan(500);
    const ca = call('genCA', 'my-ca', 365n);
    const x = new X509Certificate(field(ca, 'Cert') as string);
    expect(x.ca).toBe(true);
    expect(x.subject).toBe('CN=my-ca');
    expect(x.verify(x.publicKey)).toBe(true);
    const key = createPrivateKey(field(ca, 'Key') as string);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(x.checkPrivateKey(key)).toBe(true);
    expect((field(ca, 'Key') as string).startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
  });

  test('serial numbers are positive and at most 128 bits', () => {
    for (let i = 0; i < 5; i++) {
      const x = new X509Certificate(
        field(call('genCAWithKey', 'x', 1n, golden('edk.key')), 'Cert') as string,
      );
      expect(BigInt(`0x${x.serialNumber}`) < 1n << 128n).toBe(true);
    }
  });

  test('genSignedCert verifies against the helm CA and names its key id', () => {
    const leaf = call('genSignedCert', 'leaf', ['192.168.1.1'], ['leaf.example'], 10n, helmCA());
    const x = new X509Certificate(field(leaf, 'Cert') as string);
    const ca = new X509Certificate(golden('ca.crt'));
    expect(x.checkIssued(ca)).toBe(true);
    expect(x.verify(ca.publicKey)).toBe(true);
    expect(x.subjectAltName).toBe('DNS:leaf.example, IP Address:192.168.1.1');
    expect(x.ca).toBe(false);
  });

  test('helm-made leaf certificates verify against helm CAs (fixture sanity)', () => {
    const ca = new X509Certificate(golden('ca.crt'));
    expect(new X509Certificate(golden('sg.crt')).verify(ca.publicKey)).toBe(true);
  });

  test('certificate struct: type, fields, printing', () => {
    const c = call('genCAWithKey', 'x', 1n, golden('edk.key'));
    expect(typeOf(c)).toBe('sprig.certificate');
    expect((c as GoObject)[GO].kind).toBe('struct');
    expect((c as GoObject)[GO].fields!().map(([k]) => k)).toEqual(['Cert', 'Key']);
    expect((c as GoObject)[GO].field!('Other')).toEqual({ found: false });
  });

  test('buildCustomCert returns the decoded PEM text', () => {
    const c = helmCA();
    expect(field(c, 'Cert')).toBe(golden('ca.crt'));
    expect(field(c, 'Key')).toBe(golden('ca.key'));
  });

  test('genSelfSignedCertWithKey accepts a DSA key only to fail like Go', () => {
    expect(() => call('genCAWithKey', 'x', 1n, golden('dsa.key'))).toThrow(
      'error creating certificate: x509: certificate private key does not implement crypto.Signer',
    );
    expect(() => call('genSignedCertWithKey', 'x', null, null, 1n, helmCA(), golden('dsa.key'))).toThrow(
      'error creating certificate: x509: unsupported public key type: *dsa.PublicKey',
    );
  });
});

describe('certificate errors', () => {
  const keyPem = (type: string, body: string) => `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
  const pemBody = (pem: string) => pem.split('\n').slice(1, -2).join('');
  const tagsDontMatch = (goType: string) =>
    `asn1: structure error: tags don't match (16 vs {class:0 tag:0 length:0 isCompound:false}) {optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false} ${goType} @2`;
  const pkcs8Rsa = () =>
    createPrivateKey(golden('ca.key')).export({ type: 'pkcs8', format: 'pem' }) as string;

  test.each([
    ['garbage', () => 'garbage', 'parsing private key: no PEM data in input'],
    ['empty', () => '', 'parsing private key: no PEM data in input'],
    [
      'certificate block',
      () => keyPem('CERTIFICATE', 'AAAA'),
      'parsing private key: no private key data in PEM block of type CERTIFICATE',
    ],
    [
      'FOO key',
      () => keyPem('FOO PRIVATE KEY', 'AAAA'),
      'parsing private key: invalid private key type FOO PRIVATE KEY',
    ],
    [
      'bad RSA',
      () => keyPem('RSA PRIVATE KEY', 'AAAA'),
      `parsing private key: parsing RSA private key from PEM: ${tagsDontMatch('pkcs1PrivateKey')}`,
    ],
    [
      'bad EC',
      () => keyPem('EC PRIVATE KEY', 'AAAA'),
      `parsing private key: parsing EC private key from PEM: x509: failed to parse EC private key: ${tagsDontMatch('ecPrivateKey')}`,
    ],
    [
      'bad PKCS#8',
      () => keyPem('PRIVATE KEY', 'AAAA'),
      `parsing private key: decoding PEM as PKCS#8: ${tagsDontMatch('pkcs8')}`,
    ],
    [
      'bad DSA',
      () => keyPem('DSA PRIVATE KEY', 'AAAA'),
      `parsing private key: parsing DSA private key from PEM: ${tagsDontMatch('DSAKeyFormat')}`,
    ],
    [
      'empty PKCS#8 sequence',
      () => keyPem('PRIVATE KEY', 'MAA='),
      'parsing private key: decoding PEM as PKCS#8: asn1: syntax error: sequence truncated',
    ],
    [
      'PKCS#8 labelled RSA',
      () => keyPem('RSA PRIVATE KEY', pemBody(pkcs8Rsa())),
      'parsing private key: parsing RSA private key from PEM: x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)',
    ],
    [
      'PKCS#1 labelled EC',
      () => keyPem('EC PRIVATE KEY', pemBody(golden('ca.key'))),
      'parsing private key: parsing EC private key from PEM: x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)',
    ],
    [
      'SEC 1 labelled PKCS#8',
      () => keyPem('PRIVATE KEY', pemBody(golden('eck.key'))),
      'parsing private key: decoding PEM as PKCS#8: x509: failed to parse private key (use ParseECPrivateKey instead for this key format)',
    ],
    [
      'SEC 1 labelled RSA',
      () => keyPem('RSA PRIVATE KEY', pemBody(golden('eck.key'))),
      'parsing private key: parsing RSA private key from PEM: x509: failed to parse private key (use ParseECPrivateKey instead for this key format)',
    ],
    [
      'Ed448 PKCS#8',
      () => readFileSync(new URL('testdata/sprig-c/openssl-ed448.key', import.meta.url), 'utf8'),
      'parsing private key: decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm: 1.3.101.113',
    ],
  ])('genCAWithKey with %s', (_, pem, message) => {
    expect(() => call('genCAWithKey', 'x', 1n, pem())).toThrow(message);
  });

  test.each([
    [['notanip'], null, 'error parsing ip: notanip'],
    [['01.2.3.4'], null, 'error parsing ip: 01.2.3.4'],
    [[1n], null, 'error parsing ip: 1 is not a string'],
    [null, [1n], 'error processing alternate dns name: 1 is not a string'],
    [null, [null], 'error processing alternate dns name: <nil> is not a string'],
    [null, ['ñ.example'], 'error creating certificate: x509: "ñ.example" cannot be encoded as an IA5String'],
  ])('genSelfSignedCertWithKey ips/dns case %#', (ips, dns, message) => {
    expect(() => call('genSelfSignedCertWithKey', 'x', ips, dns, 1n, golden('eck.key'))).toThrow(message);
  });

  test.each([
    ['!!', '', 'unable to decode base64 certificate'],
    ['YWJj', '!!', 'unable to decode base64 private key'],
    ['YWJj', 'YWJj', 'unable to decode certificate'],
    [b64(golden('ca.crt')), 'YWJj', 'error parsing private key: no PEM data in input'],
    [
      b64(golden('ca.key')),
      b64(golden('ca.key')),
      'error parsing certificate: decodedCert.Bytes: x509: malformed tbs certificate',
    ],
    [
      b64('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
      'YWJj',
      'error parsing certificate: decodedCert.Bytes: x509: malformed certificate',
    ],
  ])('buildCustomCert %#', (cert, key, message) => {
    expect(() => call('buildCustomCert', cert, key)).toThrow(message);
  });

  test('CA key that does not match its certificate', () => {
    const mismatched = call('buildCustomCert', b64(golden('ca.crt')), b64(golden('eck.key')));
    expect(() => call('genSignedCert', 'l', null, null, 1n, mismatched)).toThrow(
      "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
    );
  });

  test('the CA argument must be a certificate', () => {
    expect(() => call('genSignedCert', 'x', null, null, 1n, {})).toThrow(
      'wrong type for value; expected sprig.certificate; got map[string]interface {}',
    );
  });
});

describe('getHostByName', () => {
  test.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['::1', ['::1']],
    ['', []],
  ])('lookupHost %j', (name, want) => {
    expect(lookupHost(name)).toEqual(want);
  });

  test('IP literals come back as written', () => {
    expect(call('getHostByName', '::1')).toBe('::1');
  });

  test('a failed lookup is rand.Intn(0)', () => {
    expect(() => call('getHostByName', '')).toThrow('invalid argument to Intn');
  });

  test.each([
    ['localhost', ['127.0.0.1', '::1']],
    ['LOCALHOST.', ['127.0.0.1', '::1']],
    ['db', ['10.0.0.5']],
    ['nothere', []],
  ])('hosts file entries for %j', (name, want) => {
    const hosts =
      '# comment\n127.0.0.1 localhost vm\n::1 localhost ip6-localhost # trailing\n10.0.0.5\tdb db.local\nbogus line\n';
    expect(hostsFileAddresses(name, hosts)).toEqual(want);
  });

  test('localhost resolves from the hosts file', () => {
    expect(['127.0.0.1', '::1']).toContain(call('getHostByName', 'localhost'));
  });
});

describe('declared Go signatures', () => {
  test.each([
    ['sha256sum', ['string']],
    ['htpasswd', ['string', 'string']],
    ['derivePassword', ['uint32', 'string', 'string', 'string', 'string']],
    ['genSelfSignedCert', ['string', '[]interface {}', '[]interface {}', 'int']],
    ['genSignedCertWithKey', ['string', '[]interface {}', '[]interface {}', 'int', 'interface {}', 'string']],
    ['randInt', ['int', 'int']],
    ['uuidv4', []],
    ['getHostByName', ['string']],
  ])('%s', (name, params) => {
    expect(all[name]!.params).toEqual(params);
  });

  test('public keys in generated certificates are the generated keys', () => {
    const c = call('genSelfSignedCert', 'x', null, null, 1n);
    const fromCert = new X509Certificate(field(c, 'Cert') as string).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const fromKey = createPublicKey(field(c, 'Key') as string).export({ type: 'spki', format: 'der' });
    expect(fromCert.equals(fromKey)).toBe(true);
  });
});
