// Artist dashboard: claimable now by source, claimed to date, per-period history, subscribers acquired
// and their revenue per campaign, the growth pool, the referral link, Claim all (one transaction), pending root,
// Splits.
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { isAddress, type Address, type Hex } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { buildSplitTree, unpackPayee, ZERO_SALT, type SplitTree } from "../../../lib/chain/split.ts";
import { campaignName } from "../../../lib/chain/campaigns.ts";
import { BarChart } from "../components/BarChart.tsx";
import { GrowthCard } from "../components/GrowthCard.tsx";
import { ErrorBox, TxStatus } from "../components/Tx.tsx";
import { contracts, splitAbi, deployBlock } from "../contracts.ts";
import { usePeriodIndex, useRoots } from "../hooks/useChainData.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useGrowth } from "../hooks/useGrowth.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, formatDuration } from "../lib/format.ts";
import { claimableIn, growthLegs } from "../lib/growth.ts";
import { fetchJson, fetchProof, fetchRegistry, fetchStatement, periodUrl, type Statement } from "../lib/periods.ts";
import { useLocation } from "../router.tsx";

interface SplitMembership {
  split: Address;
  tree: SplitTree;
  share: bigint;
  owed: bigint;
}

function useEarnings(account: Address | undefined) {
  const client = usePublicClient();
  const index = usePeriodIndex();
  const roots = useRoots();
  return useQuery({
    queryKey: ["earnings", account, roots.data?.active?.root, index.data?.length],
    enabled: !!client && !!account && !!index.data && !!roots.data,
    queryFn: async () => {
      const a = account!;
      const { hub, distributor, factory, token } = contracts;
      const [referral, claimed, withdrawn] = await Promise.all([
        client!.readContract({ ...hub, functionName: "referralBalanceOf", args: [a] }),
        client!.readContract({ ...distributor, functionName: "claimed", args: [a] }),
        inBlockRanges(client!, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
          client!.getContractEvents({ ...hub, eventName: "Withdrawn", args: { account: a }, fromBlock, toBlock }),
        ),
      ]);
      // Usage: this address's leaf in the active root, proof fetched from the published shard.
      let leaf: { cumulative: bigint; proof: Hex[] } | null = null;
      const active = roots.data!.active;
      const entry = active && index.data!.find((e) => e.root === active.root);
      if (entry) {
        const manifest = await fetchJson<{ proofs: { prefix_length: number } }>(periodUrl(entry, "manifest.json"));
        const found = await fetchProof(entry, a, manifest.proofs.prefix_length);
        if (found) leaf = { cumulative: BigInt(found.amount), proof: found.proof };
      }
      const usage = leaf && leaf.cumulative > claimed ? leaf.cumulative - claimed : 0n;
      // Splits this address is a member of.
      const created = await inBlockRanges(client!, { fromBlock: deployBlock("factory") }, (fromBlock, toBlock) =>
        client!.getContractEvents({ ...factory, eventName: "SplitCreated", fromBlock, toBlock }),
      );
      const splits: SplitMembership[] = [];
      for (const ev of created) {
        const payees = ev.args.payees!.map(unpackPayee);
        const me = payees.find((p) => p.account.toLowerCase() === a.toLowerCase());
        if (!me) continue;
        const tree = buildSplitTree(payees, ev.args.salt!);
        const owed = await client!.readContract({
          address: ev.args.split!,
          abi: splitAbi,
          functionName: "owed",
          args: [token.address, a, me.share, tree.totalShares],
        });
        splits.push({ split: ev.args.split!, tree, share: me.share, owed });
      }
      const splitOwed = splits.reduce((s, x) => s + x.owed, 0n);
      const withdrawnTotal = withdrawn.reduce((s, w) => s + (w.args.amount ?? 0n), 0n);
      return {
        referral,
        usage,
        leaf,
        claimed,
        withdrawnTotal,
        splits,
        splitOwed,
        total: referral + usage + splitOwed,
      };
    },
  });
}

