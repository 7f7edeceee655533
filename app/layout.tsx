import type { Metadata, Viewport } from "next";
import "./globals.css";
import { getSite } from "@/lib/config/site";
import { getContentSource } from "@/lib/sources/source";
import { orWhenUnavailable } from "@/lib/sources/errors";
import { getI18n } from "@/lib/i18n/translate";
import { editionLinks } from "@/lib/i18n/editions";
import { themeScript } from "@/lib/config/theme";
import { fontVariables } from "./fonts";
import { SiteHeader } from "@/components/SiteHeader";
import { SiteFooter } from "@/components/SiteFooter";

export async function generateMetadata(): Promise<Metadata> {
  const site = getSite();
  const { t } = getI18n();
  return {
    metadataBase: new URL(site.url),
    title: { default: site.name, template: t("shell.titleTemplate", { title: "%s", siteName: site.name }) },
    description: site.description,
    applicationName: site.name,
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#101318" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const site = getSite();
  const i18n = getI18n();
  const [sections, pages] = await Promise.all([
    orWhenUnavailable(getContentSource().getSections(), []),
    orWhenUnavailable(getContentSource().getPages(), []),
  ]);
  return (
    <html lang={i18n.lang} dir={i18n.dir} className={fontVariables} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex min-h-screen flex-col bg-paper text-ink antialiased">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-accent px-4 py-2 font-semibold text-accent-ink focus:not-sr-only focus:fixed focus:start-4 focus:top-4"
        >
          {i18n.t("shell.skipToContent")}
        </a>
        <SiteHeader siteName={site.name} sections={sections} pages={pages} editions={editionLinks(site)} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none">
          {children}
        </main>
        <SiteFooter siteName={site.name} description={site.description} sections={sections} pages={pages} />
      </body>
    </html>
  );
}
