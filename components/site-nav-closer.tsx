"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * The header's menus are <details> elements, so they open and close without JavaScript. With it, this closes
 * them after a client-side navigation (the layout, and so an open menu, survives it), on Escape and on a click
 * outside, as readers expect from a menu. Renders nothing.
 */
export function SiteNavCloser() {
  const pathname = usePathname();
  useEffect(() => {
    const open = () => document.querySelectorAll<HTMLDetailsElement>(".site-nav details[open]");
    open().forEach((d) => (d.open = false));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      // One level at a time: the innermost open menu around the focus, else all of them.
      const inside = (e.target as Element | null)?.closest?.(".site-nav details[open]");
      if (!(inside instanceof HTMLDetailsElement)) return open().forEach((d) => (d.open = false));
      inside.open = false;
      inside.querySelector("summary")?.focus();
    };
    const onClick = (e: MouseEvent) => {
      open().forEach((d) => {
        if (!d.contains(e.target as Node)) d.open = false;
      });
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [pathname]);
  return null;
}
