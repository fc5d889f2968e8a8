/**
 * 1,000 contacts as a 40 x 25 grid of squares: `base` of them dark, `extra` more in a second colour. The sentence
 * beside it carries the numbers for screen readers; the picture is decorative.
 */
export function IconArray({ base, extra }: { base: number; extra: number }) {
  const cells = Array.from({ length: 1000 }, (_, i) =>
    i < base ? "base" : i < base + Math.max(0, extra) ? "extra" : "none",
  );
  return (
    <svg viewBox="0 0 400 250" className="icon-array" aria-hidden="true" focusable="false">
      {cells.map((kind, i) => (
        <rect
          key={i}
          x={(i % 40) * 10 + 1}
          y={Math.floor(i / 40) * 10 + 1}
          width={8}
          height={8}
          rx={1.5}
          fill={kind === "base" ? "#b2182b" : kind === "extra" ? "#f4a582" : "#d9dde2"}
        />
      ))}
    </svg>
  );
}
