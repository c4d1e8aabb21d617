import { useId } from 'react';

export type Bar = { readonly label: string; readonly values: readonly number[] };

/**
 * Horizontal bars in plain SVG (no chart library): one row per label, one bar
 * per series. The figure is named by `title`; each bar carries its value as a
 * `<title>` and as text, and `summary` (the same figures as a sentence list)
 * is read by screen readers in place of the drawing.
 */
export function BarChart({
  title,
  series,
  bars,
  colors = ['#1677ff', '#d4a017'],
}: {
  title: string;
  series: readonly string[];
  bars: readonly Bar[];
  colors?: readonly string[];
}) {
  const id = useId();
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const barHeight = 14;
  const rowHeight = barHeight * series.length + 14;
  const labelWidth = 38; // per cent of the width given to labels
  const height = bars.length * rowHeight + 28;
  return (
    <figure style={{ margin: 0 }} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} style={{ fontWeight: 600, marginBottom: 4 }}>
        {title}
      </figcaption>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', fontSize: 12 }} aria-hidden="true">
        {series.map((name, i) => (
          <span key={name}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: colors[i % colors.length],
                marginInlineEnd: 4,
              }}
            />
            {name}
          </span>
        ))}
      </div>
      <svg width="100%" height={height} aria-hidden="true" focusable="false" style={{ display: 'block' }}>
        {bars.map((bar, row) => {
          const y = row * rowHeight + 8;
          return (
            <g key={`${bar.label}-${row}`}>
              <text x="0" y={y + barHeight} fontSize="12" fill="#333">
                {bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label}
              </text>
              {bar.values.map((value, i) => (
                <g key={i}>
                  <rect
                    x={`${labelWidth}%`}
                    y={y + i * barHeight}
                    width={`${((100 - labelWidth - 8) * value) / max}%`}
                    height={barHeight - 3}
                    fill={colors[i % colors.length]}
                  >
                    <title>{`${series[i]}: ${value}`}</title>
                  </rect>
                  <text
                    x={`${labelWidth + ((100 - labelWidth - 8) * value) / max + 0.5}%`}
                    y={y + i * barHeight + barHeight - 4}
                    fontSize="11"
                    fill="#333"
                  >
                    {value}
                  </text>
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="laurel-visually-hidden">
        {bars.map((bar, row) => (
          <li key={`${bar.label}-${row}`}>
            {bar.label}: {bar.values.map((v, i) => `${series[i]} ${v}`).join(', ')}
          </li>
        ))}
      </ul>
    </figure>
  );
}
