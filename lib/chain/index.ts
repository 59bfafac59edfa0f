export { normalizeAddress, toChecksumAddress } from "./address.ts";
export { keccak256 } from "./keccak.ts";
export * from "./split.ts";
export * from "./campaigns.ts";
