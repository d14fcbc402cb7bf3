#!/usr/bin/env bash
# The source_rules test: habits the compiler cannot hold the code to, checked on the sources.
#   - No JSON tree is written with nlohmann's dump() but by dump_json() (bot/core/text/json_text.cpp),
#     which cannot throw on text that is not UTF-8: a dump() elsewhere is how a 500 came back before.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
found=$(grep -rn --include='*.cpp' --include='*.hpp' -E '\.dump\(' bot integrations rules |
  grep -v '^bot/core/text/json_text.cpp:')
if [ -n "$found" ]; then
  echo "source_rules: nlohmann's dump() throws on text that is not UTF-8; write dump_json(value) instead:"
  echo "$found"
  exit 1
fi
echo "source_rules: every JSON tree is written by dump_json"
