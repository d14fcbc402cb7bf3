#!/bin/sh
# Builds baton-teams.zip, the app package to upload in Teams (Apps → Manage your apps → Upload an app):
# manifest.json with your bot's app id and host filled in, and the two icons.
#   MICROSOFT_APP_ID=<guid> BATON_HOST=baton.example.com deploy/teams/package.sh [out.zip]
# The manifest's privacy and terms links go to the pages baton serves (https://<host>/privacy and
# /terms, written from the config's company and contact); BATON_PRIVACY_URL and BATON_TERMS_URL, when
# set, name pages of your own instead.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-baton-teams.zip}
fail() {
  echo "package.sh: $*" >&2
  exit 2
}
[ -n "${MICROSOFT_APP_ID:-}" ] || fail "set MICROSOFT_APP_ID to the bot registration's Microsoft App ID (a GUID)"
[ -n "${BATON_HOST:-}" ] || fail "set BATON_HOST to the host name Teams reaches baton at, like baton.example.com"

# The app id is a GUID, as Azure shows it: Teams refuses a package whose id is not one.
echo "$MICROSOFT_APP_ID" | grep -Eqx '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}' ||
  fail "MICROSOFT_APP_ID is \"$MICROSOFT_APP_ID\", which is not a GUID: copy the Microsoft App ID of the Azure Bot (Configuration), like 6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"

# The host alone: a name Teams reaches over HTTPS, optionally with a port. Anything else is said, not guessed.
case "$BATON_HOST" in
  *://*) fail "BATON_HOST is \"$BATON_HOST\": give the host name alone, without http:// or https://, like baton.example.com" ;;
  */*) fail "BATON_HOST is \"$BATON_HOST\": give the host name alone, without a path, like baton.example.com (baton serves /teams/messages itself)" ;;
esac
echo "$BATON_HOST" | grep -Eqx '([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(:[0-9]{1,5})?' ||
  fail "BATON_HOST is \"$BATON_HOST\", which is not a host name like baton.example.com (letters, digits, hyphens and dots; Teams needs a public name, not an IP address)"

privacy=${BATON_PRIVACY_URL:-https://$BATON_HOST/privacy}
terms=${BATON_TERMS_URL:-https://$BATON_HOST/terms}
for url in "$privacy" "$terms"; do
  echo "$url" | grep -Eqx 'https://[A-Za-z0-9.:-]+(/[A-Za-z0-9._~/%-]*)?' ||
    fail "\"$url\" is not an https:// address Teams takes (letters, digits and . _ ~ / % - in its path)"
done

command -v zip >/dev/null || { echo "package.sh needs zip: apt-get install zip" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every value was checked above to hold none of sed's special characters (|, &, \, newline).
sed -e "s|\${MICROSOFT_APP_ID}|$MICROSOFT_APP_ID|g" -e "s|\${BATON_HOST}|$BATON_HOST|g" \
  -e "s|\${BATON_PRIVACY_URL}|$privacy|g" -e "s|\${BATON_TERMS_URL}|$terms|g" \
  "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && zip -q -X app.zip manifest.json color.png outline.png)
mv "$work/app.zip" "$out"
echo "wrote $out"