function useHistory(account: Address | undefined) {
  const index = usePeriodIndex();
  return useQuery({
    queryKey: ["history", account, index.data?.length],
    enabled: !!account && !!index.data,
    queryFn: async () => {
      const registry = await fetchRegistry();
      const mine = registry.filter((r) => r.payout.toLowerCase() === account!.toLowerCase());
      const periods: { period: string; statements: Statement[] }[] = [];
      for (const entry of index.data!) {
        const statements = (await Promise.all(mine.map((m) => fetchStatement(entry, m.id)))).filter(
          (s): s is Statement => !!s,
        );
        periods.push({ period: entry.period, statements });
      }
      return { artists: mine, periods };
    },
  });
}

export default function ArtistPage() {
  const { query } = useLocation();
  const { address: connected } = useConnection();
  const registry = useQuery({ queryKey: ["registry"], queryFn: fetchRegistry });
  const fromQuery = query.get("address");
  const [picked, setPicked] = useState<string>("");
  const account = (picked || fromQuery || connected) as Address | undefined;
  const valid = account && isAddress(account) ? account : undefined;
  const earnings = useEarnings(valid);
  const history = useHistory(valid);
  const roots = useRoots();
  const now = useChainTime();
  const growth = useGrowth(valid);
  const claim = useTx();
  const g = growth.data;
  // Everything in the platform's token; the growth pool's ETH earnings (if any) are claimed too but shown apart.
  const growthOwed = g ? claimableIn(g.claimables, contracts.token.address) : 0n;
  const e = earnings.data && g ? { ...earnings.data, growthOwed, total: earnings.data.total + growthOwed } : undefined;

  async function claimAll() {
    if (!valid || !e || !g) return;
    const legs = [
      valid,
      e.referral > 0n ? [contracts.hub.address] : [],
      e.usage > 0n && e.leaf
        ? [{ distributor: contracts.distributor.address, cumulativeAmount: e.leaf.cumulative, proof: e.leaf.proof }]
        : [],
      e.splits
        .filter((s) => s.owed > 0n)
        .map((s) => ({
          split: s.split,
          tokens: [contracts.token.address],
          share: s.share,
          totalShares: s.tree.totalShares,
          salt: s.tree.salt,
          proof: s.tree.proof(valid),
        })),
    ] as const;
    // The growth leg (sync the new units, then claim) only when the pool holds something for this account.
    const growthLeg = growthLegs(contracts.growth.address, g.claimables);
    const receipt = await claim.send(
      growthLeg.length
        ? { ...contracts.router, functionName: "claimAllWithGrowth", args: [...legs, growthLeg, true] }
        : { ...contracts.router, functionName: "claimAll", args: [...legs, true] },
    );
    if (receipt) void Promise.all([earnings.refetch(), growth.refetch()]);
  }

  return (
    <>
      <h1>Artist dashboard</h1>
      <div className="card">
        <label>
          Artist or member address{" "}
          <select data-testid="artist-picker" value={picked} onChange={(ev) => setPicked(ev.target.value)}>
            <option value="">{connected ? "connected wallet" : fromQuery ? "from link" : "pick an artist"}</option>
            {registry.data?.map((r) => (
              <option key={r.id} value={r.payout}>
                {r.name}
              </option>
            ))}
          </select>
        </label>{" "}
        {valid && <code data-testid="artist-address">{valid}</code>}
        {history.data?.artists.length ? <p>{history.data.artists.map((a) => a.name).join(", ")}</p> : null}
      </div>
      {!valid && <p className="muted">Connect a wallet or pick an artist to see earnings.</p>}
      <ErrorBox error={earnings.error ?? growth.error ?? history.error ?? registry.error} />
      {e && (
        <div className="card">
          <h2>Claimable now</h2>
          <div className="grid">
            <div>
              <div className="stat" data-testid="claimable-total">
                {formatAmount(e.total, 6, 6)}
              </div>
              <div className="muted">total claimable (tokens)</div>
            </div>
            <div>
              <div className="stat" data-testid="claimable-referral">
                {formatAmount(e.referral)}
              </div>
              <div className="muted">referral balance in the hub</div>
            </div>
            <div>
              <div className="stat" data-testid="claimable-usage">
                {formatAmount(e.usage)}
              </div>
              <div className="muted">usage from the distributor (active root)</div>
            </div>
            <div>
              <div className="stat" data-testid="claimable-split">
                {formatAmount(e.splitOwed)}
              </div>
              <div className="muted">your Split shares</div>
            </div>
            <div>
              <div className="stat" data-testid="claimable-growth">
                {formatAmount(e.growthOwed)}
              </div>
              <div className="muted">growth pool earnings</div>
            </div>
          </div>
          <p className="muted">
            Claimed to date: {formatAmount(e.claimed)} from the distributor, {formatAmount(e.withdrawnTotal)} referral
            withdrawals.
          </p>
          <button
            data-testid="claim-all"
            disabled={
              (e.total === 0n && !growthLegs(contracts.growth.address, g!.claimables).length) ||
              claim.step === "signing" ||
              claim.step === "confirming"
            }
            onClick={claimAll}
          >
            Claim all ({formatAmount(e.total)}) in one transaction
          </button>
          <TxStatus tx={claim} />
        </div>
      )}
      {roots.data?.pending && (
        <div className="card" data-testid="pending-root">
          <h3>Next payout pending</h3>
          <p>
            Root <code>{roots.data.pending.root.slice(0, 18)}…</code> becomes claimable in{" "}
            <b>{now !== undefined ? formatDuration(roots.data.pending.claimableAt - now) : "…"}</b> unless an auditor
            vetoes it.
          </p>
        </div>
      )}
      {g && <GrowthCard g={g} now={now} />}
      {history.data && history.data.periods.length > 0 && <History periods={history.data.periods} />}
      {valid && <ReferralLink account={valid} />}
      {valid && e && <Splits account={valid} memberships={e.splits} onDone={() => void earnings.refetch()} />}
    </>
  );
}

