// Figures cited rather than measured, with where they come from and why they are not measured here.
import type { GasRow } from "./rows.ts";

const SPLITS_V1 = "0xSplits v1 (published)";
const SPLITS_SOURCE = "0xSplits v1 docs gas table, as quoted in issue #5 (not deployable here: no npm sources)";

export function referenceRows(): GasRow[] {
  const rows: GasRow[] = [];
  const sizes = ["2 payees", "10 payees", "100 payees"];
  const create = [100_741, 110_802, 223_155];
  const distribute = [57_390, 110_069, 702_505];
  sizes.forEach((size, i) => {
    rows.push({
      section: "splits",
      operation: "create",
      size,
      system: SPLITS_V1,
      gas: create[i],
      source: SPLITS_SOURCE,
    });
    rows.push({
      section: "splits",
      operation: "distribute to every payee (ETH, warm)",
      size,
      system: SPLITS_V1,
      gas: distribute[i],
      source: SPLITS_SOURCE,
    });
    rows.push({
      section: "splits",
      operation: "release one payee, again",
      size,
      system: SPLITS_V1,
      gas: 48_000,
      source: SPLITS_SOURCE,
      note: "withdraw ≈ 48,000 (ERC-20), ≈ 40,000 (ETH); approximate, size-independent",
    });
  });
  rows.push({
    section: "crediting",
    operation: "deposit for one recipient / withdraw",
    size: "1 recipient",
    system: "Zora ProtocolRewards",
    gas: null,
    source:
      "not measured: @zoralabs/protocol-rewards cannot be installed here (git dependencies) and its README and docs.zora.co publish no gas figures to cite",
  });
  return rows;
}
