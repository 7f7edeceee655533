import { useEffect, useRef } from "react";

/**
 * Fetches `endpoint` (JSON) once, when the returned ref's element comes within two screens of the
 * reader, and hands the answer (null when the answer is not 2xx) and the element to `onAnswer`.
 * Nothing is fetched without IntersectionObserver; a failed request or a non-JSON body is ignored,
 * and nothing is handed over after unmount. `onAnswer` is a dependency: keep it stable (useCallback).
 * Used by "Most read" and the donation box's progress line.
 */
export function useFetchWhenNear<T extends HTMLElement, A>(endpoint: string, onAnswer: (answer: A | null, marker: T) => void) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const marker = ref.current;
    if (!marker || typeof IntersectionObserver !== "function") return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        fetch(endpoint, { headers: { accept: "application/json" } })
          .then((r) => (r.ok ? r.json() : null))
          .then((answer: A | null) => !cancelled && onAnswer(answer, marker))
          .catch(() => {});
      },
      { rootMargin: "0px 0px 200% 0px" },
    );
    observer.observe(marker);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [endpoint, onAnswer]);
  return ref;
}
