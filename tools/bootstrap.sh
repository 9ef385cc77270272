# Shared set-up for tools/app.sh and tools/test.sh (sourced, not run).
# Creates .venv with the project and its test tools; re-installs when pyproject.toml changes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 oder neuer wird benötigt (python3.11 nicht gefunden)." >&2
  return 1
}

VENV="$ROOT/.venv"
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
  echo "» Lege die virtuelle Umgebung .venv an …"
  "$(find_python)" -m venv "$VENV"
  "$PY" -m pip install --quiet --upgrade pip
fi

STAMP="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$STAMP" ]; then
  echo "» Installiere Stellungnahme und die Testwerkzeuge in .venv …"
  "$PY" -m pip install --quiet --disable-pip-version-check -e ".[test]"
  rm -f "$VENV"/.installed-* && touch "$STAMP"
fi

# Debian packages: the Qt runtime libraries, and for the tests LibreOffice (PDF export),
# poppler (PDF to text/PNG), the Liberation fonts (metric-compatible with Arial) and the
# German hunspell dictionary (the spell-check looks it up in /usr/share/hunspell).
ensure_debian_packages() {
  local missing=()
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  # LibreOffice's Python bridge (uno) for the warm converter kept running for the session.
  [ -e /usr/lib/libreoffice/program/pyuno.so ] || missing+=(python3-uno)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ -f /usr/share/hunspell/de_DE.dic ] || missing+=(hunspell-de-de)
  local fonts libs
  fonts="$(fc-list 2>/dev/null || true)"
  libs="$(ldconfig -p 2>/dev/null || true)"
  grep -q "Liberation Sans" <<<"$fonts" || missing+=(fonts-liberation2 fontconfig)
  # What a screen reader hears (tests/end2end/test_atspi.py): an X server, the AT-SPI stack
  # Orca uses with its Python client, and the libraries of Qt's xcb platform plugin.
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus-daemon)
  [ -x /usr/libexec/at-spi2-registryd ] || missing+=(at-spi2-core)
  /usr/bin/python3 -c "import pyatspi" >/dev/null 2>&1 || missing+=(python3-pyatspi)
  for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 \
             libglib-2.0.so.0; do
    grep -q "$lib" <<<"$libs" || { missing+=(libegl1 libgl1 libxkbcommon0
      libfontconfig1 libdbus-1-3 libglib2.0-0); break; }
  done
  for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 \
             libxcb-render-util.so.0 libxcb-shape.so.0 libxcb-randr.so.0 libxcb-xkb.so.1 \
             libxkbcommon-x11.so.0 libX11-xcb.so.1; do
    grep -q "$lib" <<<"$libs" || { missing+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1
      libxkbcommon-x11-0 libx11-xcb1); break; }
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Bitte installieren Sie: ${missing[*]}" >&2; return 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "» Installiere Debian-Pakete: ${missing[*]} …"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}
