import { Breadcrumbs, type Crumb } from "./Breadcrumbs";
import { getI18n } from "@/lib/i18n/translate";

/** A listing's header (breadcrumb, title with the page number, intro) above its list of articles. */
export function ListingPage({
  trail,
  title,
  page,
  intro,
  children,
}: {
  trail: Crumb[];
  title: string;
  page: number;
  intro?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <>
      <Breadcrumbs items={trail} />
      <header className="mt-4 border-b border-rule pb-6">
        <h1 className="font-serif text-4xl font-bold">
          {title}
          {page > 1 && <span className="text-muted"> {getI18n().t("listing.pageSuffix", { page })}</span>}
        </h1>
        {intro}
      </header>
      <div className="mt-8">{children}</div>
    </>
  );
}
