import Link from "next/link";

const NAV = [
  { href: "/", label: "Key findings" },
  { href: "/crisis", label: "Crisis contacts" },
  { href: "/use-of-force", label: "Use of force" },
  { href: "/community", label: "Community impact" },
  { href: "/cit", label: "CIT comparison" },
  { href: "/metrics", label: "Metrics" },
  { href: "/alternative-response", label: "Alternative response" },
  { href: "/explainers", label: "How to read" },
  { href: "/data", label: "Data & versions" },
  { href: "/extracts", label: "Download data" },
  { href: "/staff/sign-in", label: "Staff sign in" },
];

/** The banner landmark; `notice` (e.g. the synthetic-data banner) renders inside it so it sits in a landmark. */
export function SiteHeader({ notice }: { notice?: React.ReactNode }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header__inner">
        <Link href="/" className="site-title">
          Crisis Response &amp; Use of Force <span className="site-title__city">Seattle</span>
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {notice}
    </header>
  );
}
