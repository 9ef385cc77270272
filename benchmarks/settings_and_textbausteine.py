"""How long the program takes at start-up to read its settings and Textbausteine.

Run: ``.venv/bin/python benchmarks/settings_and_textbausteine.py``. Prints the median of
several runs for loading the catalogue with an administrator's and a user's file, loading all
Textbausteine (bundled plus a folder of 200 extra ones) and rendering one with the reference.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.settings import load_settings
from stellungnahme_app.textbausteine import load_textbausteine, render_textbaustein

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "fixtures" / "stellungnahme-0661-24.json"


def median_ms(action: Callable[[], object], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        admin = root / "stellungnahme.toml"
        offices = "".join(
            f'[[offices]]\nname = "Amt {n}"\nheading = "Stellungnahme des Amts {n}"\n\n'
            for n in range(200)
        )
        admin.write_text(f'city = "Erfurt"\n\n{offices}', encoding="utf-8")
        user = root / "einstellungen.json"
        user.write_text(json.dumps({"default_signatory": "Anke Hofmann-Domke"}), "utf-8")
        extra = root / "textbausteine" / "eigene"
        extra.mkdir(parents=True)
        for n in range(200):
            (extra / f"{n:03}.txt").write_text(
                f"{{# Titel: Baustein {n} #}}\nDrucksache {{{{ nummer }}}} der Stadt "
                "{{ stadt }}: {% if anzahl_beschlusspunkte > 1 %}mehrere{% endif %} Punkte.\n",
                encoding="utf-8",
            )

        settings_ms = median_ms(lambda: load_settings(admin_files=[admin], user_file=user))
        bundled_ms = median_ms(lambda: load_textbausteine())
        items, problems = load_textbausteine(root / "textbausteine")
        assert not problems, problems
        with_extra_ms = median_ms(lambda: load_textbausteine(root / "textbausteine"), runs=5)
        draft = exchange.read_file(REFERENCE)
        render_ms = median_ms(lambda: render_textbaustein(items[0], draft), runs=200)

    print(f"load_settings (catalogue + admin with 200 offices + user): {settings_ms:.1f} ms")
    print(
        f"load_textbausteine, bundled ({len(load_textbausteine()[0])} files): {bundled_ms:.1f} ms"
    )
    print(f"load_textbausteine, bundled + 200 own files: {with_extra_ms:.1f} ms")
    print(f"render_textbaustein, one phrase with the reference draft: {render_ms:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
