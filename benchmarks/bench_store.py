"""Speed of the draft store with many drafts: save, load, list, search, open, backup, size.

Generates realistic drafts (variations of the reference Stellungnahme 0661/24: other numbers
and titles, German words with umlauts and ß, 1–5 contributions of several paragraphs) into a
database in a temporary folder and prints the figures. Goals: save ≤ 5 ms median,
search ≤ 20 ms, both with 10,000 drafts.

    .venv/bin/python benchmarks/bench_store.py [--drafts 10000] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint
from stellungnahme_app.store import Status, Store

REFERENCE = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "stellungnahme-0661-24.json"
)

TOPICS = [
    "Arbeitskreis Segregation",
    "Straßenbahnverlängerung Ringelberg",
    "Schulnetzplan Süd",
    "Grünflächenpflege am Petersberg",
    "Übergangswohnheim Gispersleben",
    "Fußgängerzone Anger",
    "Maßnahmenpaket Hitzeschutz",
    "Kita-Gebühren für Geschwisterkinder",
    "Bürgerhaushalt 2025",
    "Radweg an der Gera",
    "Sanierung der Thüringenhalle",
    "Öffentliche Toiletten am Domplatz",
    "Parkraumbewirtschaftung Löbervorstadt",
    "Zuschüsse für Sportvereine",
    "Wohngeldstelle",
    "Ehrenamtskarte",
    "Stadtteilzentrum Herrenberg",
    "Lärmaktionsplan",
    "Baumschutzsatzung",
    "Digitalisierung der Ämter",
    "Winterdienst auf Gehwegen",
    "Jugendclub Moskauer Platz",
    "Obdachlosenhilfe im Winter",
    "Gewässerrenaturierung Weiße",
    "Mietspiegel Erfurt",
]
OFFICES = [
    "Amt für Soziales",
    "Amt für Stadtentwicklung und Stadtplanung",
    "Tiefbau- und Verkehrsamt",
    "Umwelt- und Naturschutzamt",
    "Jugendamt",
    "Amt für Bildung",
    "Garten- und Friedhofsamt",
    "Kämmerei",
    "Bürgeramt",
    "Amt für Grundstücks- und Gebäudeverwaltung",
]
DEPARTMENTS = [
    "Dezernat für Soziales, Bildung, Jugend und Gesundheit",
    "Dezernat für Bau und Verkehr",
    "Dezernat für Finanzen, Wirtschaft und Digitalisierung",
    "Dezernat für Umwelt und Sport",
]
WORDS = (  # noqa: SIM905 – a sentence of words reads better than a list of strings
    "Maßnahme Straße Größe Ämter Bürgerinnen Überprüfung Gemäß Förderung Fläche Zuständigkeit "
    "Haushaltsmittel Beschlussvorlage Stadtratsbeschluss Gebührenordnung Grünfläche Schließung "
    "Öffnungszeiten Zuschuss Prüfauftrag Außenbereich Verkehrsführung Spielplätze Wärmeplanung "
    "Fußverkehr Süßwasser Gewässer Übergänge Lösungsansätze Mäharbeiten Müllentsorgung Bäume "
    "Grundstück Ausschreibung Personalbedarf Kostenschätzung Fördermittel Zeitplan Anwohner"
).split()


def reference_sentences() -> list[str]:
    draft = exchange.read_file(REFERENCE)
    text = " ".join(c.text for c in draft.contributions) + " " + draft.conclusion
    return [s.strip() + "." for s in text.replace("\n", " ").split(".") if len(s.strip()) > 20]


def make_draft(chance: random.Random, index: int, sentences: list[str]) -> Draft:
    def paragraph() -> str:
        picked = chance.sample(sentences, chance.randint(2, 5))
        extra = " ".join(chance.sample(WORDS, 6))
        return " ".join(picked) + f" Zu beachten sind {extra}."

    topic = chance.choice(TOPICS)
    return Draft(
        city="Erfurt",
        department=chance.choice(DEPARTMENTS),
        document_number=f"{index % 9999 + 1:04d}/{chance.randint(19, 25)}",
        document_title=f"{topic} {chance.choice(WORDS)}",
        public=chance.random() < 0.8,
        resolution_points=[
            ResolutionPoint(f"{n:02d}", paragraph()) for n in range(1, chance.randint(2, 5))
        ],
        contributions=[
            Contribution(
                office=(office := chance.choice(OFFICES)),
                heading=f"Stellungnahme des {office}",
                text="\n\n".join(paragraph() for _ in range(chance.randint(2, 5))),
            )
            for _ in range(chance.randint(1, 5))
        ],
        conclusion=paragraph(),
        attachments=[f"Anlage {n} {chance.choice(WORDS)}" for n in range(chance.randint(0, 3))],
    )


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def figures(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(
        f"{name:<44} median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms   "
        f"max {ordered[-1]:8.2f} ms   (n={len(times)})"
    )


def size_of(path: Path) -> float:
    total = sum(
        p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )
    return total / 1024 / 1024


def run(count: int, folder: Path) -> None:
    chance = random.Random(42)
    sentences = reference_sentences()
    path = folder / "stellungnahme.db"
    clock_now = [datetime(2024, 4, 22, 8, 0, tzinfo=UTC)]

    def clock() -> datetime:
        return clock_now[0]

    print(f"Datenbank: {path}")
    start = time.perf_counter()
    with Store.open(path, clock=clock) as store:
        store.create(exchange.read_file(REFERENCE), status=Status.DONE)
        for index in range(1, count):
            deadline = date(2024, 5, 1) + timedelta(days=chance.randint(-60, 90))
            store.create(
                make_draft(chance, index, sentences),
                status=chance.choice(list(Status)),
                deadline=deadline if chance.random() < 0.7 else None,
            )
            clock_now[0] += timedelta(seconds=7)
    print(f"{count} Entwürfe angelegt in {time.perf_counter() - start:.1f} s")
    print(f"Größe der Datenbank: {size_of(path):.1f} MB")

    clock_now[0] += timedelta(days=1)  # a new day: the next open makes the daily backup
    open_times = timed(lambda: Store.open(path, clock=clock).close(), 1)
    figures("open (erster des Tages, mit Sicherung)", open_times)
    figures(
        "open (weitere, mit quick_check)", timed(lambda: Store.open(path, clock=clock).close(), 5)
    )
    with Store.open(path, clock=clock) as first_window:
        first_window.save(first_window.load(1))  # the WAL file now holds changes
        figures(
            "open (zweites Fenster, WAL-Datei geprüft)",
            timed(lambda: Store.open(path, clock=clock).close(), 5),
        )

    with Store.open(path, clock=clock) as store:
        ids = chance.sample(range(1, count + 1), min(301, count))
        figures("load", [t for draft_id in ids for t in timed(lambda d=draft_id: store.load(d), 1)])

        stored = store.load(ids[0])
        counter = iter(range(10**9))

        def save_same() -> None:
            nonlocal stored
            stored.draft.conclusion = f"Fazit Fassung {next(counter)} mit Maßnahme."
            clock_now[0] += timedelta(seconds=20)
            stored = store.save(stored)

        figures("save (ein Entwurf, Autospeichern alle 20 s)", timed(save_same, 500))

        loaded = [store.load(draft_id) for draft_id in ids[1:]]

        def save_other() -> None:
            one = loaded.pop()
            one.draft.contributions[0].text += " Ergänzung."
            store.save(one)

        figures("save (verschiedene Entwürfe, mit Version)", timed(save_other, len(loaded)))

        figures("list (alle, nach Änderung)", timed(lambda: store.list_drafts(), 20))
        figures("list (alle, nach Frist)", timed(lambda: store.list_drafts(order="deadline"), 20))
        figures(
            "list (Status „In Abstimmung“)",
            timed(lambda: store.list_drafts(status=Status.IN_REVIEW), 20),
        )
        print(f"  Zeilen in der Liste: {len(store.list_drafts())}")
        figures("unreadable_drafts (alle Zeilen geprüft)", timed(store.unreadable_drafts, 5))

        queries = [
            "Segregation",
            "segreg",
            "Maßnahme",
            "massnahme",
            "Ämter",
            "amter",
            "strasse",
            "Straßenbahnverlängerung",
            "Fußgängerzone Anger",
            "0661/24",
            "0042",
            "Kita",
            "Gebühren Geschwister",
            "Thüringenhalle",
            "Wärmeplanung",
            "Überprüfung",
            "ü",
            "Sozialraumplan",
            "Ringelberg Zuschuss",
            "gibt-es-nicht",
            "Petersberg Grünfläche",
            "Stellungnahme",
            "Amt",
            "Erfurt",
            "Lösungsansätze",
            'AND ( "',
            "Haushaltsmittel",
        ]
        hits: dict[str, int] = {}
        per_query: dict[str, list[float]] = {query: [] for query in queries}
        for _round in range(8):
            for query in queries:
                per_query[query].extend(
                    timed(lambda q=query: hits.__setitem__(q, len(store.search(q))), 1)
                )
        search_times = [t for times in per_query.values() for t in times]
        figures("search (gemischte Anfragen, bis 200 Treffer)", search_times)
        slowest = sorted(per_query, key=lambda q: statistics.median(per_query[q]), reverse=True)
        print(
            "  langsamste Anfragen (Median): "
            + ", ".join(f"{q!r} {statistics.median(per_query[q]):.1f} ms" for q in slowest[:5])
        )
        common = [t for t in timed(lambda: store.search("Stellungnahme"), 20)]
        figures("search „Stellungnahme“ (trifft fast alle)", common)
        rare = timed(lambda: store.search("Thüringenhalle Öffnungszeiten"), 20)
        figures("search „Thüringenhalle Öffnungszeiten“", rare)
        figures("search, limit 20", timed(lambda: store.search("Segreg", limit=20), 20))
        print("  Treffer je Anfrage: " + ", ".join(f"{q!r}: {n}" for q, n in hits.items()))

        figures("backup (Sicherungs-API)", timed(store.backup, 3))
    print(f"Größe nach den Messungen: {size_of(path):.1f} MB (ohne Sicherungen)")
    backups = list((folder / "backups").glob("*.db"))
    print(f"Sicherungen: {len(backups)}, je {backups[0].stat().st_size / 1024 / 1024:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the database in")
    args = parser.parse_args()
    print(f"Python-SQLite {__import__('sqlite3').sqlite_version}, {os.cpu_count()} Kerne")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.drafts, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
            run(args.drafts, Path(folder))


if __name__ == "__main__":
    main()
