// Month-by-month retention of a campaign's cohorts: one line per cohort, percent of its fans still paying.
import type { Cohort } from "../../../lib/book/types.ts";
import { retentionPercents } from "../lib/book.ts";

const COLORS = ["#5b45e0", "#e0457b", "#23a36b", "#e0a545", "#458be0", "#8a8a99"];

export function RetentionChart({ cohorts, label }: { cohorts: Cohort[]; label: string }) {
  const months = Math.max(2, ...cohorts.map((c) => c.retained.length));
  const width = 420;
  const height = 150;
  const x = (k: number) => 36 + (k * (width - 50)) / (months - 1);
  const y = (p: number) => 10 + ((100 - p) * (height - 20)) / 100;
  return (
    <figure style={{ margin: 0 }} data-testid="retention-chart">
      <svg viewBox={`0 0 ${width} ${height + 24}`} width="100%" role="img" aria-label={`retention of ${label}`}>
        {[0, 50, 100].map((p) => (
          <g key={p}>
            <line x1={36} x2={width - 14} y1={y(p)} y2={y(p)} stroke="#eee" />
            <text x={30} y={y(p) + 4} textAnchor="end" fontSize="10">{`${p}%`}</text>
          </g>
        ))}
        {Array.from({ length: months }, (_, k) => (
          <text key={k} x={x(k)} y={height + 14} textAnchor="middle" fontSize="10">{`m${k}`}</text>
        ))}
        {cohorts.map((c, i) => {
          const points = retentionPercents(c).map((p, k) => `${x(k)},${y(p)}`);
          return (
            <g key={c.cohort} data-testid="retention-cohort">
              <polyline points={points.join(" ")} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={2} />
              {retentionPercents(c).map((p, k) => (
                <circle key={k} cx={x(k)} cy={y(p)} r={3} fill={COLORS[i % COLORS.length]}>
                  <title>{`${c.cohort}, month ${k}: ${p}% (${c.retained[k]} of ${c.fans})`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {cohorts.map((c, i) => (
          <span key={c.cohort} style={{ marginRight: "1rem" }}>
            <span style={{ display: "inline-block", width: 10, height: 10, background: COLORS[i % COLORS.length] }} />{" "}
            cohort {c.cohort} ({c.fans} fans)
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
