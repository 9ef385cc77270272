"""Two programs on one database: conflicts are detected, nothing is corrupted or lost,
a writer killed at any moment leaves every save that had returned, and a restore or backup
killed at any moment leaves every draft reachable and no temporary file behind."""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.hard_kill import KILLED_FROM_OUTSIDE

from stellungnahme_app.model import Draft
from stellungnahme_app.store import ConflictError, Store

# A child process: opens the store and runs one of the scripts below.
_PRELUDE = """
import sys
from stellungnahme_app.model import Draft
from stellungnahme_app.store import ConflictError, Store
store = Store.open(__import__("pathlib").Path(sys.argv[1]))
"""

_EDIT_ONCE = (
    _PRELUDE
    + """
stored = store.load(int(sys.argv[2]))
stored.draft.conclusion = "Aus dem zweiten Programm."
print(store.save(stored).revision, flush=True)
"""
)

_SAVE_MANY = (
    _PRELUDE
    + """
own = store.create(Draft(document_title=sys.argv[3]))
shared_saves = conflicts = 0
for index in range(int(sys.argv[4])):
    own.draft.conclusion = f"Fassung {index}"
    own = store.save(own)
    while True:
        shared = store.load(int(sys.argv[2]))
        shared.draft.attachments.append(f"{sys.argv[3]} {index}")
        try:
            store.save(shared)
            shared_saves += 1
            break
        except ConflictError:
            conflicts += 1
print(own.id, own.revision, shared_saves, conflicts, flush=True)
"""
)

_SAVE_UNTIL_KILLED = (
    _PRELUDE
    + """
stored = store.load(int(sys.argv[2]))
index = 0
while True:
    index += 1
    stored.draft.conclusion = f"Revision {stored.revision + 1}"
    stored = store.save(stored)
    print(f"saved {stored.revision}", flush=True)
    if index % 7 == 0:
        new = store.create(Draft(document_title=f"neu {stored.revision}"))
        print(f"created {new.id}", flush=True)
"""
)


def _run(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def test_save_after_another_process_saved_raises_conflict(
    db_path: Path, reference_draft: Draft
) -> None:
    with Store.open(db_path) as store:
        stored = store.create(reference_draft)
        with _run(_EDIT_ONCE, db_path, stored.id) as child:
            output, _ = child.communicate(timeout=60)
        assert child.returncode == 0
        assert output.strip() == "2"
        stored.draft.conclusion = "Aus diesem Fenster."
        with pytest.raises(ConflictError) as caught:
            store.save(stored)
        assert caught.value.current.draft.conclusion == "Aus dem zweiten Programm."
        assert store.load(stored.id).revision == 2


def test_two_processes_saving_at_once_lose_nothing(db_path: Path) -> None:
    saves = 60
    with Store.open(db_path) as store:
        shared = store.create(Draft(document_title="gemeinsam"))
    with contextlib.ExitStack() as stack:
        children = [
            stack.enter_context(_run(_SAVE_MANY, db_path, shared.id, name, saves))
            for name in ("A", "B")
        ]
        outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0]
    results = [output.split() for output in outputs]
    with Store.open(db_path) as store:
        assert store.recovery_notice is None
        for own_id, revision, shared_saves, _conflicts in results:
            assert int(revision) == saves + 1
            assert store.load(int(own_id)).draft.conclusion == f"Fassung {saves - 1}"
            assert int(shared_saves) == saves
        final = store.load(shared.id)
        assert final.revision == 1 + 2 * saves
        assert sorted(final.draft.attachments) == sorted(
            f"{name} {index}" for name in ("A", "B") for index in range(saves)
        )
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_writer_killed_at_random_moments_loses_no_returned_save(db_path: Path) -> None:
    chance = random.Random(20240422)
    with Store.open(db_path) as store:
        draft_id = store.create(Draft(document_title="Stromausfall")).id
    total_saves = 0
    for _round in range(10):
        last_saved = 0
        created: list[int] = []
        with _run(_SAVE_UNTIL_KILLED, db_path, draft_id) as child:
            assert child.stdout is not None
            wanted = chance.randint(20, 120)
            seen = 0
            while seen < wanted:
                line = child.stdout.readline().split()
                assert line, "the writing process ended on its own"
                if line[0] == "saved":
                    last_saved = int(line[1])
                    seen += 1
                else:
                    created.append(int(line[1]))
            time.sleep(chance.random() * 0.004)
            child.kill()  # SIGKILL; TerminateProcess on Windows
            rest, _ = child.communicate(timeout=30)
        # A line cut off by the kill (no newline yet) tells nothing; complete lines count.
        for line in rest.splitlines(keepends=True):
            if not line.endswith("\n"):
                break
            kind, number = line.split()
            if kind == "saved":
                last_saved = int(number)
            else:
                created.append(int(number))
        assert child.returncode == KILLED_FROM_OUTSIDE
        total_saves += seen
        with Store.open(db_path) as store:
            assert store.recovery_notice is None
            assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = store.load(draft_id)
            assert stored.revision >= last_saved
            assert stored.draft.conclusion == f"Revision {stored.revision}"
            for new_id in created:
                store.load(new_id)
    assert total_saves >= 10 * 20


_RESTORE_AND_BACK_UP_UNTIL_KILLED = """
import sys
from pathlib import Path
from stellungnahme_app.store import Store
database = Path(sys.argv[1])
while True:
    print("restore", flush=True)
    with Store.open(database) as store:
        store.restore_backup()
    print("backup", flush=True)
    with Store.open(database) as store:
        store.backup()
"""


def _leftovers(db_path: Path) -> list[Path]:
    return [*db_path.parent.glob(".*.tmp"), *(db_path.parent / "backups").glob(".*.tmp")]


@pytest.mark.slow
def test_restores_and_backups_killed_at_random_moments_lose_no_draft(
    db_path: Path, reference_draft: Draft
) -> None:
    chance = random.Random(20240503)
    with Store.open(db_path) as store:
        for index in range(6):
            draft = reference_draft.copy()
            draft.document_title = f"Entwurf {index}"
            store.create(draft)
        store.backup()
        expected = {s.id: store.load(s.id).draft for s in store.list_drafts()}
    killed_while: list[str] = []
    for _round in range(25):
        with _run(_RESTORE_AND_BACK_UP_UNTIL_KILLED, db_path) as child:
            assert child.stdout is not None
            assert child.stdout.readline() == "restore\n"
            time.sleep(chance.uniform(0.0, 0.4))
            child.kill()  # SIGKILL; TerminateProcess on Windows
            rest, _ = child.communicate(timeout=30)
        assert child.returncode == KILLED_FROM_OUTSIDE, "the loop ended on its own"
        killed_while.append((["restore", *rest.split()])[-1])
        with Store.open(db_path) as store:
            assert store.recovery_notice is None
            assert _leftovers(db_path) == []
            assert {s.id: store.load(s.id).draft for s in store.list_drafts()} == expected
            assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert set(killed_while) == {"restore", "backup"}, killed_while
