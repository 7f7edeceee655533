import { getStore } from "@/lib/store";
import { newslettersOff, seeOther } from "@/lib/newsletters/http";
import { confirm } from "@/lib/newsletters/subscribers";

/** GET /api/newsletters/confirm?token=…: the link in the confirmation mail (single use, 48 hours). */
export async function GET(request: Request) {
  const off = newslettersOff();
  if (off) return off;
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const store = await getStore();
  const result = await confirm(store.db, token);
  return seeOther(result.ok ? "/newsletters/confirmed" : "/newsletters/link-invalid");
}
