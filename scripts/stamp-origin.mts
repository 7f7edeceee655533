// Run by scripts/build.mjs after `next build`: records the origin the build was made for
// (lib/config/build-origin.ts), so a server started with another SITE_URL refuses to serve it.
import { writeOriginStamp } from "../lib/config/build-origin";

console.log(`> The build is for ${writeOriginStamp()}`);
