// JSON with bigints as decimal strings: the API's one encoding of exact amounts.
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
