/** The editors' subscriber CSV: an import refused line by line, and the export of what was imported. */
import { describe, expect, it } from "vitest";
import { importConfirmed } from "./subscribers";
import { parseSubscriberImport, subscribersCsv } from "./subscribers-csv";
import { testStore } from "./test-db";

const known = new Set(["morning", "alerts"]);

describe("the subscriber CSV", () => {
  it("imports the good lines and names each refused one", () => {
    const parsed = parseSubscriberImport(
      'email,lists,consented_at\r\nann@example.org,morning;alerts,2026-01-02\n"bob@example.org",morning\nnot-an-address,morning\ncat@example.org,evening\ndan@example.org,alerts,yesterday\n',
      known,
    );
    expect(parsed?.rows).toEqual([
      { email: "ann@example.org", lists: ["morning", "alerts"], consentedAt: "2026-01-02T00:00:00.000Z" },
      { email: "bob@example.org", lists: ["morning"] },
    ]);
    expect(parsed?.problems).toEqual([
      "line 4: not an email address",
      "line 5: lists must be ids from site.yml (morning, alerts)",
      "line 6: consented_at is not a date",
    ]);
    expect(parseSubscriberImport("address,lists\nann@example.org,morning\n", known)).toBeNull();
  });

  it("exports every subscriber with the lists they receive, one CSV line each", async () => {
    const store = await testStore();
    try {
      const parsed = parseSubscriberImport("email,lists\nann@example.org,morning alerts\nbob@example.org,alerts\n", known)!;
      expect(await importConfirmed(store.db, parsed.rows, "import")).toBe(2);
      const lines = (await subscribersCsv(store.db)).trim().split("\n");
      expect(lines[0]).toBe("email,status,lists,created_at,confirmed_at,bounced_at");
      expect(lines.slice(1).map((l) => l.split(",").slice(0, 3))).toEqual([
        ["ann@example.org", "active", "alerts morning"],
        ["bob@example.org", "active", "alerts"],
      ]);
    } finally {
      await store.remove();
    }
  });
});
