import Link from "@/components/Link";
import { getI18n } from "@/lib/i18n/translate";

/** The frame of an error page (404, 503): what happened, what to do, and the way home. */
export function StatusPage({ eyebrow, title, message, children }: { eyebrow: string; title: string; message: string; children?: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-bold uppercase tracking-wide text-accent">{eyebrow}</p>
      <h1 className="mt-2 font-serif text-4xl font-bold">{title}</h1>
      <p className="mt-4 text-lg text-muted">{message}</p>
      {children}
      <p className="mt-10">
        <Link href="/" className="font-semibold text-accent hover:underline">
          {getI18n().t("notFound.home")}
        </Link>
      </p>
    </div>
  );
}
