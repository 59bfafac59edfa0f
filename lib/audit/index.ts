export * from "./audit.ts";
export * from "./audit-chain.ts";
