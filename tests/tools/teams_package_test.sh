#!/usr/bin/env bash
# The teams_package test: deploy/teams/package.sh refuses what Teams would refuse, saying what is
# expected, and writes the manifest with the app id, host and pages filled in.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
guid=6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f

# expect_refusal ID HOST TEXT: package.sh exits 2 saying TEXT, and writes nothing.
expect_refusal() {
  local said status
  said=$(MICROSOFT_APP_ID=$1 BATON_HOST=$2 sh "$root/deploy/teams/package.sh" "$work/refused.zip" 2>&1)
  status=$?
  if [ "$status" -ne 2 ] || [[ "$said" != *"$3"* ]] || [ -e "$work/refused.zip" ]; then
    echo "FAILED: id '$1', host '$2': status $status, said: $said"
    failures=$((failures + 1))
  fi
}
expect_refusal "$guid" "https://baton.example.com" "without http:// or https://"
expect_refusal "$guid" "baton.example.com/teams" "without a path"
expect_refusal "$guid" "baton&co.example.com" "is not a host name"
expect_refusal "$guid" "10.0.0.1" "is not a host name"
expect_refusal "not-a-guid" "baton.example.com" "which is not a GUID"
expect_refusal "$guid" "" "set BATON_HOST"

if ! MICROSOFT_APP_ID=$guid BATON_HOST=baton.example.com sh "$root/deploy/teams/package.sh" "$work/ok.zip" >/dev/null; then
  echo "FAILED: a good id and host were refused"
  exit 1
fi
manifest=$(unzip -p "$work/ok.zip" manifest.json)
for expected in "\"id\": \"$guid\"" "\"botId\": \"$guid\"" '"privacyUrl": "https://baton.example.com/privacy"' \
  '"termsOfUseUrl": "https://baton.example.com/terms"' '"validDomains": ["baton.example.com"]'; do
  if [[ "$manifest" != *"$expected"* ]]; then
    echo "FAILED: the manifest lacks $expected"
    failures=$((failures + 1))
  fi
done
if [[ "$manifest" == *'${'* ]]; then
  echo "FAILED: a placeholder was left in the manifest"
  failures=$((failures + 1))
fi
unzip -l "$work/ok.zip" | grep -q color.png || { echo "FAILED: no icon"; failures=$((failures + 1)); }
# Pages of the admin's own, when named.
BATON_PRIVACY_URL=https://shop.example.com/legal/privacy MICROSOFT_APP_ID=$guid BATON_HOST=baton.example.com \
  sh "$root/deploy/teams/package.sh" "$work/own.zip" >/dev/null
[[ "$(unzip -p "$work/own.zip" manifest.json)" == *'"privacyUrl": "https://shop.example.com/legal/privacy"'* ]] ||
  { echo "FAILED: BATON_PRIVACY_URL not used"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ] && echo "teams_package: every check held"
exit $((failures > 0))
