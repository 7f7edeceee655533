"use client";

/** Shown when rendering fails. It never shows the error itself: no stack trace reaches a reader. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-bold uppercase tracking-wide text-accent">Something went wrong</p>
      <h1 className="mt-2 font-serif text-4xl font-bold">This page is not available right now</h1>
      <p className="mt-4 text-lg text-muted">Please try again in a moment. If it keeps happening, the rest of the site is still here.</p>
      <div className="mt-6 flex gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink">
          Try again
        </button>
        <a href="/" className="rounded-md border border-rule px-4 py-2 font-semibold">
          Home page
        </a>
      </div>
    </div>
  );
}
