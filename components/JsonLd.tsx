import type { Graph, Thing } from "schema-dts";
import { serializeJsonLd } from "@/lib/seo/jsonld";

/**
 * Structured data for search engines. The only dangerouslySetInnerHTML outside lib/html: the
 * payload is JSON, not HTML, and serializeJsonLd escapes everything that could end the script.
 */
export function JsonLd({ data }: { data: Graph | Thing }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
