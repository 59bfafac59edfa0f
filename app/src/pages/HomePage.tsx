// Landing page: what each user does, and links into the demo.
import { Link } from "../router.tsx";

export default function HomePage() {
  return (
    <>
      <h1>Gapless</h1>
      <p>Subscription revenue routed on-chain: artists earn from the subscribers they bring and the music fans play.</p>
      <div className="grid">
        <div className="card">
          <h3>
            <Link to="/artist">Artist dashboard</Link>
          </h3>
          <p className="muted">Earnings by source, history, referral link, claim all in one transaction, Splits.</p>
        </div>
        <div className="card">
          <h3>
            <Link to="/subscribe">Subscribe</Link>
          </h3>
          <p className="muted">Opened from an artist's link: plan, price and where the money goes.</p>
        </div>
        <div className="card">
          <h3>
            <Link to="/platform">Platform console</Link>
          </h3>
          <p className="muted">Plans and terms, closing and publishing periods, revenue over time.</p>
        </div>
        <div className="card">
          <h3>
            <Link to="/audit">Auditor</Link>
          </h3>
          <p className="muted">Recompute a period in the browser, compare with the chain, veto.</p>
        </div>
      </div>
    </>
  );
}
