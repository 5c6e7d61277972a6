#!/usr/bin/env bash
# Installs the Debian packages badged builds and tests with, if any is missing.
# Build: pkg-config, libxml2-dev, libxmlsec1-dev, libssl-dev (the XML signature library links OpenSSL),
# libqrencode-dev (QR codes).
# Tests: postgresql (a throwaway server), libxml2-utils and xmlsec1 (independent XML checks),
# python3-venv (the Open Badges verifier kit in ../shared/ob2), zbar-tools (QR codes decoded),
# chromium (a real headless browser renders the credential page and prints the certificate).
set -euo pipefail
packages=(pkg-config libxml2-dev libxmlsec1-dev libssl-dev openssl postgresql libxml2-utils xmlsec1 python3-venv libqrencode-dev zbar-tools chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
$sudo apt-get install -y -q "${missing[@]}" >&2
