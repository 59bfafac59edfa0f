// Plans, terms and growth-pool commitments, with every pending change and the date it takes effect.
import type { PlatformView } from "../hooks/usePlatform.ts";
import type { Token } from "../hooks/useToken.ts";
import { formatBps, formatDate, formatDuration } from "../lib/format.ts";
import { basisLabel } from "../lib/growth.ts";

export function PlansTerms({ h, now, token }: { h: PlatformView; now: bigint | undefined; token: Token }) {
  const later = (at: number | bigint) => now !== undefined && BigInt(at) > now;
  const when = (at: number | bigint) => (later(at) ? <b>from {formatDate(at)}</b> : `since ${formatDate(at)}`);
  const pending = [
    ...h.plans.flatMap((p, i) =>
      later(p.availableFrom)
        ? [
            `New plan ${i}: ${token.fmt(p.price)} every ${formatDuration(p.period)}, from ${formatDate(p.availableFrom)}`,
          ]
        : [],
    ),
    ...h.terms.flatMap((t, i) =>
      later(t.effectiveAt)
        ? [
            `Terms v${i + 1}: referral ${formatBps(t.referralBps)}, pool ${formatBps(t.poolBps)} for fans who join from ${formatDate(t.effectiveAt)}`,
          ]
        : [],
    ),
    ...h.commitments.flatMap((c) =>
      later(c.effectiveAt)
        ? [`Growth pool commitment: ${formatBps(c.bps)} of ${basisLabel(c.basis)}, from ${formatDate(c.effectiveAt)}`]
        : [],
    ),
  ];
  return (
    <div className="card">
      <h2>Plans and terms</h2>
      <h3>Pending changes</h3>
      {pending.length ? (
        <ul data-testid="pending-changes">
          {pending.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None.</p>
      )}
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>plan</th>
              <th className="num">price</th>
              <th>every</th>
              <th>available</th>
            </tr>
          </thead>
          <tbody>
            {h.plans.map((p, i) => (
              <tr key={i}>
                <td>{i}</td>
                <td className="num">{token.fmt(p.price)}</td>
                <td>{formatDuration(p.period)}</td>
                <td>
                  {when(p.availableFrom)}
                  {BigInt(p.retiredFrom) < 2n ** 39n ? `, retired from ${formatDate(p.retiredFrom)}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <thead>
            <tr>
              <th>terms</th>
              <th>referral</th>
              <th>pool</th>
              <th>referral lasts</th>
              <th>effective</th>
            </tr>
          </thead>
          <tbody>
            {h.terms.map((t, i) => (
              <tr key={i}>
                <td>v{i + 1}</td>
                <td>{formatBps(t.referralBps)}</td>
                <td>{formatBps(t.poolBps)}</td>
                <td>{t.referralDuration === 0 ? "for life" : formatDuration(t.referralDuration)}</td>
                <td>{when(t.effectiveAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <thead>
            <tr>
              <th>growth pool commitment</th>
              <th>effective</th>
            </tr>
          </thead>
          <tbody>
            {h.commitments.map((c) => (
              <tr key={String(c.id)}>
                <td>
                  {formatBps(c.bps)} of {basisLabel(c.basis)}
                </td>
                <td>{when(c.effectiveAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
