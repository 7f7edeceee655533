import type { KeyEventView, LiveMessages } from "@/lib/live/types";
import { formatMessage } from "@/lib/i18n/client-format";

/** The first few key events are always shown; the rest fold away (without JavaScript too). */
const SHOWN = 6;

function Item({ event }: { event: KeyEventView }) {
  return (
    <li className="relative ps-4 before:absolute before:-start-[5px] before:top-3.5 before:h-2 before:w-2 before:rounded-full before:bg-live">
      <a href={event.href} className="group block py-1.5">
        <time dateTime={event.publishedAt} className="block text-xs font-bold text-muted">
          {event.timeLabel}
        </time>
        <span className="font-semibold leading-snug group-hover:underline">{event.title}</span>
      </a>
    </li>
  );
}

/** The summary of key events near the top: each a link to its update, on the page that holds it. */
export function LiveKeyEvents({ events, messages: m }: { events: KeyEventView[]; messages: LiveMessages }) {
  const shown = events.slice(0, SHOWN);
  const more = events.slice(SHOWN);
  return (
    <nav aria-labelledby="key-events-title" className="rounded-lg border border-rule bg-panel p-4 text-sm" data-testid="key-events">
      <h2 id="key-events-title" className="text-sm font-bold uppercase tracking-wide">
        {m.keyEvents}
      </h2>
      {events.length === 0 ? (
        <p className="mt-2 text-muted">{m.noKeyEvents}</p>
      ) : (
        <>
          <ol className="ms-1 mt-2 border-s-2 border-rule">{shown.map((e) => <Item key={e.id} event={e} />)}</ol>
          {more.length > 0 && (
            <details className="mt-1">
              <summary className="cursor-pointer py-1 font-semibold text-accent">{formatMessage(m.moreKeyEvents, { count: more.length })}</summary>
              <ol className="ms-1 border-s-2 border-rule">{more.map((e) => <Item key={e.id} event={e} />)}</ol>
            </details>
          )}
        </>
      )}
    </nav>
  );
}
