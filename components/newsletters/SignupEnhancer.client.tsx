"use client";

import { useEffect } from "react";

/**
 * Enhances a server-rendered sign-up form: it is sent with fetch and answered in place (no page
 * load); without JavaScript the same form posts and lands on "check your inbox".
 */
export function SignupEnhancer({ formId, sending, failed }: { formId: string; sending: string; failed: string }) {
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const status = form.querySelector<HTMLElement>("[data-signup-status]");
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    const page = form.querySelector<HTMLInputElement>("input[name=page]");
    if (page && !page.value) page.value = location.pathname;
    const onSubmit = async (event: SubmitEvent) => {
      event.preventDefault();
      if (!status || !button) return;
      button.disabled = true;
      status.textContent = sending;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString(),
          credentials: "same-origin",
        });
        const answer = (await response.json().catch(() => ({}))) as { ok?: boolean; title?: string; message?: string; error?: string };
        if (answer.ok) {
          form.querySelectorAll<HTMLElement>("[data-signup-fields]").forEach((el) => (el.hidden = true));
          status.textContent = `${answer.title ?? ""} ${answer.message ?? ""}`.trim();
          form.dataset.state = "done";
          status.focus();
        } else {
          status.textContent = answer.error ?? failed;
          button.disabled = false;
        }
      } catch {
        status.textContent = failed;
        button.disabled = false;
      }
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [formId, sending, failed]);
  return null;
}
