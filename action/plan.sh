#!/usr/bin/env bash
# Decides, before the cache step, how the Action installs readme-lint, and writes the
# decision to GITHUB_OUTPUT: version, target, archive, sha256, method (download or cargo)
# and cache-key. A version whose archive for this runner has a checksum in
# action/checksums.txt is downloaded; any other (an unreleased commit of the action, a
# runner no archive is built for) is compiled with cargo install.
# Inputs come from the environment only: INPUT_VERSION, GITHUB_ACTION_PATH, RUNNER_OS,
# RUNNER_ARCH, GITHUB_OUTPUT.
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
output="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

version="${INPUT_VERSION:-}"
from_source=false
if [ -z "$version" ]; then
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)
  from_source=true
fi
# The version becomes part of a URL, a file name and a cache key: only a plain SemVer.
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
  echo "::error title=readme-lint::the version input must look like 1.2.3 (got '${version//[^0-9A-Za-z.+-]/?}')"
  exit 1
fi

sha256_of_stdin() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}

# The archive the release workflow builds for this runner (.github/workflows/release.yml).
target=""
extension="tar.gz"
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc extension=zip ;;
esac

archive=""
sha256=""
if [ -n "$target" ]; then
  archive="readme-lint-$version-$target.$extension"
  if [ -f "$action_path/action/checksums.txt" ]; then
    sha256=$(awk -v name="$archive" '$1 !~ /^#/ && ($2 == name || $2 == "*" name) { print $1; exit }' \
      "$action_path/action/checksums.txt")
  fi
fi

if [[ "$sha256" =~ ^[0-9a-f]{64}$ ]]; then
  method=download
  cache_key="readme-lint-$archive-${sha256:0:16}"
else
  method=cargo
  sha256=""
  if [ "$from_source" = true ]; then
    # An unreleased commit: the key follows the source, so an upgrade never restores the
    # old build (hashFiles cannot read the action's folder, which is outside the workspace).
    source_hash=$(cd "$action_path" &&
      { find src rules -type f 2>/dev/null || true; printf '%s\n' Cargo.toml Cargo.lock build.rs; } | LC_ALL=C sort |
      while IFS= read -r file; do if [ -f "$file" ]; then printf '%s\n' "$file" && cat "$file"; fi; done |
      sha256_of_stdin)
    cache_key="readme-lint-${RUNNER_OS:-unknown}-${RUNNER_ARCH:-unknown}-source-$version-${source_hash:0:16}"
  else
    cache_key="readme-lint-${RUNNER_OS:-unknown}-${RUNNER_ARCH:-unknown}-crates-$version"
  fi
fi

{
  echo "version=$version"
  echo "target=$target"
  echo "archive=$archive"
  echo "sha256=$sha256"
  echo "method=$method"
  echo "cache-key=$cache_key"
} >>"$output"
echo "readme-lint $version: $method${archive:+ ($archive)}"
