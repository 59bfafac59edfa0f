import { describe, expect, it } from "vitest";
import { fanReceipt } from "../../../lib/rules/receipt.ts";
import { exact, pickPeriod, receiptLines, shareText } from "./receipt.ts";

const USDC = { symbol: "USDC", decimals: 6 };
const payment = (over: Partial<Parameters<typeof fanReceipt>[1][number]> = {}) => ({
  paymentId: "p",
  subscriberId: "fan",
  amount: 9_990_000n,
  poolShare: 6_993_000n,
  referralShare: 999_000n,
  referrerArtistId: "nova",
  referralPaidOnchain: true,
  campaign: "",
  paidAt: 0,
  ...over,
});

describe("receipt lines", () => {
  it("add up to what the fan paid, to the base unit", () => {
    const r = fanReceipt(
      "fan",
      [payment(), payment({ subscriberId: "other" })],
      [
        { subscriberId: "fan", artistId: "nova", plays: 2 },
        { subscriberId: "fan", artistId: "orbit", plays: 1 },
        { subscriberId: "other", artistId: "orbit", plays: 9 },
      ],
    );
    const lines = receiptLines(r, (id) => id.toUpperCase());
    expect(lines.reduce((s, l) => s + l.amount, 0n)).toBe(9_990_000n);
    expect(lines.find((l) => l.key === "artist-nova")!.amount).toBe(4_662_000n);
    expect(lines.find((l) => l.key === "artist-orbit")!.amount).toBe(2_331_000n);
    expect(lines.find((l) => l.key === "platform")!.amount).toBe(1_998_000n);
    expect(lines[0].label).toMatch(/NOVA, who brought you/);
    expect(lines.filter((l) => l.share).map((l) => [l.key, l.share])).toEqual([
      ["referral-nova", "nova"],
      ["artist-orbit", "orbit"],
    ]);
    expect(shareText(r, "nova", "Nova", USDC)).toBe("I paid Nova 5.66 USDC this month, verified with Gapless.");
    expect(exact(1n, USDC)).toBe("0.000001 USDC");
  });

  it("say so when nobody brought the fan and nothing was played", () => {
    const r = fanReceipt("fan", [payment({ referralShare: 0n, referrerArtistId: "" })], []);
    const keys = receiptLines(r, (id) => id).map((l) => [l.key, l.amount]);
    expect(keys).toEqual([
      ["referral", 0n],
      ["unplayed", 6_993_000n],
      ["platform", 2_997_000n],
    ]);
  });
});

describe("pickPeriod", () => {
  const mine = [
    { period: "1", subscriber: "a" },
    { period: "2", subscriber: "b" },
  ];
  it("takes the last published period the fan has rows in, or the one asked for", () => {
    const published = [{ period: "1" }, { period: "2" }, { period: "3" }];
    expect(pickPeriod(mine, published)?.period).toBe("2");
    expect(pickPeriod(mine, published, "1")?.period).toBe("1");
    expect(pickPeriod(mine, published, "3")?.period).toBe("2");
    expect(pickPeriod([], published)).toBeUndefined();
  });
});
