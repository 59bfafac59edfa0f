export * from "./audit.ts";
export * from "./audit-chain.ts";
export * from "./chain-facts.ts";
