"use client";

import { useState } from "react";

/**
 * A link to the article itself; with JavaScript a click copies the URL instead and says so.
 * `context` (read by screen readers only) says what is copied where a page has several.
 */
export function CopyLinkButton({ url, context }: { url: string; context?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <a
        href={url}
        onClick={async (e) => {
          if (!navigator.clipboard) return;
          e.preventDefault();
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
            setTimeout(() => setCopied(false), 2500);
          } catch {
            /* permission denied: the link still works */
          }
        }}
        className="inline-block rounded-md border border-rule px-3 py-1.5 hover:bg-panel"
      >
        {copied ? "Link copied" : "Copy link"}
        {context && <span className="sr-only">{context}</span>}
      </a>
      <span role="status" className="sr-only">
        {copied ? "Link copied to the clipboard" : ""}
      </span>
    </>
  );
}
