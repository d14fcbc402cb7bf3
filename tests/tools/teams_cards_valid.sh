#!/usr/bin/env bash
# The teams_cards_valid test: every card the unit tests render (integrations_tests' "every message"
# case, both button modes) checked by Microsoft's Adaptive Cards library. Skipped (77) when Node.js or the
# library is missing: deploy/dev.sh test installs both (tests/tools/package.json).
#   tests/tools/teams_cards_valid.sh INTEGRATIONS_TESTS
set -euo pipefail
tests=$1
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v node >/dev/null || [ ! -d "$tools/node_modules/adaptivecards" ]; then
  echo "teams_cards_valid: skipped: needs node and tests/tools/node_modules (npm ci --prefix tests/tools)"
  exit 77
fi
cards=$(mktemp -d)
trap 'rm -rf "$cards"' EXIT
BATON_CARDS_DIR=$cards "$tests" "every message baton sends today renders as a valid card\, in both languages and both modes"
node "$tools/validate_cards.js" "$cards"/*.json
