// One campaign: its link and QR, spend, fans brought, revenue to date, recouped, remaining, the projected payback
// date, what the funder has been repaid, and "Collect and release" (hub balance → waterfall → each position).
import { useEffect, useState } from "react";
import type { Address } from "viem";
import { configArgs } from "../../../lib/chain/waterfall.ts";
import { contracts, waterfallAbi } from "../contracts.ts";
import type { CampaignView } from "../hooks/useCampaigns.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, formatDate, shortAddress } from "../lib/format.ts";
import { TxStatus } from "./Tx.tsx";

/** The link fans subscribe through: the artist and its campaign, whose payout (this waterfall) the hub binds for good. */
export const campaignLink = (origin: string, r: NonNullable<CampaignView["registration"]>) =>
  `${origin}/subscribe?ref=${r.artist}&c=${r.campaign}`;

function Stat({ id, value, label }: { id: string; value: string; label: string }) {
  return (
    <div>
      <div className="stat" data-testid={id}>
        {value}
      </div>
      <div className="muted">{label}</div>
    </div>
  );
}

export function CampaignCard({
  c,
  account,
  onDone,
}: {
  c: CampaignView;
  account: Address | undefined;
  onDone: () => void;
}) {
  const link = c.registration ? campaignLink(location.origin, c.registration) : "";
  const [qr, setQr] = useState("");
  const collect = useTx();
  const register = useTx();
  useEffect(() => {
    let live = true;
    if (!link) return;
    void import("qrcode").then((q) => q.toDataURL(link, { margin: 1, width: 120 })).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [link]);
  const s = c.stats;
  const p = s.projection;
  const payback = p.kind === "recouped" ? "recouped" : p.kind === "projected" ? formatDate(p.at) : `— (${p.reason})`;
  const isFunder = account?.toLowerCase() === c.funder.toLowerCase();
  const args = configArgs(c.config);

  async function collectAndRelease() {
    if (c.pendingInHub > 0n) {
      const r = await collect.send({ ...contracts.hub, functionName: "withdraw", args: [c.address] });
      if (!r) return;
    }
    if (!c.created) {
      const r = await collect.send({ ...contracts.waterfallFactory, functionName: "createWaterfall", args });
      if (!r) return;
    }
    if (await collect.send({ address: c.address, abi: waterfallAbi, functionName: "releaseAll", args })) onDone();
  }

  return (
    <div className="card" data-testid={`campaign-${c.address.toLowerCase()}`}>
      <h3>
        {c.name || `campaign ${shortAddress(c.address)}`}{" "}
        <span className="muted">
          funded by {shortAddress(c.funder)}, then {shortAddress(c.config.residual)}
        </span>
      </h3>
      {link ? (
        <div>
          <code data-testid="campaign-link">{link}</code>
        </div>
      ) : (
        <p className="muted">
          Not yet a campaign: the band's enrolled artist registers it, and its payout is this waterfall for good.{" "}
          <button
            data-testid="register-campaign"
            className="secondary"
            onClick={() =>
              void register
                .send({ ...contracts.hub, functionName: "registerCampaign", args: [c.address] })
                .then((r) => r && onDone())
            }
          >
            Register as my campaign
          </button>
        </p>
      )}
      <TxStatus tx={register} />
      {link && qr && <img src={qr} alt="QR code of the campaign link" width={120} height={120} />}
      <div className="grid">
        <Stat id="campaign-spend" value={formatAmount(c.spend)} label="spend (the funder's tranche)" />
        <Stat id="campaign-fans" value={String(s.fans)} label="fans brought" />
        <Stat id="campaign-revenue" value={formatAmount(s.revenue)} label="revenue to date (referral shares)" />
        <Stat id="campaign-recouped" value={formatAmount(s.recouped)} label="recouped so far" />
        <Stat id="campaign-remaining" value={formatAmount(s.remaining)} label="remaining" />
        <Stat id="campaign-payback" value={payback} label="payback, projected from observed retention" />
      </div>
      <p className="muted">
        Waterfall {c.created ? "" : "(not created yet; paid at its address all the same) "}
        <code>{c.address}</code>: received {formatAmount(c.received)}, the hub holds {formatAmount(c.pendingInHub)}{" "}
        more; paid to the funder {formatAmount(c.released[0] ?? 0n)}, to the residual{" "}
        {formatAmount(c.released[c.released.length - 1] ?? 0n)}.
      </p>
      {isFunder && (
        <p data-testid="funder-repaid">
          Repaid to you so far: <strong>{formatAmount(c.released[0] ?? 0n)}</strong> of {formatAmount(c.spend)}
          {(c.owed[0] ?? 0n) + c.pendingInHub > 0n && " (more is waiting: collect and release)"}.
        </p>
      )}
      <button data-testid="collect-release" onClick={() => void collectAndRelease()}>
        Collect and release
      </button>
      <TxStatus tx={collect} />
    </div>
  );
}
