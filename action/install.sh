#!/usr/bin/env bash
# Installs readme-lint for the GitHub Action as action/plan.sh decided: the release
# archive for this runner, checked against the SHA-256 the action ships, or a build with
# cargo install for versions without a released archive. Keeps a matching binary found
# on PATH or restored from the cache.
# Inputs come from the environment only: PLAN_VERSION, PLAN_METHOD, PLAN_ARCHIVE,
# PLAN_TARGET, PLAN_SHA256 (the plan step's outputs), INPUT_VERSION,
# GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_PATH; READMELINT_RELEASES_URL replaces the
# GitHub releases address (a mirror, or the tests' loopback server).
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
wanted="${PLAN_VERSION:?PLAN_VERSION is not set (the plan step runs first)}"
method="${PLAN_METHOD:?PLAN_METHOD is not set (the plan step runs first)}"
install_root="${RUNNER_TEMP:?RUNNER_TEMP is not set}/readme-lint-install"
exe=readme-lint
if [ "${PLAN_TARGET:-}" = x86_64-pc-windows-msvc ]; then exe=readme-lint.exe; fi

fail() {
  echo "::error title=readme-lint install::$*"
  exit 1
}

found_version() {
  "$1" --version 2>/dev/null | awk '{print $2}'
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

download() {
  local archive="${PLAN_ARCHIVE:?}" expected="${PLAN_SHA256:?}" base url proto folder
  base="${READMELINT_RELEASES_URL:-}"
  if [ -z "$base" ]; then
    base="$(sed -n 's/^repository = "\(https:\/\/github\.com\/[^"]*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)/releases/download"
  fi
  url="${base%/}/v$wanted/$archive"
  # Only https leaves the machine; plain http is for a server on the loopback address.
  proto='=https'
  case "$url" in http://127.0.0.1:* | http://127.0.0.1/*) proto='=http' ;; esac
  work=$(mktemp -d "$RUNNER_TEMP/readme-lint-download.XXXXXX")
  trap 'rm -rf "${work:?}"' EXIT
  # --retry covers timeouts and 408, 429, 500, 502, 503 and 504; a 404 fails at once.
  if ! curl --fail --silent --show-error --location --proto "$proto" --proto-redir "$proto" \
    --connect-timeout 10 --max-time 300 --retry 4 --retry-delay 1 \
    --output "$work/$archive" "$url" 2>"$work/curl.log"; then
    fail "cannot download $url: $(tr '\n' ' ' <"$work/curl.log")(set the version input to a released version, or remove it to build from the action's source)"
  fi
  local actual
  actual=$(sha256_of "$work/$archive")
  if [ "$actual" != "$expected" ]; then
    fail "$archive from $url does not match the SHA-256 this action ships for readme-lint $wanted (expected $expected, got $actual): not installed"
  fi
  folder="readme-lint-$wanted-${PLAN_TARGET:?}"
  mkdir -p "$work/unpacked"
  case "$archive" in
    *.zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q "$work/$archive" "$folder/$exe" -d "$work/unpacked"
      else
        7z x -y -bd -o"$work/unpacked" "$work/$archive" "$folder/$exe" >/dev/null
      fi
      ;;
    *) tar -xzf "$work/$archive" -C "$work/unpacked" "$folder/$exe" ;;
  esac
  [ -f "$work/unpacked/$folder/$exe" ] || fail "$archive holds no $folder/$exe"
  mkdir -p "$install_root/bin"
  mv -f "$work/unpacked/$folder/$exe" "$install_root/bin/$exe"
  chmod 755 "$install_root/bin/$exe"
  echo "readme-lint $wanted downloaded ($archive, SHA-256 checked)"
}

if command -v readme-lint >/dev/null 2>&1 && [ "$(found_version readme-lint)" = "$wanted" ]; then
  echo "readme-lint $wanted is already on PATH"
  exit 0
fi
if [ -x "$install_root/bin/$exe" ] && [ "$(found_version "$install_root/bin/$exe")" = "$wanted" ]; then
  echo "readme-lint $wanted restored from the cache"
elif [ "$method" = download ]; then
  download
  installed=$(found_version "$install_root/bin/$exe" || true)
  [ "$installed" = "$wanted" ] || fail "the downloaded readme-lint says it is version '${installed}', not $wanted"
elif [ -n "${INPUT_VERSION:-}" ]; then
  cargo install --locked --root "$install_root" --version "$wanted" readme-lint
else
  cargo install --locked --root "$install_root" --path "$action_path"
fi
echo "$install_root/bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
