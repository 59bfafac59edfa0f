// The attribution engine's browser-safe core: rules v1, leaves, Merkle tree, proofs, statements.
export * from "./types.ts";
export * from "./allocate.ts";
export * from "./canonical.ts";
export * from "./leaves.ts";
export * from "./merkle.ts";
export * from "./shards.ts";
export * from "./statements.ts";
export * from "./publication.ts";
export { normalizeAddress, toChecksumAddress } from "./address.ts";
export { keccak256 } from "./keccak.ts";
export * from "./previous.ts";
export * from "./published.ts";
export * from "./stream-allocate.ts";
export * from "./published-plays.ts";
export * from "./folder-check.ts";
export * from "./audit.ts";
export * from "./audit-chain.ts";
export * from "./folder-fetch.ts";
