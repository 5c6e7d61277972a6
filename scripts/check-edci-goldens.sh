#!/usr/bin/env bash
# Independent checks of the pinned EDCI exports (Tests/BadgeServerTests/Golden) with the
# command-line tools of libxml2 and xmlsec1: each validates against the EU schema and its
# signature verifies, and a one-character change to signed content is rejected.
set -euo pipefail
cd "$(dirname "$0")/.."
xsd=../shared/edci/xsd/genericschema_1.2.xsd
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for file in Tests/BadgeServerTests/Golden/*.edci.xml; do
  xmllint --noout --nonet --schema "$xsd" "$file"
  xmlsec1 --verify --insecure "$file" >/dev/null 2>&1 || { echo "signature does not verify: $file" >&2; exit 1; }
  # Change the first letter of the credential's first title text.
  sed '0,/<text lang="\(en\|nl\)" content-type="text\/plain">./s//&#/' "$file" > "$tmp/tampered.xml"
  if xmlsec1 --verify --insecure "$tmp/tampered.xml" >/dev/null 2>&1; then
    echo "a tampered copy of $file still verifies" >&2; exit 1
  fi
done
echo "EDCI goldens: schema-valid, signatures verify, tampering detected"
