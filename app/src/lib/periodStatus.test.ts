import { describe, expect, it } from "vitest";
import { periodState } from "./periodStatus.ts";

const e = { root: "0xaa", uri: "/periods/3/" };

describe("periodState", () => {
  it("tells apart ready, pending, active, paid and vetoed periods", () => {
    expect(periodState(e, [], null, null)).toBe("ready");
    expect(periodState(e, [{ root: "0xaa", uri: e.uri, vetoed: false, activated: false }], null, "0xaa")).toBe(
      "pending",
    );
    expect(periodState(e, [{ root: "0xaa", uri: e.uri, vetoed: false, activated: false }], "0xaa", null)).toBe(
      "active",
    );
    expect(periodState(e, [{ root: "0xaa", uri: e.uri, vetoed: false, activated: true }], "0xbb", null)).toBe("paid");
    expect(periodState(e, [{ root: "0xaa", uri: e.uri, vetoed: true, activated: false }], null, null)).toBe("vetoed");
    expect(periodState({ root: null, uri: e.uri }, [], null, null)).toBe("nothing");
  });
  it("after a tampered root for the period is vetoed, offers the engine's own root again", () => {
    const replaced = { root: "0xaa", uri: e.uri, vetoed: false, activated: false };
    expect(periodState(e, [replaced, { root: "0xbad", uri: e.uri, vetoed: true, activated: false }], null, null)).toBe(
      "vetoed-other",
    );
    expect(periodState(e, [{ root: "0xbad", uri: e.uri, vetoed: true, activated: false }], null, null)).toBe(
      "vetoed-other",
    );
  });
});
