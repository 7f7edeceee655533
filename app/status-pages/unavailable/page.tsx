import type { Metadata } from "next";
import { StatusPage } from "@/components/StatusPage";
import { getI18n } from "@/lib/i18n/translate";

// What proxy.ts shows, with status 503 and Retry-After, when the content source cannot answer and
// this address was never served before. Static: it needs nothing from the content source.
export const dynamic = "force-static";

export function generateMetadata(): Metadata {
  return { title: getI18n().t("unavailable.metaTitle"), robots: { index: false, follow: false } };
}

export default function Unavailable() {
  const { t } = getI18n();
  return <StatusPage eyebrow={t("unavailable.eyebrow")} title={t("error.title")} message={t("unavailable.body")} />;
}
