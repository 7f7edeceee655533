"use client";

import Image from "next/image";
import { useEffect, useRef, useState } from "react";

const CLOSED_KEY = "masthead-check-also-closed";

export interface CheckAlsoCard {
  url: string;
  title: string;
  sectionName: string;
  imageSrc?: string;
}

/**
 * The end-of-article "Check also" card (docs/decisions/0153). Server-rendered as a plain link
 * (crawlers, no JavaScript); with JavaScript it appears once the reader reaches `endMarkerId` — in
 * the margin beside the end of the article where the screen is wide enough (1280 px and up), as a
 * bar along the bottom below that — closes with its button or Escape, and stays closed for the rest
 * of the visit (sessionStorage).
 */
export interface CheckAlsoLabels {
  /** The card's accessible name ("Check also"). */
  region: string;
  /** "Check also · <section>", already formatted. */
  heading: string;
  close: string;
}

export function CheckAlsoSlideIn({ card, endMarkerId, labels }: { card: CheckAlsoCard; endMarkerId: string; labels: CheckAlsoLabels }) {
  const [open, setOpen] = useState(false);
  // Closed earlier in this visit; rendered as data-dismissed so tests (and styles) can tell.
  const [dismissed, setDismissed] = useState(false);
  const closedRef = useRef(false);

  useEffect(() => {
    try {
      closedRef.current = sessionStorage.getItem(CLOSED_KEY) === "1";
    } catch {
      closedRef.current = false;
    }
    setDismissed(closedRef.current);
    const marker = document.getElementById(endMarkerId);
    if (!marker || closedRef.current) return;
    // Open from the end of the body on (the marker in view, or scrolled past it); closed again when
    // the reader goes back up into the story, so the bar a phone shows never sits over the
    // headline, the byline or the text being read.
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry || closedRef.current) return;
      setOpen(entry.isIntersecting || entry.boundingClientRect.top < 0);
    });
    observer.observe(marker);
    return () => observer.disconnect();
  }, [endMarkerId]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  function close() {
    closedRef.current = true;
    setOpen(false);
    setDismissed(true);
    try {
      sessionStorage.setItem(CLOSED_KEY, "1");
    } catch {
      /* closed for this page only */
    }
  }

  return (
    <aside
      aria-label={labels.region}
      data-open={open ? "true" : "false"}
      data-dismissed={dismissed ? "true" : "false"}
      data-testid="check-also-card"
      className="check-also-slide my-10 flex gap-3 rounded-lg border border-rule bg-paper p-3"
    >
      {card.imageSrc && (
        // A small decorative thumbnail; the card's link text carries the meaning.
        <Image src={card.imageSrc} alt="" width={96} height={54} sizes="96px" className="check-also-thumb h-[54px] w-[96px] shrink-0 rounded object-cover" />
      )}
      <div className="min-w-0 flex-1">
        <p className="text-xs font-bold uppercase tracking-wide text-muted">{labels.heading}</p>
        <a href={card.url} className="mt-1 block font-serif font-bold leading-snug text-ink hover:underline">
          {card.title}
        </a>
      </div>
      <button
        type="button"
        onClick={close}
        className="check-also-close -me-1 -mt-1 h-8 w-8 shrink-0 rounded text-xl leading-none text-muted hover:bg-panel"
        aria-label={labels.close}
        tabIndex={open ? 0 : -1}
      >
        ×
      </button>
    </aside>
  );
}
