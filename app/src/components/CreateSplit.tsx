// Create a Split for a band or team: one row per recipient, the total held at exactly 100 %, a preview bar and the
// predicted address before anything is sent; after creating, the Split's own page.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { usePublicClient } from "wagmi";
import { buildSplitTree, ZERO_SALT } from "../../../lib/chain/split.ts";
import { contracts } from "../contracts.ts";
import { useTx } from "../hooks/useTx.ts";
import { checkRows, formatPercent, parsePercent, type SplitRow } from "../lib/splitForm.ts";
import { navigate } from "../router.tsx";
import { Address } from "./Address.tsx";
import { TxStatus } from "./Tx.tsx";

const COLORS = ["#5b45e0", "#f2a33a", "#2aa198", "#d33682", "#859900", "#268bd2", "#cb4b16", "#6c71c4"];

export function CreateSplit() {
  const client = usePublicClient();
  const [rows, setRows] = useState<SplitRow[]>([
    { address: "", percent: "" },
    { address: "", percent: "" },
  ]);
  const tx = useTx();
  const checked = checkRows(rows);
  const tree = checked.errors.length === 0 ? buildSplitTree(checked.payees, ZERO_SALT) : null;
  const predicted = useQuery({
    queryKey: ["predict-split", tree?.root],
    enabled: !!tree && !!client,
    queryFn: async () => {
      const [split] = await client!.readContract({
        ...contracts.factory,
        functionName: "predictSplit",
        args: [tree!.packed, tree!.salt],
      });
      const exists = ((await client!.getCode({ address: split })) ?? "0x") !== "0x";
      return { split, exists };
    },
  });
  const set = (i: number, patch: Partial<SplitRow>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const create = () =>
    tx.run(async (w) => {
      if (!tree || !predicted.data) return;
      await w.write({ ...contracts.factory, functionName: "createSplit", args: [tree.packed, tree.salt] });
      navigate(`/split?address=${predicted.data.split}`);
    });
  return (
    <div className="card" data-testid="create-split">
      <h2>Create a Split for your band or team</h2>
      <p className="muted">
        Each recipient gets a fixed percentage of everything paid into the Split, for good: nobody can change the list
        later.
      </p>
      {rows.map((r, i) => (
        <div key={i} className="split-row">
          <input
            aria-label={`Recipient ${i + 1} address`}
            placeholder="0x… address"
            value={r.address}
            onChange={(e) => set(i, { address: e.target.value })}
          />
          <input
            aria-label={`Recipient ${i + 1} percent`}
            placeholder="%"
            inputMode="decimal"
            className="percent"
            value={r.percent}
            onChange={(e) => set(i, { percent: e.target.value })}
          />
          <span>%</span>
          {rows.length > 2 && (
            <button
              className="secondary icon"
              aria-label={`Remove recipient ${i + 1}`}
              onClick={() => setRows(rows.filter((_, k) => k !== i))}
            >
              ✕
            </button>
          )}
        </div>
      ))}
      <button className="secondary" onClick={() => setRows([...rows, { address: "", percent: "" }])}>
        Add a recipient
      </button>
      <p data-testid="split-total">
        Total: <b>{formatPercent(checked.total)}</b> of 100%
      </p>
      <div className="stack-bar" aria-label="preview of the shares">
        {rows.map((r, i) => (
          <div
            key={i}
            className="bar"
            style={{ width: `${Number(parsePercent(r.percent) ?? 0n) / 100}%`, background: COLORS[i % COLORS.length] }}
            title={`${r.address || "recipient " + (i + 1)}: ${r.percent}%`}
          />
        ))}
      </div>
      {checked.errors.length > 0 && rows.some((r) => r.address || r.percent) && (
        <ul className="muted" data-testid="split-errors">
          {checked.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {predicted.data && (
        <p data-testid="split-predicted">
          The Split's address will be <Address address={predicted.data.split} />: use it as your payout address.
          {predicted.data.exists && (
            <>
              {" "}
              This Split already exists: <a href={`/split?address=${predicted.data.split}`}>open it</a>.
            </>
          )}
        </p>
      )}
      <button
        data-testid="create-split-button"
        disabled={!tree || !predicted.data || predicted.data.exists || tx.disabled}
        onClick={create}
      >
        Create this Split
      </button>
      <TxStatus tx={tx} />
    </div>
  );
}
