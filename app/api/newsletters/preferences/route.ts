import { methodNotAllowed } from "@/lib/request/http";
import { newsletterLists } from "@/lib/newsletters/config";
import { first, readerOfToken, readSameSiteForm, seeOther } from "@/lib/newsletters/http";
import { deleteSubscriber, setLists, unsubscribe } from "@/lib/newsletters/subscribers";

/**
 * POST /api/newsletters/preferences: the preferences page's forms — `action` save (the chosen
 * `list`s), unsubscribe-all or delete — authorised by the signed `token` of the reader's emails.
 */
export async function POST(request: Request) {
  const form = await readSameSiteForm(request);
  if ("refused" in form) return form.refused;
  const token = first(form.fields, "token");
  const reader = await readerOfToken(token);
  if (!reader) return seeOther("/newsletters/link-invalid");
  const { store, id } = reader;
  const back = `/newsletters/preferences?token=${encodeURIComponent(token!)}`;
  switch (first(form.fields, "action")) {
    case "save": {
      const known = newsletterLists().map((l) => l.id);
      const chosen = (form.fields.get("list") ?? []).filter((l) => known.includes(l));
      if (!(await setLists(store.db, id, chosen, known, "/newsletters/preferences"))) return seeOther("/newsletters/link-invalid");
      return seeOther(`${back}&saved=1`);
    }
    case "unsubscribe-all":
      await unsubscribe(store.db, id, null, "/newsletters/preferences");
      return seeOther("/newsletters/unsubscribed");
    case "delete":
      await deleteSubscriber(store.db, id);
      return seeOther("/newsletters/deleted");
    default:
      return seeOther(back);
  }
}

export const GET = () => methodNotAllowed("POST");
