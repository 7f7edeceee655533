/** A fresh SQLite reader data store with every project migration, for unit tests. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore, type Store } from "../store";

export async function testStore(): Promise<Store & { remove(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-newsletters-"));
  const store = await openStore({ env: { DATA_DIR: path.join(dir, "data"), CONTENT_DIR: path.join(dir, "content") }, cwd: dir });
  return {
    ...store,
    async remove() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
