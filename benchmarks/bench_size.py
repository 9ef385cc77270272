"""Size of the store and of its backups per draft, next to the floor: the drafts' JSON.

Fills a database in a temporary folder with N drafts (the reference Stellungnahme and
variations, each imported with its version, as ``bench_start`` does) and prints, per draft:

* **floor**: the draft's ``stellungnahme/1`` JSON (what the text is, once);
* **store**: the database file, and without the kept versions (pages of ``versions`` and its
  index, from ``dbstat``) – goal ≤ 1.5× the JSON;
* **backups**: one backup made the three ways measured – SQLite's backup API (as made),
  ``VACUUM INTO`` (a compacted copy) and the backup packed with gzip (level 1, as older
  backups are kept) – with the time each takes, and what ten kept backups cost: ten full
  copies (before) against one plain and nine packed (now).

    .venv/bin/python benchmarks/bench_size.py [--drafts 10000]
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import REFERENCE, make_draft, reference_sentences

from stellungnahme_app import exchange
from stellungnahme_app.store import Store, VersionReason

SIZE_GOAL = 1.5
KEPT_BACKUPS = 10
KIB = 1024
MIB = 1024 * 1024


def fill(path: Path, count: int) -> None:
    chance = random.Random(42)
    sentences = reference_sentences()
    drafts = [exchange.read_file(REFERENCE)]
    drafts += [make_draft(chance, index, sentences) for index in range(1, count)]
    with Store.open(path) as store:
        for start in range(0, count, 1000):
            store.create_all(drafts[start : start + 1000], reason=VersionReason.IMPORT)


def timed(work: object) -> float:
    assert callable(work)
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10_000)
    count = parser.parse_args().drafts
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        database = folder / "stellungnahme.db"
        fill(database, count)
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        json_bytes = sum(
            len(content.encode("utf-8"))
            for (content,) in connection.execute("SELECT content FROM draft_texts")
        )
        versions_bytes = connection.execute(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat "
            "WHERE name IN ('versions', 'idx_versions_draft_id_created')"
        ).fetchone()[0]
        file_bytes = database.stat().st_size

        plain = folder / "sicherung.db"

        def backup_api() -> None:
            target = sqlite3.connect(plain)
            connection.backup(target)
            target.close()

        compacted = folder / "kompakt.db"
        packed = folder / "sicherung.db.gz"

        def pack() -> None:
            with open(plain, "rb") as source, gzip.open(packed, "wb", compresslevel=1) as target:
                shutil.copyfileobj(source, target, MIB)

        api_s = timed(backup_api)
        vacuum_s = timed(lambda: connection.execute(f"VACUUM INTO '{compacted}'"))
        pack_s = timed(pack)
        connection.close()
        plain_b, compact_b, packed_b = (p.stat().st_size for p in (plain, compacted, packed))

    per = 1 / count / KIB
    floor = json_bytes * per
    store = file_bytes * per
    without_versions = (file_bytes - versions_bytes) * per
    print(f"{count} Entwürfe")
    print(f"Boden: JSON je Entwurf                   {floor:6.1f} KiB")
    print(f"Datenbank je Entwurf                     {store:6.1f} KiB  {store / floor:.2f}×")
    verdict = "erreicht" if without_versions / floor <= SIZE_GOAL else "VERFEHLT"
    print(
        f"  ohne behaltene Versionen               {without_versions:6.1f} KiB  "
        f"{without_versions / floor:.2f}× (Ziel ≤ {SIZE_GOAL}×) – {verdict}"
    )
    print(f"Sicherung (Backup-API)       {plain_b / MIB:8.1f} MB  {api_s:.2f} s")
    print(f"Sicherung (VACUUM INTO)      {compact_b / MIB:8.1f} MB  {vacuum_s:.2f} s")
    print(
        f"Sicherung gepackt (gzip -1)  {packed_b / MIB:8.1f} MB  +{pack_s:.2f} s  "
        f"{packed_b / plain_b:.2f}× der vollen Kopie"
    )
    before = KEPT_BACKUPS * plain_b
    now = plain_b + (KEPT_BACKUPS - 1) * packed_b
    print(
        f"{KEPT_BACKUPS} behaltene Sicherungen: vorher {before / MIB:.0f} MB "
        f"({KEPT_BACKUPS} volle Kopien), jetzt {now / MIB:.0f} MB "
        f"(1 volle + {KEPT_BACKUPS - 1} gepackte) = {now / plain_b:.1f} volle Kopien"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
