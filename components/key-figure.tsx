import Link from "next/link";
import { getTranslations } from "next-intl/server";

export interface KeyFigureProps {
  value: string;
  label: string;
  detail: string;
  href?: string;
  linkLabel?: string;
  /** Built from a generated sample: the figure carries its own stamp (a page can mix real and synthetic figures). */
  synthetic?: boolean;
}

export async function KeyFigure({ value, label, detail, href, linkLabel, synthetic }: KeyFigureProps) {
  const t = await getTranslations("common");
  return (
    <article className="key-figure" data-synthetic={synthetic ? "true" : undefined}>
      {synthetic && (
        <p className="synthetic-badge" data-testid="synthetic-badge">
          {t("syntheticStamp")}
        </p>
      )}
      <p className="key-figure__value">{value}</p>
      <h3 className="key-figure__label">{label}</h3>
      <p className="key-figure__detail">{detail}</p>
      {href && (
        <Link href={href}>
          {linkLabel ?? t("seeTheChart")}
          <span className="visually-hidden">: {label}</span>
        </Link>
      )}
    </article>
  );
}
