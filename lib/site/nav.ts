import en from "@/lib/i18n/messages/en.json" with { type: "json" };

/**
 * The public site's navigation, in three groups so the header fits on one row at desktop widths and folds into
 * one menu on phones. Every public page is listed once (tests/unit/site/nav.test.ts checks this against app/(public)).
 * Labels are catalogue keys (nav.groups.*, nav.links.* in lib/i18n/messages); `label` is the English one, for tests.
 */
type GroupKey = keyof typeof en.nav.groups;
type LinkKey = keyof typeof en.nav.links;
export type NavLink = { href: string; key: LinkKey; label: string };
export type NavGroup = { key: GroupKey; label: string; links: NavLink[] };

const link = (href: string, key: LinkKey): NavLink => ({ href, key, label: en.nav.links[key] });
const group = (key: GroupKey, links: NavLink[]): NavGroup => ({ key, label: en.nav.groups[key], links });

export const NAV_GROUPS: NavGroup[] = [
  group("findings", [
    link("/", "home"),
    link("/crisis", "crisis"),
    link("/use-of-force", "useOfForce"),
    link("/community", "community"),
    link("/cit", "cit"),
    link("/alternative-response", "alternativeResponse"),
  ]),
  group("methods", [
    link("/explainers", "explainers"),
    link("/metrics", "metrics"),
    link("/methodology", "methodology"),
  ]),
  group("data", [
    link("/data", "data"),
    link("/extracts", "extracts"),
    link("/data-dictionary", "dataDictionary"),
    link("/notes", "notes"),
    link("/releases", "releases"),
  ]),
];
