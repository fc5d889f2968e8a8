"use client";

import { createContext, useContext } from "react";

/**
 * The error page's words, translated on the server by the root layout: app/error.tsx must be a client component,
 * and the catalogues stay out of the browser (a few strings through context instead of NextIntlClientProvider).
 */
export interface ErrorText {
  lang: string;
  title: string;
  body: string;
  retry: string;
}

const Context = createContext<ErrorText | null>(null);

export function ErrorTextProvider({ text, children }: { text: ErrorText; children: React.ReactNode }) {
  return <Context.Provider value={text}>{children}</Context.Provider>;
}

export function useErrorText(): ErrorText | null {
  return useContext(Context);
}
