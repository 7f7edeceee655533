// The production server is plain ESM JavaScript (scripts/server/*.mjs), run by Node without a build
// step; tests import it untyped.
declare module "*.mjs";
