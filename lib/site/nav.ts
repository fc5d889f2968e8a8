/**
 * The public site's navigation, in three groups so the header fits on one row at desktop widths and folds into
 * one menu on phones. Every public page is listed once (tests/unit/site/nav.test.ts checks this against app/(public)).
 */
export type NavLink = { href: string; label: string };
export type NavGroup = { label: string; links: NavLink[] };

export const NAV_GROUPS: NavGroup[] = [
  {
    label: "Findings",
    links: [
      { href: "/", label: "Key findings" },
      { href: "/crisis", label: "Crisis contacts" },
      { href: "/use-of-force", label: "Use of force" },
      { href: "/community", label: "Community impact" },
      { href: "/cit", label: "CIT comparison" },
      { href: "/alternative-response", label: "Alternative response" },
    ],
  },
  {
    label: "Methods",
    links: [
      { href: "/explainers", label: "How to read" },
      { href: "/metrics", label: "Metrics" },
      { href: "/methodology", label: "Methodology" },
    ],
  },
  {
    label: "Data",
    links: [
      { href: "/data", label: "Data & versions" },
      { href: "/extracts", label: "Download data" },
      { href: "/data-dictionary", label: "Data dictionary" },
      { href: "/notes", label: "Corrections and notes" },
      { href: "/releases", label: "Releases" },
    ],
  },
];
