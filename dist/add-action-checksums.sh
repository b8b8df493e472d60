#!/usr/bin/env bash
# dist/add-action-checksums.sh VERSION SHA256SUMS: after a release, appends the SHA-256 of
# its archives (the SHA256SUMS file attached to the GitHub release) to
# action/checksums.txt, so that the Action downloads that version instead of compiling it.
# Commit the result and move the action's major tag (v1) to that commit.
set -euo pipefail

die() { printf 'add-action-checksums.sh: %s\n' "$*" >&2; exit 2; }
[ $# -eq 2 ] || die "usage: dist/add-action-checksums.sh VERSION SHA256SUMS"
version=$1 sums=$2
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] || die "VERSION must look like 1.2.3 (got $version)"
[ -f "$sums" ] || die "$sums: no such file"
checksums="$(cd "$(dirname "$0")/.." && pwd)/action/checksums.txt"

lines=$(awk -v prefix="readme-lint-$version-" '
  { name = $2; sub(/^\*/, "", name) }
  $1 ~ /^[0-9a-f]+$/ && length($1) == 64 && index(name, prefix) == 1 && name ~ /\.(tar\.gz|zip)$/ { print $1 "  " name }
' "$sums")
[ -n "$lines" ] || die "$sums lists no readme-lint-$version-* archive"
while IFS= read -r line; do
  name=${line#*  }
  if grep -q "  $name\$" "$checksums"; then
    grep -qxF "$line" "$checksums" || die "$checksums already has another checksum for $name"
  else
    printf '%s\n' "$line" >>"$checksums"
  fi
done <<<"$lines"
echo "action/checksums.txt: $(grep -c "  readme-lint-$version-" "$checksums") archives of $version"
