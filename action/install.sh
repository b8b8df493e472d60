#!/usr/bin/env bash
# Installs readme-lint for the GitHub Action, unless a matching binary is on PATH.
# Inputs come from the environment only: INPUT_VERSION, GITHUB_ACTION_PATH,
# RUNNER_TEMP, GITHUB_PATH.
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
wanted="${INPUT_VERSION:-}"
if [ -z "$wanted" ]; then
  wanted=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)
fi
install_root="${RUNNER_TEMP:?RUNNER_TEMP is not set}/readme-lint-install"

found_version() {
  "$1" --version 2>/dev/null | awk '{print $2}'
}

if command -v readme-lint >/dev/null 2>&1 && [ "$(found_version readme-lint)" = "$wanted" ]; then
  echo "readme-lint $wanted is already on PATH"
  exit 0
fi
if [ -x "$install_root/bin/readme-lint" ] && [ "$(found_version "$install_root/bin/readme-lint")" = "$wanted" ]; then
  echo "readme-lint $wanted restored from the cache"
else
  if [ -n "${INPUT_VERSION:-}" ]; then
    cargo install --locked --root "$install_root" --version "$INPUT_VERSION" readme-lint
  else
    cargo install --locked --root "$install_root" --path "$action_path"
  fi
fi
echo "$install_root/bin" >> "${GITHUB_PATH:?GITHUB_PATH is not set}"
