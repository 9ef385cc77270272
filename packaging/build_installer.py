"""Build the Windows Installer packages (MSI) from the bundle, with WiX Toolset v5 (Windows).

Usage, after ``python packaging/build.py`` has built and tested ``dist/Stellungnahme``::

    dotnet tool install --global wix --version 5.0.2
    wix extension add -g WixToolset.UI.wixext/5.0.2
    python packaging/build_installer.py                # → dist/installer/*.msi
    python packaging/build_installer.py --dry-run      # only print the wix commands

Two packages come out of the one source ``packaging/installer/Stellungnahme.wxs``:

* ``Stellungnahme-<version>-x64.msi`` – dual-purpose: per user without administrator rights
  when double-clicked, per machine with ``ALLUSERS=1`` (SCCM, Intune, scripts);
* ``Stellungnahme-<version>-x64-alle-benutzer.msi`` – per machine only, for GPO software
  installation (which cannot pass properties on a command line);

and ``Stellungnahme-<version>-ProductCodes.txt`` with the ProductCode of each (derived from
version and scope, so the same for every build of a release).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as config

INSTALLER_DIR = config.PACKAGING_DIR / "installer"
WXS_FILE = INSTALLER_DIR / "Stellungnahme.wxs"
NOTES_FILE = INSTALLER_DIR / "Hinweise.rtf"
BANNER_FILE = INSTALLER_DIR / "banner.bmp"  # drawn by make_icon.py
DIALOG_FILE = INSTALLER_DIR / "dialog.bmp"
DEFAULT_BUNDLE = config.ROOT / "dist" / config.BUNDLE_NAME
DEFAULT_OUT = config.ROOT / "dist" / "installer"
WIX_UI_EXTENSION = "WixToolset.UI.wixext"
# An MSI smaller than this share of the bundle cannot hold the bundle (an empty harvest).
MINIMUM_COMPRESSION_RATIO = 0.15
# ProductCodes are derived from this namespace, the version and the scope, so that each
# release has codes known in advance (uninstall command lines, SCCM detection rules).
PRODUCT_CODE_NAMESPACE = uuid.UUID("0B6E4C1F-6A1D-4E0B-8E55-3C7F2A9D1E64")


@dataclass(frozen=True)
class Variant:
    """One package built from the source: its WiX scope and its file name suffix."""

    scope: str
    suffix: str
    purpose: str


VARIANTS = (
    Variant("perUserOrMachine", "", "pro Benutzer (ohne Adminrechte) oder mit ALLUSERS=1"),
    Variant("perMachine", "-alle-benutzer", "pro Computer, für die GPO-Softwareverteilung"),
)


def package_name(version: str, variant: Variant) -> str:
    return f"{config.BUNDLE_NAME}-{config.msi_version(version)}-x64{variant.suffix}.msi"


def product_code(version: str, variant: Variant) -> str:
    """The package's ProductCode: the same for every build of one version and scope."""
    name = f"{config.BUNDLE_NAME} {config.msi_version(version)} {variant.scope}"
    return "{" + str(uuid.uuid5(PRODUCT_CODE_NAMESPACE, name)).upper() + "}"


def product_codes_name(version: str) -> str:
    return f"{config.BUNDLE_NAME}-{config.msi_version(version)}-ProductCodes.txt"


def product_codes_text(version: str) -> str:
    """The list that goes with the packages (ADMIN.md refers to it)."""
    lines = [f"Stellungnahme {config.msi_version(version)} – ProductCodes der MSI-Pakete", ""]
    for variant in VARIANTS:
        lines.append(f"{package_name(version, variant)}  {product_code(version, variant)}")
    lines += ["", "Deinstallation, still: msiexec /x {ProductCode} /qn /norestart", ""]
    return "\n".join(lines)  # write_text gives Windows line ends on Windows


def wix_command(wix: str, bundle: Path, output: Path, version: str, variant: Variant) -> list[str]:
    """The ``wix build`` command line for one package (all paths absolute: WiX resolves
    relative harvest paths against the .wxs folder, not the working folder)."""
    return [
        wix,
        "build",
        "-arch",
        "x64",
        "-ext",
        WIX_UI_EXTENSION,
        "-culture",
        "de-DE",
        "-d",
        f"Version={config.msi_version(version)}",
        "-d",
        f"InstallScope={variant.scope}",
        "-d",
        f"ProductCode={product_code(version, variant)}",
        "-d",
        f"IconFile={config.ICON_FILE.resolve()}",
        "-d",
        f"NotesFile={NOTES_FILE.resolve()}",
        "-d",
        f"BannerFile={BANNER_FILE.resolve()}",
        "-d",
        f"DialogFile={DIALOG_FILE.resolve()}",
        "-bindpath",
        f"Bundle={bundle.resolve()}",
        "-out",
        str(output.resolve()),
        str(WXS_FILE.resolve()),
    ]


def bundle_size(bundle: Path) -> int:
    return sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="gebautes Bundle")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Zielordner der MSI")
    parser.add_argument("--wix", default="wix", help="Aufruf von WiX (Standard: wix)")
    parser.add_argument("--dry-run", action="store_true", help="Befehle nur zeigen")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):  # ✓ and ✗ on a Windows console without UTF-8
        sys.stdout.reconfigure(errors="replace")
    arguments = parse_arguments(argv)
    version = config.read_version()
    bundle: Path = arguments.bundle
    main_program = bundle / f"{config.GUI_NAME}.exe"
    commands = [(variant, arguments.out / package_name(version, variant)) for variant in VARIANTS]
    if arguments.dry_run:
        for variant, output in commands:
            command = wix_command(arguments.wix, bundle, output, version, variant)
            print(subprocess.list2cmdline(command))
        return 0
    if not main_program.is_file():
        print(f"✗ {main_program} fehlt: erst unter Windows `python packaging/build.py` ausführen.")
        return 1
    if shutil.which(arguments.wix) is None:
        print(f"✗ WiX („{arguments.wix}“) nicht gefunden – siehe packaging/README.md.")
        return 1
    arguments.out.mkdir(parents=True, exist_ok=True)
    minimum_size = bundle_size(bundle) * MINIMUM_COMPRESSION_RATIO
    for variant, output in commands:
        print(f"» {output.name}: {variant.purpose} …", flush=True)
        command = wix_command(arguments.wix, bundle, output, version, variant)
        if subprocess.run(command, check=False).returncode != 0:
            print(f"✗ wix build ist für {output.name} gescheitert.")
            return 1
        size = output.stat().st_size if output.is_file() else 0
        if size < minimum_size:
            print(f"✗ {output.name} ist mit {size / 1e6:.1f} MB zu klein: Bundle nicht enthalten?")
            return 1
        print(f"  ✓ {output} ({size / 1e6:.0f} MB, ProductCode {product_code(version, variant)})")
    codes = arguments.out / product_codes_name(version)
    codes.write_text(product_codes_text(version), encoding="utf-8")
    print(f"  ✓ {codes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
