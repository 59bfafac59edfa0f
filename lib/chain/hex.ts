// Hex helpers on byte arrays, without per-byte string concatenation in hot paths.

const HEX = "0123456789abcdef";
const ASCII_HEX = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  ASCII_HEX[2 * i] = HEX.charCodeAt(i >> 4);
  ASCII_HEX[2 * i + 1] = HEX.charCodeAt(i & 15);
}
const PAIRS: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4] + HEX[i & 15]);

/** Writes `len` bytes of `src` as lowercase ASCII hex into `dst` at `dstOff`; returns the next offset. */
export function writeAsciiHex(src: Uint8Array, off: number, len: number, dst: Uint8Array, dstOff: number): number {
  for (let i = 0; i < len; i++) {
    const b = src[off + i] * 2;
    dst[dstOff++] = ASCII_HEX[b];
    dst[dstOff++] = ASCII_HEX[b + 1];
  }
  return dstOff;
}

/** "0x"-prefixed lowercase hex of `len` bytes of `src` from `off`. */
export function toHex(src: Uint8Array, off = 0, len = src.length - off): string {
  let s = "0x";
  for (let i = 0; i < len; i++) s += PAIRS[src[off + i]];
  return s;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses "0x"-prefixed hex of exactly `bytes` bytes into `dst` at `dstOff`; throws on bad input. */
export function parseHexInto(hex: string, bytes: number, dst: Uint8Array, dstOff: number): void {
  if (hex.length !== 2 + 2 * bytes || hex[0] !== "0" || (hex[1] !== "x" && hex[1] !== "X")) {
    throw new Error(`expected 0x-prefixed hex of ${bytes} bytes, got ${JSON.stringify(hex)}`);
  }
  for (let i = 0; i < bytes; i++) {
    const hi = nibble(hex.charCodeAt(2 + 2 * i));
    const lo = nibble(hex.charCodeAt(3 + 2 * i));
    if (hi < 0 || lo < 0) throw new Error(`invalid hex ${JSON.stringify(hex)}`);
    dst[dstOff + i] = (hi << 4) | lo;
  }
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array((hex.length - 2) >> 1);
  parseHexInto(hex, out.length, out, 0);
  return out;
}
