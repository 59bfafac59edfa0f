export * from "./types.ts";
export * from "./allocate.ts";
export * from "./stream-allocate.ts";
export * from "./leaves.ts";
