#!/usr/bin/env bash
# baton's developer entry point. On a fresh Debian 12 machine (as root, or with sudo):
#   deploy/dev.sh run       install what is missing, build, start baton with the example config and the
#                           console chat (extra arguments go to `baton console`, e.g. --user emma)
#   deploy/dev.sh test      the same set-up, then the whole test suite through ctest
#   deploy/dev.sh sanitize  the test suite built with AddressSanitizer and UndefinedBehaviorSanitizer (clang)
#   deploy/dev.sh fuzz [S]  every fuzz target for S seconds (default 60) from its seed corpus, in the same build
#   deploy/dev.sh lint      clang-format and clang-tidy over the project's sources
#   deploy/dev.sh bench     the benchmarks on a release build; figures in build-release/bench-results.json
# BATON_WERROR=ON turns warnings into errors (CI sets it). Builds go to build/ (build-asan/ for sanitize
# and fuzz, build-release/ for bench).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

# Everything comes from Debian 12's own packages; nothing is downloaded at build time.
packages=(
  g++ cmake make pkg-config tzdata
  libboost1.81-dev libboost-url1.81-dev libssl-dev libsqlite3-dev libpq-dev
  nlohmann-json3-dev libyaml-cpp-dev libhowardhinnant-date-dev libcli11-dev libutf8proc-dev catch2
)

# The tests also run the store on a PostgreSQL server of their own (deploy/test-postgres.sh), and build a
# Teams app package (deploy/teams/package.sh, zip) to read back (unzip).
test_packages=(postgresql zip unzip)

# The sanitized build is clang's: libFuzzer comes with it, and one build serves the sanitized suite and
# the fuzz targets. llvm-14 has the symbolizer that turns a sanitizer report's addresses into lines.
sanitize_packages=(clang-14 libclang-rt-14-dev llvm-14)

say() { printf 'dev.sh: %s\n' "$*" >&2; }

install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "missing packages (${missing[*]}) and no sudo: run as root"; exit 1; }
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Node.js serves test tooling only: Microsoft's Adaptive Cards library checks the cards baton renders
# (tests/tools, the teams_cards_valid test). Without the npm registry the test says it was skipped.
install_test_tools() {
  command -v npm >/dev/null || install_missing nodejs npm
  [ -d "$root/tests/tools/node_modules/adaptivecards" ] && return 0
  npm ci --prefix "$root/tests/tools" --no-audit --no-fund --loglevel=error >/dev/null ||
    say "npm could not install tests/tools (no registry?): teams_cards_valid will be skipped"
}

