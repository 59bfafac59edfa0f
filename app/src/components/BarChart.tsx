// A plain SVG bar chart of amounts per period (stacked by series).
import { formatAmount } from "../lib/format.ts";

export interface Series {
  label: string;
  color: string;
}

export function BarChart({ rows, series }: { rows: { label: string; values: bigint[] }[]; series: Series[] }) {
  const max = rows.reduce((m, r) => {
    const t = r.values.reduce((a, b) => a + b, 0n);
    return t > m ? t : m;
  }, 1n);
  const width = 560;
  const height = 180;
  const bar = Math.min(60, (width - 40) / Math.max(1, rows.length) - 10);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height + 30}`} width="100%" role="img" aria-label="history chart">
        {rows.map((r, i) => {
          let y = height;
          const x = 30 + i * (bar + 10);
          return (
            <g key={r.label}>
              {r.values.map((v, k) => {
                const h = Number((v * BigInt(height - 10)) / max);
                y -= h;
                return (
                  <rect key={k} x={x} y={y} width={bar} height={h} fill={series[k].color}>
                    <title>{`${series[k].label}: ${formatAmount(v)}`}</title>
                  </rect>
                );
              })}
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
        (max {formatAmount(max)})
      </figcaption>
    </figure>
  );
}
