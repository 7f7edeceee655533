// Worker threads do not inherit the TypeScript loader of the main thread: register it, then run the
// worker proper (prepare-worker.mts).
import { register } from "tsx/esm/api";

register();
await import("./prepare-worker.mts");