# build DIR [TARGET] [cmake options...]: configures (once) and builds TARGET, or everything.
build() {
  local dir=$1 target=${2:-all}
  shift $(($# < 2 ? $# : 2))
  local options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "$@")
  # Only when asked: changing it rebuilds everything, so an unset variable keeps what the cache has.
  [ -n "${BATON_WERROR:-}" ] && options+=(-DBATON_WERROR="$BATON_WERROR")
  cmake -S "$root" -B "$dir" "${options[@]}" >/dev/null
  cmake --build "$dir" --target "$target" -j "$jobs"
}

# build-asan: clang 14, AddressSanitizer and UndefinedBehaviorSanitizer, libFuzzer's coverage. -O1 with
# line tables only: reports name files and lines, and the build and the suite stay reasonably quick.
build_sanitized() {
  install_missing "${packages[@]}" "${sanitize_packages[@]}"
  # A build-asan/ made by g++ (before the switch to clang) keeps its compiler in the cache: start afresh.
  if [ -f "$root/build-asan/CMakeCache.txt" ] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang' "$root/build-asan/CMakeCache.txt"; then
    rm -rf "$root/build-asan"
  fi
  CXX=clang++-14 build "$root/build-asan" "${1:-all}" -DBATON_SANITIZE=ON -DBATON_FUZZ=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG"
}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# A throwaway PostgreSQL for a test run, stopped and removed whatever happens; BATON_TEST_POSTGRES
# already set (a server of your own) is used as it is.
start_test_postgres() {
  [ -n "${BATON_TEST_POSTGRES:-}" ] && return 0
  pg_dir=$(mktemp -d /tmp/baton-pg.XXXXXX)
  chmod 755 "$pg_dir"
  trap '"$root/deploy/test-postgres.sh" stop "$pg_dir/cluster"; rm -rf "$pg_dir"' EXIT
  BATON_TEST_POSTGRES=$("$root/deploy/test-postgres.sh" start "$pg_dir/cluster")
  export BATON_TEST_POSTGRES BATON_TEST_POSTGRES_PASSWORD_FILE="$pg_dir/cluster/.password"
  say "PostgreSQL for the tests at $BATON_TEST_POSTGRES"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    install_missing "${packages[@]}"
    build "$root/build" baton
    say "starting baton on the console as the example's console.user; type /baton help, Ctrl-D to stop"
    exec "$root/build/baton" console --config "$root/deploy/examples/baton.yaml" --store "$root/build/dev.db" "$@"
    ;;
  test)
    install_missing "${packages[@]}" "${test_packages[@]}"
    install_test_tools
    build "$root/build"
    start_test_postgres
    cd "$root/build"
    ctest --output-on-failure -j "$jobs" "$@"
    ;;
  sanitize)
    install_missing "${test_packages[@]}"
    build_sanitized
    start_test_postgres
    cd "$root/build-asan"
    ctest --output-on-failure -j "$jobs" "$@"
    ;;
  fuzz)
    seconds=${1:-60}
    [[ "$seconds" =~ ^[1-9][0-9]{0,4}$ ]] || { say "fuzz takes a number of seconds for each target (1 to 99999)"; exit 2; }
    build_sanitized fuzz_targets
    "$root/tests/fuzz/run.sh" "$root/build-asan/tests/fuzz" "$root/tests/fuzz/corpus" "$seconds"
    ;;
  bench)
    # nginx is the reference the HTTP figures are judged by (one worker, `return 200`).
    install_missing "${packages[@]}" nginx-light
    cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build-release" -j "$jobs" --target baton scheduler_bench rules_bench commands_bench \
      burst_bench startup_bench bench_summary
    out="$root/build-release"
    say "scheduler: members in 300 time zones with daily stand-ups (medians of 5 runs)"
    "$out/tests/scheduler_bench" --json "$out/bench-scheduler.json" "$@"
    say "rules: 10,000 rules over 1,000 KPIs and two years of days, against a hand-written loop"
    "$out/tests/rules_bench" --json "$out/bench-rules.json" "$@"
    say "commands: slash commands over HTTP, signed as Slack signs them, against nginx on the same machine"
    "$out/tests/commands_bench" --baton "$out/baton" --json "$out/bench-commands.json"
    say "start-up: a store holding a year of data for 200 members"
    "$out/tests/startup_bench" --baton "$out/baton" --json "$out/bench-startup.json"
    say "burst: 10,000 members' stand-ups due in the same minute, delivered to a fake Slack"
    "$out/tests/burst_bench" --baton "$out/baton" --json "$out/bench-burst.json"
    printf '[%s,%s,%s,%s,%s]\n' "$(cat "$out/bench-scheduler.json")" "$(cat "$out/bench-rules.json")" \
      "$(cat "$out/bench-commands.json")" "$(cat "$out/bench-startup.json")" "$(cat "$out/bench-burst.json")" \
      >"$out/bench-results.json"
    say "summary ($(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(date -u +%Y-%m-%d))"
    "$out/tests/bench_summary" "$out/bench-results.json"
    say "figures written to build-release/bench-results.json"
    ;;
  lint)
    install_missing "${packages[@]}" clang-format clang-tidy
    build "$root/build" baton
    cd "$root"
    mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
    clang-format --dry-run -Werror "${sources[@]}"
    mapfile -t units < <(git ls-files 'bot/*.cpp' 'integrations/*.cpp' 'rules/*.cpp' | grep -v asio_impl.cpp)
    # clang-tidy counts the warnings it suppressed in library headers; only real findings are shown.
    printf '%s\n' "${units[@]}" | xargs -P "$jobs" -n 4 clang-tidy -p build --quiet --warnings-as-errors='*' 2>&1 |
      { grep -v ' warnings generated\.$' || true; }
    say "lint: clean"
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
