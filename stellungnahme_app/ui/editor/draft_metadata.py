"""What the editor edits besides the draft itself: the status and the deadline (Frist).

They belong to the stored draft, not to the document, so they travel beside the
:class:`~stellungnahme_app.model.Draft` between the shell and the editor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stellungnahme_app.store import Status


@dataclass
class DraftMetadata:
    """Status and Frist of the open draft, edited on the first step."""

    status: Status = Status.DRAFT
    deadline: dt.date | None = None
