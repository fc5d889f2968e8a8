import Markdown, { type Components } from "react-markdown";

/**
 * A note's Markdown body as React elements. Defence in depth behind the form's checks (lib/annotations/schema.ts):
 * raw HTML in the text is dropped (skipHtml), only text-level elements, lists and links are rendered (no images,
 * headings or tables), and a link whose target is not http(s), mailto or a path on this site loses its address.
 * react-markdown never uses dangerouslySetInnerHTML, so text can only ever become text.
 */
const ALLOWED = ["p", "br", "strong", "em", "del", "code", "a", "ul", "ol", "li", "blockquote"];
const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

export function safeNoteUrl(url: string): string {
  const trimmed = url.trim();
  return SAFE_URL.test(trimmed) ? trimmed : "";
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="nofollow noopener noreferrer">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

export function NoteBody({ markdown }: { markdown: string }) {
  return (
    <div className="note-body">
      <Markdown skipHtml allowedElements={ALLOWED} unwrapDisallowed urlTransform={safeNoteUrl} components={components}>
        {markdown}
      </Markdown>
    </div>
  );
}
