// Published subscriber and payment ids are per-period pseudonyms: HMAC-SHA256 under a key only the
// platform holds, over the rules version, the period and the platform's own id (a wallet address for
// on-chain subscriptions). Without the key they link neither across periods nor to wallets; with it
// the platform's receipt endpoint tells each signed-in fan their own pseudonym, and nobody else's.
import { sha256 } from "viem";
import { fromHex, toHex } from "../chain/hex.ts";

/** HMAC-SHA256(key, message). Node callers may pass node:crypto's (same output, several times faster). */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

/** Environment variable (or Hardhat configuration variable) the CLIs read the key from. */
export const PSEUDONYM_KEY_VARIABLE = "GAPLESS_PSEUDONYM_KEY";
/** Hex digits of a published pseudonym: 128 bits, so ids never collide in practice (the engine still checks). */
export const PSEUDONYM_HEX = 32;
export const PSEUDONYM = /^[0-9a-f]{32}$/;

const BLOCK = 64;

/** RFC 2104 HMAC over viem's SHA-256: browser-safe, no dependency beyond viem. */
export const hmacSha256: HmacSha256 = (key, message) => {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? sha256(key, "bytes") : key);
  const inner = new Uint8Array(BLOCK + message.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = k[i] ^ 0x36;
    outer[i] = k[i] ^ 0x5c;
  }
  inner.set(message, BLOCK);
  outer.set(sha256(inner, "bytes"), BLOCK);
  return sha256(outer, "bytes");
};

/**
 * The pseudonym key from its text form: 0x + 64 hex digits (32 bytes, e.g. `openssl rand -hex 32`).
 * The message never echoes the value.
 */
export function parsePseudonymKey(text: string | undefined, variable = PSEUDONYM_KEY_VARIABLE): Uint8Array {
  if (text === undefined || text === "")
    throw new Error(`${variable} is not set: the pseudonym key (0x + 64 hex digits) is required`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(text.trim())) throw new Error(`${variable} must be 0x followed by 64 hex digits`);
  return fromHex(text.trim());
}

/** A fresh random key in its text form (the demo makes one per start). */
export function newPseudonymKey(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

const enc = new TextEncoder();

/** `domain ‖ 0 ‖ rules ‖ 0 ‖ period ‖ 0 ‖ id`: rules and period never hold a 0 byte, so the split is unique. */
function derive(hmac: HmacSha256, key: Uint8Array, domain: string, rules: string, period: string, id: string): string {
  if (/\0/.test(rules) || /\0/.test(period)) throw new Error("rules version and period must not contain NUL");
  const mac = hmac(key, enc.encode(`${domain}\0${rules}\0${period}\0${id}`));
  return toHex(mac, 0, PSEUDONYM_HEX / 2).slice(2);
}

/** Derives the published ids of one period. */
export class Pseudonyms {
  private readonly key: Uint8Array;
  readonly rules: string;
  readonly period: string;
  private readonly hmac: HmacSha256;

  constructor(key: Uint8Array, rules: string, period: string, hmac: HmacSha256 = hmacSha256) {
    this.key = key;
    this.rules = rules;
    this.period = period;
    this.hmac = hmac;
    if (key.length < 16) throw new Error("the pseudonym key must be at least 16 bytes");
  }

  /** The published subscriber id of the platform's id `subscriber` (on-chain: the lowercase wallet address). */
  subscriber(subscriber: string): string {
    return derive(this.hmac, this.key, "gapless-subscriber", this.rules, this.period, subscriber);
  }

  /** The published payment id of the platform's payment `paymentId` (e.g. `<tx hash>-<log index>`). */
  payment(paymentId: string): string {
    return derive(this.hmac, this.key, "gapless-payment", this.rules, this.period, paymentId);
  }
}

/** Published payment times are coarsened to the UTC day, so a row cannot be matched to its block's timestamp. */
export const PAID_AT_GRANULARITY = 86_400;
export const coarsePaidAt = (unixSeconds: number) => unixSeconds - (unixSeconds % PAID_AT_GRANULARITY);
