#!/usr/bin/env bash
# Downloads the Europass EDCI 1.2 XSD set that `edci.schema_dir` points at, from the European
# Commission's public repository european-commission-empl/European-Learning-Model at the commits
# that still hold it (the 1.2 files were removed from its head in 2022), applies the one
# schemaLocation rewrite the set needs to load offline, and checks every file against pinned
# SHA-256 digests. Nothing is put in place unless all six files check out.
#
#   scripts/fetch-edci-schemas.sh [--from DIR] [DEST]
#
# DEST defaults to $BADGED_EDCI_SCHEMA_DIR, else ./.data/edci/xsd. --from DIR reads the six
# files from a local copy (a mirror, or a machine without access to GitHub) instead of
# downloading; EDCI_SCHEMA_BASE_URL replaces the download base (default
# https://raw.githubusercontent.com/european-commission-empl/European-Learning-Model), the
# files being read from BASE/COMMIT/PATH.
set -euo pipefail

usage() { echo "usage: $0 [--from DIR] [DEST]" >&2; exit 2; }

from=""
dest=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || usage; from=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) [ -z "$dest" ] || usage; dest=$1; shift ;;
  esac
done
dest=${dest:-${BADGED_EDCI_SCHEMA_DIR:-./.data/edci/xsd}}
base=${EDCI_SCHEMA_BASE_URL:-https://raw.githubusercontent.com/european-commission-empl/European-Learning-Model}

# The last commit with the flattened 1.2 set (the next one, a631bf3, deleted it), and the last
# commit with XAdES 1.4.1, which genericschema_1.2.xsd imports but the flattened folder lacks.
set_commit=8746736f370ad8f9688d3359052b4d6cec79a631
xades_commit=92a50e011715c0c3d75930c37798219984347a55

# name, commit, path in the repository, SHA-256 of the file as installed (after the rewrite).
files=(
  "genericschema_1.2.xsd $set_commit Credentials/XSD/flatten/genericschema_1.2.xsd cd1937c9ab86b57dbfb267ecd296322dadbf633fc322dedc6ac7c7d3c2b53c17"
  "sharedschema_generic_1.2.xsd $set_commit Credentials/XSD/flatten/sharedschema_generic_1.2.xsd 2fd5f139c644ab5b47ff4eff97f603d65dfef95fe8a81e985109eaceaa74e1f2"
  "w3c_verifiableCredentials.xsd $set_commit Credentials/XSD/flatten/w3c_verifiableCredentials.xsd a782adff45a5089b5ac58fd215b6a34d42c15754df37cfaf4e6bb680d1d29a5b"
  "XAdES01903v132-201601.xsd $set_commit Credentials/XSD/flatten/XAdES01903v132-201601.xsd a1a49b377ff5830fa424f5e0478c3f59cc356bbdaf7af039a4389aad8fe1f348"
  "xmldsig-core-schema.xsd $set_commit Credentials/XSD/flatten/xmldsig-core-schema.xsd 0c4714379bb7cba12f0aaf8e9ed66c6a51a36bf69834b1c2d3284da87e6e2f7a"
  "XAdES01903v141-201601.xsd $xades_commit XSD/XAdES01903v141-201601.xsd c5e573fb7210a35646824cce2c2ee4f0d064d5b1ee0df60410c97cc8c4dd9ce5"
)

mkdir -p "$(dirname "$dest")"
# Staged beside the destination (same file system), so the final moves cannot fail half-way.
stage=$(mktemp -d "$(dirname "$dest")/.edci-xsd.XXXXXX")
trap 'rm -rf "$stage"' EXIT

for entry in "${files[@]}"; do
  read -r name commit path digest <<<"$entry"
  if [ -n "$from" ]; then
    [ -f "$from/$name" ] || { echo "missing in $from: $name" >&2; exit 1; }
    cp "$from/$name" "$stage/$name"
  else
    curl -fsSL --proto '=https,file' --max-time 120 -o "$stage/$name" "$base/$commit/$path" \
      || { echo "download failed: $base/$commit/$path" >&2; exit 1; }
  fi
  if [ "$name" = XAdES01903v141-201601.xsd ]; then
    # XAdES 1.4.1 imports its two dependencies by URL; point it at the copies in the set so
    # that the schemas load offline (the one edit; a file already rewritten stays the same).
    sed -i \
      -e 's|schemaLocation="http://www.w3.org/TR/2008/REC-xmldsig-core-20080610/xmldsig-core-schema.xsd"|schemaLocation="xmldsig-core-schema.xsd"|' \
      -e 's|schemaLocation="http://uri.etsi.org/01903/v1.3.2/XAdES01903v132-201601.xsd"|schemaLocation="XAdES01903v132-201601.xsd"|' \
      "$stage/$name"
  fi
  actual=$(sha256sum "$stage/$name" | cut -d' ' -f1)
  if [ "$actual" != "$digest" ]; then
    echo "SHA-256 mismatch for $name: expected $digest, got $actual; nothing was installed" >&2
    exit 1
  fi
done

mkdir -p "$dest"
for entry in "${files[@]}"; do
  read -r name _ <<<"$entry"
  chmod 0644 "$stage/$name"
  mv -f "$stage/$name" "$dest/$name"
done
echo "EDCI 1.2 schema set (6 files, SHA-256 checked) in $dest; set edci.schema_dir to $(cd "$dest" && pwd)"
