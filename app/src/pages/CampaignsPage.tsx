// Campaigns: a funder (manager, label, the band itself) creates a campaign with its spend, which creates its
// recoupment waterfall (the funder repaid up to the spend, then the band); each campaign shows its link and QR and
// whether the marketing paid off: fans brought, revenue, recouped, remaining, projected payback.
import { useState } from "react";
import { isAddress, toHex, type Address } from "viem";
import { useConnection } from "wagmi";
import { configArgs, recoupment } from "../../../lib/chain/waterfall.ts";
import { CampaignCard } from "../components/CampaignCard.tsx";
import { TxStatus } from "../components/Tx.tsx";
import { contracts } from "../contracts.ts";
import { useCampaigns } from "../hooks/useCampaigns.ts";
import { useTx } from "../hooks/useTx.ts";
import { parseAmount } from "../lib/format.ts";

export default function CampaignsPage() {
  const { address } = useConnection();
  const [refresh, setRefresh] = useState(0);
  const campaigns = useCampaigns(refresh);
  return (
    <>
      <h1>Campaigns</h1>
      <p className="muted">
        The fans a campaign brings pay its waterfall for life: its funder is repaid the spend first, from exactly that
        revenue, and the band's Split receives everything after.
      </p>
      {address ? (
        <CreateCampaign account={address} onDone={() => setRefresh((n) => n + 1)} />
      ) : (
        <p>Connect a wallet to fund a campaign.</p>
      )}
      {campaigns.error && <div className="error">{String(campaigns.error)}</div>}
      {campaigns.data?.length === 0 && <p className="muted">No campaign yet.</p>}
      {campaigns.data?.map((c) => (
        <CampaignCard key={c.address} c={c} account={address} onDone={() => setRefresh((n) => n + 1)} />
      ))}
    </>
  );
}

function CreateCampaign({ account, onDone }: { account: Address; onDone: () => void }) {
  const [name, setName] = useState("album launch");
  const [spend, setSpend] = useState("500");
  const [funder, setFunder] = useState<string>(account);
  const [residual, setResidual] = useState("");
  const [formError, setFormError] = useState("");
  const tx = useTx();

  async function create() {
    setFormError("");
    try {
      if (!isAddress(funder)) throw new Error("The funder is not an address.");
      if (!isAddress(residual)) throw new Error("The band's payout (its Split) is not an address.");
      if (new TextEncoder().encode(name).length > 31) throw new Error("The name is longer than 31 bytes.");
      const config = recoupment(
        contracts.token.address,
        funder,
        parseAmount(spend),
        residual,
        toHex(name, { size: 32 }),
      );
      if (await tx.send({ ...contracts.waterfallFactory, functionName: "createWaterfall", args: configArgs(config) }))
        onDone();
    } catch (e) {
      setFormError((e as Error).message);
    }
  }

  return (
    <div className="card">
      <h2>Fund a campaign</h2>
      <label>
        Name <input data-testid="campaign-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>{" "}
      <label>
        Spend <input data-testid="campaign-spend-input" value={spend} onChange={(e) => setSpend(e.target.value)} />
      </label>{" "}
      <label>
        Funder{" "}
        <input data-testid="campaign-funder" value={funder} onChange={(e) => setFunder(e.target.value)} size={44} />
      </label>{" "}
      <label>
        Band's payout (its Split){" "}
        <input
          data-testid="campaign-residual"
          value={residual}
          onChange={(e) => setResidual(e.target.value)}
          size={44}
          placeholder="0x…"
        />
      </label>{" "}
      <button data-testid="create-campaign" onClick={() => void create()}>
        Create campaign (its waterfall)
      </button>
      {formError && <div className="error">{formError}</div>}
      <TxStatus tx={tx} />
    </div>
  );
}
