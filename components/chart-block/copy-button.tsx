"use client";

import { useEffect, useState } from "react";

/** Copies a snippet to the clipboard. Shown once hydrated: without JavaScript the text itself is there to select. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a button that needs JavaScript appears with it
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() =>
        navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {label}
      <span role="status" className="copy-status">
        {copied ? " (copied)" : ""}
      </span>
    </button>
  );
}
