// Artist dashboard, as cards: Claim all (by source, Splits included), the next payout, the growth pool, the value
// gap per period, the fans brought per campaign, the referral link, creating a Split. Each card is a component fed
// by hooks, so new sections (fans, campaigns funded by a label) slot in without touching the others.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { isAddress, type Address } from "viem";
import { useConnection } from "wagmi";
import { Campaigns } from "../components/Campaigns.tsx";
import { ClaimCard } from "../components/ClaimCard.tsx";
import { CreateSplit } from "../components/CreateSplit.tsx";
import { BookOfBusiness } from "../components/BookOfBusiness.tsx";
import { GrowthCard } from "../components/GrowthCard.tsx";
import { ReferralLink } from "../components/ReferralLink.tsx";
import { ErrorBox } from "../components/Tx.tsx";
import { ValueGap } from "../components/ValueGap.tsx";
import { contracts } from "../contracts.ts";
import { useRoots } from "../hooks/useChainData.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useEarnings } from "../hooks/useEarnings.ts";
import { useGrowth } from "../hooks/useGrowth.ts";
import { useHistory } from "../hooks/useHistory.ts";
import { useToken } from "../hooks/useToken.ts";
import { formatDate, formatDuration } from "../lib/format.ts";
import { claimableIn } from "../lib/growth.ts";
import { fetchRegistry } from "../lib/periods.ts";
import { useLocation } from "../router.tsx";

export default function ArtistPage() {
  const { query } = useLocation();
  const { address: connected } = useConnection();
  const registry = useQuery({ queryKey: ["registry"], queryFn: fetchRegistry });
  const [picked, setPicked] = useState<string>("");
  const account = (picked || query.get("address") || connected) as Address | undefined;
  const valid = account && isAddress(account, { strict: false }) ? account : undefined;
  const token = useToken();
  const earnings = useEarnings(valid);
  const history = useHistory(valid);
  const roots = useRoots();
  const now = useChainTime();
  const growth = useGrowth(valid);
  const g = growth.data;
  const e = earnings.data;
  const pending = roots.data?.pending;
  const pendingWhen = pending
    ? `on ${formatDate(pending.claimableAt)}${now !== undefined ? ` (in ${formatDuration(pending.claimableAt - now)})` : ""}`
    : undefined;
  const growthEarned = e && g ? claimableIn(g.claimables, contracts.token.address) + e.received.growth : undefined;
  const refetch = () => void Promise.all([earnings.refetch(), growth.refetch()]);
  return (
    <>
      <h1>Artist dashboard</h1>
      <div className="card">
        <label>
          Artist or member{" "}
          <select data-testid="artist-picker" value={picked} onChange={(ev) => setPicked(ev.target.value)}>
            <option value="">
              {connected ? "your connected wallet" : query.get("address") ? "from the link" : "pick an artist"}
            </option>
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
      {valid && e && g && <ClaimCard account={valid} e={e} token={token} onDone={refetch} />}
      {pending && (
        <div className="card" data-testid="pending-root">
          <h3>Next payout pending</h3>
          <p>
            The latest period's payout becomes claimable <b>{pendingWhen}</b>, unless an auditor finds it wrong and
            stops it.
          </p>
        </div>
      )}
      {g && <GrowthCard g={g} now={now} token={token} />}
      {history.data && history.data.periods.length > 0 && (
        <ValueGap periods={history.data.periods} growth={growthEarned} token={token} pendingUntil={pendingWhen} />
      )}
      {history.data && history.data.periods.length > 0 && (
        <Campaigns latest={history.data.periods.at(-1)!.statements} token={token} />
      )}
      {valid && <BookOfBusiness account={valid} now={now} />}
      {valid && <ReferralLink account={valid} />}
      <CreateSplit />
    </>
  );
}
