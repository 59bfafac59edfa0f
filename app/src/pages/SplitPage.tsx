// A Split's page (?address=0x…): its address with copy and explorer link, members and shares, what each is owed
// per token, and releasing every member's share.
import { isAddress, type Address as Addr } from "viem";
import { Address } from "../components/Address.tsx";
import { ErrorBox, TxStatus } from "../components/Tx.tsx";
import { contracts, splitAbi } from "../contracts.ts";
import { useSplit } from "../hooks/useSplit.ts";
import { useToken } from "../hooks/useToken.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/format.ts";
import { formatPercent } from "../lib/splitForm.ts";
import { useLocation } from "../router.tsx";

export default function SplitPage() {
  const { query } = useLocation();
  const raw = query.get("address") ?? "";
  const split = isAddress(raw, { strict: false }) ? (raw as Addr) : undefined;
  const token = useToken();
  const tx = useTx();
  const data = useSplit(split);
  const d = data.data;
  const pct = (share: bigint) => (d ? formatPercent((share * 10_000n) / d.tree.totalShares) : "");
  const amount = (isEth: boolean, v: bigint) => (isEth ? `${formatAmount(v, 18, 6)} ETH` : token.fmt(v));
  return (
    <>
      <h1>Split</h1>
      {!split && <div className="error">The link has no valid Split address.</div>}
      <ErrorBox error={data.error} />
      {split && d && (
        <div className="card" data-testid="split-page">
          <p>
            Address: <Address address={split} testId="split-address" /> — use it as the payout address of the band or
            team.
          </p>
          <div className="scroll-x">
            <table data-testid="split-members">
              <thead>
                <tr>
                  <th>member</th>
                  <th className="num">share</th>
                  {d.holdings.map((h) => (
                    <th key={h.token} className="num">
                      owed ({h.isEth ? "ETH" : token.symbol})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.tree.payees.map((p, i) => (
                  <tr key={p.account}>
                    <td>
                      <Address address={p.account} />
                    </td>
                    <td className="num">{pct(p.share)}</td>
                    {d.holdings.map((h) => (
                      <td key={h.token} className="num">
                        {amount(h.isEth, h.owed[i])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            The Split holds {d.holdings.map((h) => amount(h.isEth, h.balance)).join(" and ")}. Anyone may release: each
            member is paid only their own share.
          </p>
          <button
            data-testid="release-all"
            disabled={tx.disabled || d.holdings[0].balance === 0n}
            onClick={() =>
              tx.send({
                address: split,
                abi: splitAbi,
                functionName: "releaseAll",
                args: [contracts.token.address, d.tree.packed, d.tree.salt],
              })
            }
          >
            Pay every member their {token.symbol} share
          </button>
          <TxStatus tx={tx} />
        </div>
      )}
    </>
  );
}
