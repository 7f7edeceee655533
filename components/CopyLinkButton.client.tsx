"use client";

import { useState } from "react";

/** A link to the article itself; with JavaScript a click copies the URL instead and says so. */
export function CopyLinkButton({ url, labels }: { url: string; labels: { copy: string; copied: string; status: string } }) {
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
        {copied ? labels.copied : labels.copy}
      </a>
      <span role="status" className="sr-only">
        {copied ? labels.status : ""}
      </span>
    </>
  );
}
