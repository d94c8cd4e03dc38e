#!/usr/bin/env bash
# Installs what the devnet tests run against, from npm, into .devnet/ (git-ignored; nothing of it is committed):
# the anvil L1 node and the OP contracts' compiled artifacts (FaultDisputeGame 1.2.0, MIPS, PreimageOracle, ...).
# Pinned versions; a second run with both present does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ANVIL_PKG="@foundry-rs/anvil-linux-amd64@1.7.1"
BEDROCK_PKG="@eth-optimism/contracts-bedrock@0.17.3"
anvil=.devnet/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
fdg=.devnet/node_modules/@eth-optimism/contracts-bedrock/forge-artifacts/FaultDisputeGame.sol/FaultDisputeGame.json
if [ -x "$anvil" ] && [ -f "$fdg" ] \
   && grep -q '"version": "1.7.1"' .devnet/node_modules/@foundry-rs/anvil-linux-amd64/package.json \
   && grep -q '"version": "0.17.3"' .devnet/node_modules/@eth-optimism/contracts-bedrock/package.json; then
  echo "devnet packages present in .devnet/"
  exit 0
fi
mkdir -p .devnet
npm install --no-save --no-audit --no-fund --prefix .devnet "$ANVIL_PKG" "$BEDROCK_PKG"
chmod +x "$anvil"
"$anvil" --version | head -1
