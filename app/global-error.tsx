"use client";

import { errorStrings } from "@/lib/i18n/error-page";

/** Last resort when the layout itself fails: plain HTML in the site's language, no details of the error. */
export default function GlobalError() {
  const s = errorStrings();
  return (
    <html lang={s.lang} dir={s.dir}>
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "3rem auto", maxWidth: "36rem", padding: "0 1rem" }}>
        <h1>{s.title}</h1>
        <p>{s.shortBody}</p>
        <p>
          <a href="/">{s.home}</a>
        </p>
      </body>
    </html>
  );
}
