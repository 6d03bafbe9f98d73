/**
 * A gzip member with the header Helm's chart archives carry: Go's gzip.Writer with its Extra
 * field set to Helm's marker and the comment "Helm", no name, no mod time, OS byte 255.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { concat } from './tar.ts';

/** chartutil's headerBytes, stored in every archive Helm writes. */
const HELM_EXTRA = new TextEncoder().encode('+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=');
const HELM_COMMENT = new TextEncoder().encode('Helm\0');

const FEXTRA = 0x04;
const FCOMMENT = 0x10;

export function gzipHelm(data: Uint8Array): Uint8Array {
  const head = new Uint8Array(12);
  head.set([0x1f, 0x8b, 8, FEXTRA | FCOMMENT, 0, 0, 0, 0, 0, 0xff]);
  head[10] = HELM_EXTRA.length & 0xff;
  head[11] = HELM_EXTRA.length >> 8;
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc32(data) >>> 0, true);
  view.setUint32(4, data.length >>> 0, true);
  return concat([head, HELM_EXTRA, HELM_COMMENT, deflateRawSync(data), trailer]);
}
