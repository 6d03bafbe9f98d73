// pod-template-hash (ComputeHash): FNV-32a over a deep, key-sorted printing of
// the pod template, then the collision count as a little-endian uint32, the
// sum printed in decimal and each digit mapped onto Kubernetes' unambiguous
// alphabet (rand.SafeEncodeString). Upstream prints the Go struct with spew,
// which we cannot reproduce without Go's types, so hashes have upstream's
// shape and stability but not its exact values.

const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

function printDeep(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('<nil>');
  } else if (Array.isArray(value)) {
    out.push(`[]{${value.length}:`);
    for (const v of value) {
      printDeep(v, out);
      out.push(',');
    }
    out.push('}');
  } else if (typeof value === 'object') {
    out.push('{');
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      out.push(`${JSON.stringify(k)}:`);
      printDeep(v, out);
      out.push(',');
    }
    out.push('}');
  } else {
    out.push(`(${typeof value})${JSON.stringify(value)}`);
  }
}

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += safeAlphabet[s.charCodeAt(i) % safeAlphabet.length];
  return out;
}

export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  const out: string[] = [];
  printDeep(template, out);
  let h = fnv32a(new TextEncoder().encode(out.join('')));
  if (collisionCount !== undefined && collisionCount !== null) {
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(buf, h);
  }
  return safeEncode(String(h));
}
