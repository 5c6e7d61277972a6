#!/usr/bin/env bash
# Enforces the module import rules of the README's architecture section: each target under
# Sources/ may import only the modules listed for it (first-party and third-party), and
# BadgeServer reaches BadgeStorage only from its composition root (Sources/BadgeServer/Composition).
# Prints every broken rule as file:line and exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

# Modules every target may import: the Swift standard library and toolchain modules.
system="Foundation FoundationEssentials Dispatch Synchronization _Concurrency Glibc Musl Darwin"
declare -A allowed=(
  [Primitives]="ExtrasBase64"
  [BadgeCore]="Primitives"
  [LTI]="Primitives JWTKit Crypto _CryptoExtras AsyncHTTPClient Logging NIOCore NIOHTTP1"
  [OpenBadges]="BadgeCore Primitives CLibCrypto JWTKit Crypto _CryptoExtras"
  [EDCI]="BadgeCore Primitives CLibXML2 CXMLSec"
  [QRCodes]="Primitives CQREncode"
  [SMTP]="Primitives NIOCore NIOPosix NIOSSL"
  [BadgeStorage]="BadgeCore Primitives LTI SQLKit SQLiteKit PostgresKit AsyncKit NIOCore NIOPosix Logging"
  [BadgeIssuing]="BadgeCore Primitives OpenBadges LTI EDCI Crypto Logging ServiceLifecycle X509 SwiftASN1"
  [BadgeServer]="BadgeCore Primitives BadgeIssuing OpenBadges LTI EDCI Hummingbird HTTPTypes NIOCore Configuration Logging Metrics Prometheus ServiceLifecycle Crypto _CryptoExtras AsyncHTTPClient NIOHTTP1 SystemPackage Mustache OpenAPIKit QRCodes ZIPFoundation SMTP"
  [BadgeBenchmarks]="BadgeServer BadgeIssuing BadgeStorage BadgeCore Primitives LTI OpenBadges EDCI Hummingbird AsyncHTTPClient Configuration Logging JWTKit Crypto _CryptoExtras NIOCore NIOHTTP1 SQLKit ServiceLifecycle"
  [badged]="BadgeServer BadgeBenchmarks BadgeIssuing BadgeCore Primitives LTI OpenBadges EDCI ArgumentParser Configuration Logging Metrics Prometheus ServiceLifecycle Hummingbird"
)
# Imports allowed only below one folder of a target.
composition_only="BadgeStorage"
composition_dir="Sources/BadgeServer/Composition/"

failures=0
for dir in Sources/*/; do
  target=$(basename "$dir")
  [[ "$target" == CLibXML2 || "$target" == CXMLSec || "$target" == CQREncode || "$target" == CLibCrypto ]] && continue
  if [[ -z "${allowed[$target]+set}" ]]; then
    echo "Sources/$target: a target without import rules; add it to scripts/check-imports.sh and the README" >&2
    failures=$((failures + 1)); continue
  fi
  list=" $system ${allowed[$target]} "
  [[ "$target" == BadgeServer ]] && list="$list$composition_only "
  while IFS=: read -r file line text; do
    module=$(sed -E 's/^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]+(class |struct |enum |protocol |func |var |let |typealias )?([A-Za-z_][A-Za-z0-9_]*).*/\6/' <<<"$text")
    if [[ "$list" != *" $module "* ]]; then
      echo "$file:$line: $target may not import $module" >&2; failures=$((failures + 1))
    elif [[ "$target" == BadgeServer && " $composition_only " == *" $module "* && "$file" != "$composition_dir"* ]]; then
      echo "$file:$line: BadgeServer imports $module only in its composition root ($composition_dir)" >&2; failures=$((failures + 1))
    fi
  done < <(grep -rnE '^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]' "$dir" --include='*.swift' || true)
done
if [ "$failures" -gt 0 ]; then
  echo "import rules: $failures broken (see README, Architecture)" >&2
  exit 1
fi
echo "import rules: every module imports only what the architecture allows"
