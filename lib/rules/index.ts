export * from "./types.ts";
export * from "./allocate.ts";
export * from "./stream-allocate.ts";
export * from "./leaves.ts";
export * from "./split.ts";
export * from "./conservation.ts";
