#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) into test/.cache/code-server for the browser test, outside the
# project's own dependencies. Idempotent: a marker file records a finished install of this version.
# Works without internet access beyond the npm registry: @vscode/ripgrep's postinstall would download rg from
# GitHub, so its download cache is pre-seeded with the system's `rg` (Debian package ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.100.3
DIR="$PWD/test/.cache/code-server"
MARKER="$DIR/.installed-$VERSION"
PKG="$DIR/node_modules/code-server"

if [ -f "$MARKER" ]; then
  echo "code-server $VERSION already installed in $DIR"
  exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: needs ripgrep (apt-get install ripgrep)" >&2; exit 1; }

mkdir -p "$DIR"
cat >"$DIR/package.json" <<EOF
{ "private": true, "dependencies": { "code-server": "$VERSION" } }
EOF

# 1. The package files only; its postinstall is run below, once ripgrep's cache is seeded.
(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)

# 2. Seed @vscode/ripgrep's download cache: the names come from the version code-server pins and from that
#    version's lib/postinstall.js (release tag) — read, not guessed.
RG_VERSION=$(node -e 'const s=require(process.argv[1]);console.log(s.packages["node_modules/@vscode/ripgrep"].version)' \
  "$PKG/lib/vscode/npm-shrinkwrap.json")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack "@vscode/ripgrep@$RG_VERSION" --loglevel=error >/dev/null && tar xzf vscode-ripgrep-*.tgz)
RG_RELEASE=$(node -e 'const t=require("fs").readFileSync(process.argv[1],"utf8");console.log(/const VERSION = .(v[^\x27"]+)/.exec(t)[1])' \
  "$WORK/package/lib/postinstall.js")
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) echo "install-code-server: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
export TMPDIR="$DIR/tmp"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_VERSION"
mkdir -p "$RG_CACHE" "$WORK/rg"
cp "$(command -v rg)" "$WORK/rg/rg"
tar czf "$RG_CACHE/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz" -C "$WORK/rg" rg

# 3. Install scripts: argon2's native binding, and code-server's postinstall, which installs VS Code's own
#    dependencies (native modules built with node-gyp). npm 11 blocks dependency install scripts by default;
#    this folder holds nothing but code-server and what it needs.
(
  cd "$DIR"
  export npm_config_unsafe_perm=true npm_config_yes=true
  export npm_config_dangerously_allow_all_scripts=true npm_config_audit=false npm_config_fund=false
  npm rebuild --foreground-scripts --loglevel=error
)
test -x "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
touch "$MARKER"
echo "code-server $VERSION installed in $DIR"
