#!/usr/bin/env bash
# The import benchmark of the roster-at-scale goal: a generated N-row roster
# CSV (default 1,000,000, about 150 MB), imported by partnerly-cli and by
# sqlite3's .import, in the same run. Prints wall time and peak memory of
# each, the size of both databases, and the time of a first filtered,
# sorted page. Usage: bash bench/import.sh [rows]   (needs sqlite3 and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
export PATH="$HOME/.cargo/bin:$PATH"

cargo build -q --release -p partnerly-cli
cli=target/release/partnerly-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/make_roster_csv.py "$rows" "$work/roster.csv"
csv_bytes=$(stat -c %s "$work/roster.csv")
echo "file: $rows rows, $(numfmt --to=iec-i --suffix=B "$csv_bytes")"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  read -r seconds kib <"$work/time"
  echo "$label: ${seconds} s, peak memory $(numfmt --to=iec-i --suffix=B $((kib * 1024)))"
}

measure "partnerly import" "$cli" --data-dir "$work/data" import "$work/roster.csv"
measure "sqlite3 .import" sqlite3 "$work/roster.sqlite" ".import --csv $work/roster.csv roster"
echo "sled directory: $(du -sb "$work/data/db" | cut -f1 | numfmt --to=iec-i --suffix=B) ($(awk "BEGIN{printf \"%.2f\", $(du -sb "$work/data/db" | cut -f1)/$csv_bytes}")x the CSV)"
echo "sqlite database: $(stat -c %s "$work/roster.sqlite" | numfmt --to=iec-i --suffix=B)"
measure "first page (instagram, micro, by followers)" "$cli" --data-dir "$work/data" influencers list --json \
  --platform instagram --tier micro --sort followers --desc --limit 50
