// Payout addresses: validation and EIP-55 checksums (browser-safe).
import { keccak256 } from "./keccak.ts";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

const checksums = new Map<string, string>();

/** EIP-55 checksummed form of a lowercase or mixed-case address (memoised: registries repeat them). */
export function toChecksumAddress(address: string): string {
  const lower = address.toLowerCase();
  const known = checksums.get(lower);
  if (known !== undefined) return known;
  if (checksums.size > 1_000_000) checksums.clear();
  const hash = keccak256(new TextEncoder().encode(lower.slice(2)));
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const c = lower[2 + i];
    const nib = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 15;
    out += nib >= 8 ? c.toUpperCase() : c;
  }
  checksums.set(lower, out);
  return out;
}

/**
 * Returns the lowercase address, or an error message: addresses must be 0x + 40 hex digits, and a
 * mixed-case address must carry a valid EIP-55 checksum (all-lowercase and all-uppercase are accepted),
 * and the zero address is refused (a leaf there would burn its tokens).
 */
export function normalizeAddress(address: string): { address: string } | { error: string } {
  if (!ADDRESS.test(address)) return { error: `not an address (0x + 40 hex digits): ${JSON.stringify(address)}` };
  if (/^0x0{40}$/i.test(address)) return { error: "the zero address cannot be paid (tokens sent there are burned)" };
  const body = address.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && toChecksumAddress(address) !== address) return { error: `bad EIP-55 checksum: ${address}` };
  return { address: "0x" + body.toLowerCase() };
}