function History({ periods }: { periods: { period: string; statements: Statement[] }[] }) {
  const sum = (ss: Statement[], f: (s: Statement) => string) => ss.reduce((t, s) => t + BigInt(f(s)), 0n);
  const latest = periods.at(-1)!.statements;
  const campaigns = new Map<string, { subscribers: number; lifetime: bigint; referral: bigint }>();
  for (const s of latest)
    for (const c of s.campaigns) {
      const row = campaigns.get(c.campaign) ?? { subscribers: 0, lifetime: 0n, referral: 0n };
      row.subscribers += c.subscribers;
      row.lifetime += BigInt(c.lifetime_payments);
      row.referral += BigInt(c.lifetime_referral_onchain);
      campaigns.set(c.campaign, row);
    }
  return (
    <div className="card">
      <h2>History per period</h2>
      <BarChart
        series={[
          { label: "usage (plays)", color: "#5b45e0" },
          { label: "referral (subscribers brought)", color: "#f2a33a" },
        ]}
        rows={periods.map((p) => ({
          label: `P${p.period}`,
          values: [sum(p.statements, (s) => s.usage.total), sum(p.statements, (s) => s.referral.total)],
        }))}
      />
      <table>
        <thead>
          <tr>
            <th>period</th>
            <th className="num">usage</th>
            <th className="num">referral</th>
            <th className="num">pro-rata would pay</th>
            <th className="num">subscribers acquired</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.period}>
              <td>{p.period}</td>
              <td className="num">{formatAmount(sum(p.statements, (s) => s.usage.total))}</td>
              <td className="num">{formatAmount(sum(p.statements, (s) => s.referral.total))}</td>
              <td className="num">{formatAmount(sum(p.statements, (s) => s.pro_rata))}</td>
              <td className="num">{p.statements.reduce((n, s) => n + s.subscribers_acquired, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Subscribers acquired, per campaign (latest period; revenue over their lifetime)</h3>
      <table data-testid="campaigns">
        <thead>
          <tr>
            <th>campaign</th>
            <th className="num">paying subscribers</th>
            <th className="num">lifetime revenue brought</th>
            <th className="num">your lifetime referral share</th>
          </tr>
        </thead>
        <tbody>
          {[...campaigns].map(([c, row]) => (
            <tr key={c}>
              <td>{campaignName(c || "0")}</td>
              <td className="num">{row.subscribers}</td>
              <td className="num">{formatAmount(row.lifetime)}</td>
              <td className="num">{formatAmount(row.referral)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReferralLink({ account }: { account: Address }) {
  const [campaign, setCampaign] = useState("1");
  const [qr, setQr] = useState<string>("");
  const [copied, setCopied] = useState(false);
  const link = `${location.origin}/subscribe?ref=${account}&c=${campaign}`;
  useEffect(() => {
    let live = true;
    void import("qrcode").then((q) => q.toDataURL(link, { margin: 1, width: 140 })).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [link]);
  return (
    <div className="card">
      <h2>Your referral link</h2>
      <p className="muted">
        Fans who subscribe through it pay you a share of every payment they make, renewals included.
      </p>
      <select value={campaign} onChange={(e) => setCampaign(e.target.value)}>
        {["0", "1", "2", "3"].map((c) => (
          <option key={c} value={c}>
            {campaignName(c)}
          </option>
        ))}
      </select>{" "}
      <code data-testid="referral-link">{link}</code>{" "}
      <button
        className="secondary"
        onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
      >
        {copied ? "Copied" : "Copy"}
      </button>
      {qr && (
        <div>
          <img src={qr} alt="QR code of the referral link" width={140} height={140} />
        </div>
      )}
    </div>
  );
}

function Splits({
  account,
  memberships,
  onDone,
}: {
  account: Address;
  memberships: SplitMembership[];
  onDone: () => void;
}) {
  const [members, setMembers] = useState(`${account} 50\n0x0000000000000000000000000000000000000001 50`);
  const [formError, setFormError] = useState("");
  const create = useTx();
  const release = useTx();
  async function createSplit() {
    setFormError("");
    let tree: SplitTree;
    try {
      const payees = members
        .trim()
        .split("\n")
        .map((line, i) => {
          const [addr, share] = line.trim().split(/\s+/);
          if (!addr || !isAddress(addr)) throw new Error(`line ${i + 1}: "${addr ?? ""}" is not an address`);
          if (!/^\d+$/.test(share ?? "")) throw new Error(`line ${i + 1}: share must be a whole number`);
          return { account: addr as Address, share: BigInt(share) };
        });
      tree = buildSplitTree(payees, ZERO_SALT);
    } catch (e) {
      return setFormError((e as Error).message);
    }
    if (await create.send({ ...contracts.factory, functionName: "createSplit", args: [tree.packed, tree.salt] }))
      onDone();
  }
  return (
    <div className="card">
      <h2>Splits</h2>
      {memberships.map((m) => (
        <div key={m.split}>
          Member of Split <code>{m.split}</code> with {String(m.share)}/{String(m.tree.totalShares)} shares; owed to you
          now {formatAmount(m.owed)}.{" "}
          <button
            className="secondary"
            onClick={async () =>
              (await release.send({
                address: m.split,
                abi: splitAbi,
                functionName: "releaseAll",
                args: [contracts.token.address, m.tree.packed, m.tree.salt],
              })) && onDone()
            }
          >
            Release every member's share
          </button>
        </div>
      ))}
      <TxStatus tx={release} />
      <h3>Create a Split for your band or team</h3>
      <p className="muted">One member per line: address and share. Use the Split's address as your payout address.</p>
      <textarea rows={4} cols={70} value={members} onChange={(e) => setMembers(e.target.value)} />
      <div>
        <button onClick={createSplit}>Create Split</button>
      </div>
      {formError && <div className="error">{formError}</div>}
      <TxStatus tx={create} />
    </div>
  );
}
