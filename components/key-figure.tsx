import Link from "next/link";

export interface KeyFigureProps {
  value: string;
  label: string;
  detail: string;
  href?: string;
  linkLabel?: string;
}

export function KeyFigure({ value, label, detail, href, linkLabel }: KeyFigureProps) {
  return (
    <article className="key-figure">
      <p className="key-figure__value">{value}</p>
      <h3 className="key-figure__label">{label}</h3>
      <p className="key-figure__detail">{detail}</p>
      {href && <Link href={href}>{linkLabel ?? `See the chart`}<span className="visually-hidden">: {label}</span></Link>}
    </article>
  );
}
