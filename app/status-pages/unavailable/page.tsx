import type { Metadata } from "next";
import { StatusPage } from "@/components/StatusPage";

// What proxy.ts shows, with status 503 and Retry-After, when the content source cannot answer and
// this address was never served before. Static: it needs nothing from the content source.
export const dynamic = "force-static";

export const metadata: Metadata = { title: "Temporarily unavailable", robots: { index: false, follow: false } };

export default function Unavailable() {
  return (
    <StatusPage
      eyebrow="Error 503"
      title="This page is not available right now"
      message="We could not load it just now. Please try again in a minute; the rest of the site may still be here."
    />
  );
}
