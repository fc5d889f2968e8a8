"use client";

import { useErrorText } from "@/components/error-text";

// The words come from the root layout (components/error-text.tsx) in the reader's language.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const text = useErrorText();
  return (
    <div lang={text?.lang} data-page-message>
      <h1>{text?.title}</h1>
      <p>{text?.body}</p>
      <button type="button" onClick={reset}>
        {text?.retry}
      </button>
    </div>
  );
}
