"use client";

/** Last resort when the layout itself fails: plain HTML, no details of the error. */
export default function GlobalError() {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "3rem auto", maxWidth: "36rem", padding: "0 1rem" }}>
        <h1>This page is not available right now</h1>
        <p>Please try again in a moment.</p>
        <p>
          <a href="/">Home page</a>
        </p>
      </body>
    </html>
  );
}
