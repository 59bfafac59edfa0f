// A plain SVG bar chart of amounts per period (stacked by series), with an optional comparison mark per bar.
import { formatAmount } from "../lib/format.ts";

export interface Series {
  label: string;
  color: string;
}

export function BarChart({
  rows,
  series,
  compare,
  format = (v) => formatAmount(v),
}: {
  rows: { label: string; values: bigint[] }[];
  series: Series[];
  compare?: bigint[];
  format?: (v: bigint) => string;
}) {
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0n));
  const max = [...totals, ...(compare ?? [])].reduce((m, t) => (t > m ? t : m), 1n);
  const width = 560;
  const height = 180;
  const bar = Math.min(60, (width - 40) / Math.max(1, rows.length) - 10);
  const y = (v: bigint) => height - Number((v * BigInt(height - 10)) / max);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height + 30}`} width="100%" role="img" aria-label="history chart">
        {rows.map((r, i) => {
          let top = height;
          const x = 30 + i * (bar + 10);
          return (
            <g key={r.label}>
              {r.values.map((v, k) => {
                const h = Number((v * BigInt(height - 10)) / max);
                top -= h;
                return (
                  <rect key={k} x={x} y={top} width={bar} height={h} fill={series[k].color}>
                    <title>{`${series[k].label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {compare && (
                <line
                  x1={x - 4}
                  x2={x + bar + 4}
                  y1={y(compare[i])}
                  y2={y(compare[i])}
                  stroke="#1d1d28"
                  strokeDasharray="4 3"
                  strokeWidth={2}
                >
                  <title>{`pro-rata would pay: ${format(compare[i])}`}</title>
                </line>
              )}
              <text x={x + bar / 2} y={height + 16} textAnchor="middle" fontSize="12">
                {r.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {series.map((s) => (
          <span key={s.label} style={{ marginRight: "1rem" }}>
            <span style={{ display: "inline-block", width: 10, height: 10, background: s.color }} /> {s.label}
          </span>
        ))}
        {compare && <span>- - - pro-rata would pay </span>}(max {format(max)})
      </figcaption>
    </figure>
  );
}
