import { Fragment, isValidElement, type ReactNode } from "react";

/**
 * Static markup of a tree of plain server components (no hooks, no context, no client components): the chart's
 * SVG from components/chart-block/static-chart.tsx, for the embed page and the PNG preview. Route handlers run
 * under React's server condition, where react-dom/server is not available, and the embed must not be a Next.js
 * page (its runtime alone is ~130 KiB of JavaScript; the embed's budget is 20 KiB). The output matches
 * react-dom/server's renderToStaticMarkup for such trees (tests/unit/embed/markup.test.ts compares the two).
 */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"]);
/** React props whose attribute name is not the kebab-case of the prop. */
const RENAMED: Record<string, string> = { className: "class", htmlFor: "for", tabIndex: "tabindex" };
/** SVG attributes that keep their camelCase in markup. */
const CAMEL = new Set(["viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform", "patternUnits"]);
/** HTML boolean attributes: present without a value when true. */
const BOOLEAN = new Set(["hidden", "disabled", "checked", "open", "selected", "readOnly", "required", "multiple"]);

/** React escapes the same five characters in text and attributes. */
const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
const escapeText = escapeAttr;

function attributeName(prop: string): string {
  if (RENAMED[prop]) return RENAMED[prop];
  if (CAMEL.has(prop) || prop.startsWith("data-") || prop.startsWith("aria-")) return prop;
  return prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function styleText(style: Record<string, string | number>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${v}`)
    .join(";");
}

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [prop, value] of Object.entries(props)) {
    if (prop === "children" || prop === "key" || prop === "ref" || value === undefined || value === null) continue;
    if (typeof value === "function" || typeof value === "symbol") continue;
    if (prop === "style" && typeof value === "object") {
      const css = styleText(value as Record<string, string | number>);
      if (css) out += ` style="${escapeAttr(css)}"`;
      continue;
    }
    const name = attributeName(prop);
    if (BOOLEAN.has(prop)) {
      if (value) out += ` ${name.toLowerCase()}=""`;
      continue;
    }
    // React writes booleans of aria-* and data-* as "true"/"false" and drops other booleans.
    if (typeof value === "boolean" && !name.startsWith("aria-") && !name.startsWith("data-")) continue;
    out += ` ${name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

export function staticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeText(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(staticMarkup).join("");
  if (!isValidElement(node)) throw new Error("staticMarkup: unsupported node (promises and portals are not)");
  const { type } = node;
  const props = node.props as Record<string, unknown> & { children?: ReactNode };
  if (type === Fragment) return staticMarkup(props.children);
  if (typeof type === "function") return staticMarkup((type as (p: unknown) => ReactNode)(props));
  if (typeof type !== "string") throw new Error("staticMarkup: only host elements and function components");
  const open = `<${type}${attributes(props)}`;
  if (VOID.has(type)) return `${open}/>`;
  return `${open}>${staticMarkup(props.children)}</${type}>`;
}
