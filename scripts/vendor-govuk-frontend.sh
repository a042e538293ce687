#!/usr/bin/env bash
# Refresh the vendored GOV.UK Frontend assets from the npm registry. Run by a maintainer when
# upgrading, never by the demo or the tests (which need no Node): the built files are committed.
#   scripts/vendor-govuk-frontend.sh 6.6.0
set -euo pipefail
version=${1:?usage: $0 VERSION}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "govuk-frontend@$version" --silent >/dev/null && tar xzf "govuk-frontend-$version.tgz")
dest="$root/hearth/static/govuk"
rm -rf "$dest" && mkdir -p "$dest"
cp "$work/package/dist/govuk/govuk-frontend.min.css" "$work/package/dist/govuk/govuk-frontend.min.js" "$dest/"
cp -r "$work/package/dist/govuk/assets" "$dest/assets"
cp "$work/package/README.md" "$dest/README.md"  # GOV.UK Frontend is MIT licensed (see its README)
# The stylesheet asks for /assets/...; served from /static/govuk/ it must ask relative to itself.
sed -i 's#url(/assets/#url(assets/#g' "$dest/govuk-frontend.min.css"
echo "govuk-frontend $version" > "$dest/VERSION"
echo "vendored govuk-frontend $version into $dest"
