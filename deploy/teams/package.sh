#!/bin/sh
# Builds baton-teams.zip, the app package to upload in Teams (Apps → Manage your apps → Upload an app):
# manifest.json with your bot's app id and host filled in, and the two icons.
#   MICROSOFT_APP_ID=<guid> BATON_HOST=baton.example.com deploy/teams/package.sh [out.zip]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-baton-teams.zip}
: "${MICROSOFT_APP_ID:?set MICROSOFT_APP_ID to the bot registration's Microsoft App ID}"
: "${BATON_HOST:?set BATON_HOST to the host name Teams reaches baton at, like baton.example.com}"
command -v zip >/dev/null || { echo "package.sh needs zip: apt-get install zip" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s/\${MICROSOFT_APP_ID}/$MICROSOFT_APP_ID/g" -e "s/\${BATON_HOST}/$BATON_HOST/g" \
  "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && zip -q -X app.zip manifest.json color.png outline.png)
mv "$work/app.zip" "$out"
echo "wrote $out"
