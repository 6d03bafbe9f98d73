/**
 * A minimal protobuf (proto3) wire-format writer: varints, 64-bit doubles and length-delimited
 * fields, enough to encode the gnostic OpenAPI v2 messages. Scalar helpers follow proto3's
 * implicit presence (a zero value is not written); `message` always writes its field, because an
 * empty sub-message is still a present one (a oneof member, an empty `Paths`).
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }

  private varint(value: number): void {
    // Lengths and field tags stay far below 2^31, so plain number arithmetic is exact.
    this.reserve(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  private bigVarint(value: bigint): void {
    // int64 on the wire: negative values are their 64-bit two's complement (ten bytes).
    let v = BigInt.asUintN(64, value);
    this.reserve(10);
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  private rawBytes(field: number, bytes: Uint8Array): void {
    this.tag(field, WIRE_BYTES);
    this.varint(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A `string` field; skipped when empty (proto3 default). */
  string(field: number, value: string | undefined): void {
    if (value === undefined || value === '') return;
    this.rawBytes(field, utf8.encode(value));
  }

  /** A `repeated string` field: one entry per element, empty strings included. */
  strings(field: number, values: readonly string[] | undefined): void {
    for (const value of values ?? []) this.rawBytes(field, utf8.encode(value));
  }

  /** A `bool` field; skipped when false unless `always` (a oneof member is present even when false). */
  bool(field: number, value: boolean | undefined, always = false): void {
    if (!value && !always) return;
    this.tag(field, WIRE_VARINT);
    this.varint(value ? 1 : 0);
  }

  /** An `int64` field; skipped when zero. Non-integral numbers are truncated as Go's conversion does. */
  int64(field: number, value: number | bigint | undefined): void {
    if (value === undefined) return;
    const v = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
    if (v === 0n) return;
    this.tag(field, WIRE_VARINT);
    this.bigVarint(v);
  }

  /** A `double` field (fixed 64-bit, little-endian); skipped when zero. */
  double(field: number, value: number | undefined): void {
    if (value === undefined || value === 0) return;
    this.tag(field, WIRE_FIXED64);
    this.reserve(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 8).setFloat64(0, value, true);
    this.len += 8;
  }

  /** A sub-message field, written even when the message is empty. */
  message(field: number, build: (w: ProtoWriter) => void): void {
    const child = new ProtoWriter();
    build(child);
    this.rawBytes(field, child.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
