#!/usr/bin/env bash
# The WordPress part of CI (called by .ci/run after the markdown suite):
#   1. install, start and seed a real WordPress on 127.0.0.1 (setup.sh);
#   2. run the content-source conformance suite and the WordPress unit tests against it;
#   3. build the site with CONTENT_SOURCE=wordpress in a private copy of the checkout, so the
#      markdown build in .next is never touched, and run e2e/wordpress.spec.ts against it;
#   4. stop WordPress (by PID) whatever happened.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD_DIR=${MASTHEAD_WP_BUILD_DIR:-/tmp/masthead-wordpress-build}

scripts/wordpress/setup.sh
trap '"$ROOT/scripts/wordpress/stop.sh"' EXIT

set -a
# shellcheck disable=SC1091
. scripts/wordpress/.env.wordpress
set +a
export CONTENT_SOURCE=wordpress
# site.yml (name, section order, donation box) still comes from a content folder: the fixture's.
export CONTENT_DIR=tests/fixtures/conformance
export SITE_URL=https://ellery-cove.example
export PREVIEW_SECRET=${PREVIEW_SECRET:-wordpress-e2e-preview-secret-0123456789}
export REVALIDATE_SECRET=${REVALIDATE_SECRET:-wordpress-e2e-revalidate-secret-0123456789}
export NEXT_TELEMETRY_DISABLED=1
# No network here: the webhook's embed previews (docs/decisions/0230) find a closed loopback port
# at once, rather than waiting on a name lookup that cannot succeed.
export OEMBED_URL=http://127.0.0.1:3

echo "> Conformance suite against WordPress ($WORDPRESS_URL)"
npx vitest run tests/conformance lib/sources/wordpress

echo "> Building the site with CONTENT_SOURCE=wordpress in $BUILD_DIR"
rm -rf "$BUILD_DIR" && mkdir -p "$BUILD_DIR"
tar -C "$ROOT" --exclude=./node_modules --exclude=./.next --exclude=./test-results --exclude=./.git -cf - . | tar -C "$BUILD_DIR" -xf -
# Turbopack refuses a node_modules symlinked from outside the project: hard links cost nothing.
cp -al "$ROOT/node_modules" "$BUILD_DIR/node_modules" 2>/dev/null || cp -a "$ROOT/node_modules" "$BUILD_DIR/node_modules"
cd "$BUILD_DIR"
npm run build

echo "> e2e against the WordPress-backed build"
npx playwright test -c scripts/wordpress/playwright.config.ts
