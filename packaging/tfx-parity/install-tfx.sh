#!/usr/bin/env bash
# Installs tfx-cli 0.23.1 from npm into a local folder (never globally) and prints the path of its
# tfx binary. TfxParityIT (packaging/cli) runs it when tfx is not installed yet; .ci/run runs it
# before the build so the parity test never skips in CI.
#
# Folder: $PIPELINETASKS_TOOLS/tfx-cli-0.23.1 (default ~/.cache/pipelinetasks/tfx-cli-0.23.1).
set -euo pipefail
version=0.23.1
dir="${PIPELINETASKS_TOOLS:-$HOME/.cache/pipelinetasks}/tfx-cli-$version"
tfx="$dir/node_modules/.bin/tfx"
if [[ ! -x "$tfx" ]]; then
  command -v npm >/dev/null || { echo "install-tfx.sh: npm is not installed" >&2; exit 3; }
  mkdir -p "$dir"
  echo "install-tfx.sh: installing tfx-cli@$version into $dir" >&2
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "tfx-cli@$version" >&2
fi
echo "$tfx"
