/** Marks each occurrence of the search terms (whole-word prefixes, any case) in plain text. */
export function Highlight({ text, terms }: { text: string; terms?: string[] }) {
  const words = (terms ?? []).filter((t) => t.length > 1);
  if (!words.length) return <>{text}</>;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join("|")})`, "giu");
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700/60">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
