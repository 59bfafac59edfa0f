export * from "./audit.ts";
export * from "./audit-chain.ts";
export * from "./hub-aggregates.ts";
export * from "./receipt-check.ts";
export * from "./chain-facts.ts";
