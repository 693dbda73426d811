#!/usr/bin/env bash
# Step 'install' of action.yml: install the paperdigest .NET tool (PD_VERSION, PD_ADD_SOURCE) unless it is on PATH.
set -euo pipefail
if command -v paperdigest >/dev/null 2>&1; then
  echo "paperdigest $(paperdigest --version) is already installed"
  exit 0
fi
args=(tool install --global PaperDigest.Cli)
if [ -n "${PD_VERSION:-}" ]; then args+=(--version "$PD_VERSION"); fi
if [ -n "${PD_ADD_SOURCE:-}" ]; then args+=(--add-source "$PD_ADD_SOURCE"); fi
dotnet "${args[@]}"
echo "$HOME/.dotnet/tools" >> "${GITHUB_PATH:-/dev/null}"
