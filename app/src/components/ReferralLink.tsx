// The artist's referral link per campaign, with copy and a QR code.
import { useEffect, useState } from "react";
import type { Address } from "viem";
import { campaignName } from "../../../lib/chain/campaigns.ts";
import { CopyButton } from "./Address.tsx";

export function ReferralLink({ account }: { account: Address }) {
  const [campaign, setCampaign] = useState("1");
  const [qr, setQr] = useState<string>("");
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
        Fans who subscribe through it pay you a share of every payment they make, renewals included, for as long as they
        stay.
      </p>
      <select value={campaign} onChange={(e) => setCampaign(e.target.value)} aria-label="Campaign">
        {["0", "1", "2", "3"].map((c) => (
          <option key={c} value={c}>
            {campaignName(c)}
          </option>
        ))}
      </select>{" "}
      <code data-testid="referral-link">{link}</code> <CopyButton text={link} label="referral link" />
      {qr && (
        <div>
          <img src={qr} alt="QR code of the referral link" width={140} height={140} />
        </div>
      )}
    </div>
  );
}
