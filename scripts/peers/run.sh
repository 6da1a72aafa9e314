#!/bin/sh
# Regenerates test/fixtures/peers.json from the real peers (npm run fixtures:peers).
# Creates a virtual environment (once) from the wheels pip resolves on this machine
# (pip config's on-disk indexes), with PyTorch (CPU), torchvision, Keras 3 + JAX,
# optax and scikit-learn, then runs make-peer-fixtures.py in it.
set -eu
cd "$(dirname "$0")/../.."
VENV="${LOSSBOOK_PEERS_VENV:-node_modules/.cache/lossbook-peers-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  # The first on-disk index replaces the public one (unreachable here), the others are extras.
  INDEXES="$(pip config get global.extra-index-url 2>/dev/null || true)"
  set -- $INDEXES
  FIRST="${1:-https://pypi.org/simple}"
  [ $# -gt 0 ] && shift
  EXTRA=""
  for index in "$@"; do EXTRA="$EXTRA --extra-index-url $index"; done
  # shellcheck disable=SC2086
  "$VENV/bin/pip" install --quiet --index-url "$FIRST" $EXTRA torch torchvision keras jax jaxlib optax scikit-learn numpy
fi
exec "$VENV/bin/python" scripts/peers/make-peer-fixtures.py
