"use client";

import { errorStrings } from "@/lib/i18n/error-page";

/** Shown when rendering fails. It never shows the error itself: no stack trace reaches a reader. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const s = errorStrings();
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-bold uppercase tracking-wide text-accent">{s.eyebrow}</p>
      <h1 className="mt-2 font-serif text-4xl font-bold">{s.title}</h1>
      <p className="mt-4 text-lg text-muted">{s.body}</p>
      <div className="mt-6 flex gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink">
          {s.retry}
        </button>
        <a href="/" className="rounded-md border border-rule px-4 py-2 font-semibold">
          {s.home}
        </a>
      </div>
    </div>
  );
}
