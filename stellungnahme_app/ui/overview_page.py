"""The drafts overview: a sortable table of all drafts with search, status filter and actions.

The page shows the drafts (:meth:`Workspace.list_drafts` or, while the search field
holds text, :meth:`Workspace.search`) and asks the main window, by signals, to open, create,
duplicate, delete, import or export drafts. :class:`DraftTableModel` is shared with the trash
dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.german_dates import format_date, format_date_time
from stellungnahme_app.store import DraftSummary, Status
from stellungnahme_app.ui.column_widths import fit_widths
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.ui.flow_layout import flow_row
from stellungnahme_app.workspace import Workspace

SEARCH_DELAY_MS = 150
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Rows read from the store at a time, as the table is scrolled.
PAGE_ROWS = 200
#: Rows whose texts set the width of a column sized to its contents.
WIDTH_SAMPLE_ROWS = 50
OVERDUE_MARK = "überfällig"

ModelIndex = QModelIndex | QPersistentModelIndex
IdsInOrder = Callable[[str, bool], list[int]]
ReadLines = Callable[[list[int]], list[DraftSummary]]


class Column:
    """One column of the drafts table: its header and how it reads a :class:`DraftSummary`."""

    def __init__(self, key: str, header: str) -> None:
        self.key = key
        self.header = header

    def text(self, summary: DraftSummary) -> str:
        if self.key == "number":
            return summary.number or "–"
        if self.key == "title":
            return summary.title or "(ohne Titel)"
        if self.key == "department":
            return summary.department
        if self.key == "status":
            return summary.status.label
        if self.key == "deadline":
            text = format_date(summary.deadline)
            return f"{text} – {OVERDUE_MARK}" if summary.overdue and text else text
        if self.key == "changed":
            return format_date_time(summary.changed)
        if self.key == "deleted":
            return format_date_time(summary.deleted)
        if self.key == "snippet":
            return " ".join(summary.snippet.split())
        raise KeyError(self.key)

    def sort_key(self, summary: DraftSummary) -> str | int:
        if self.key in ("deadline", "changed", "deleted"):
            value = getattr(summary, self.key)
            # Drafts without a deadline sort after every dated one.
            return value.isoformat() if value else "9999"
        if self.key == "status":
            return list(Status).index(summary.status)
        return self.text(summary).casefold()


OVERVIEW_COLUMNS = (
    Column("number", "Drucksache"),
    Column("title", "Titel"),
    Column("department", "Dezernat"),
    Column("status", "Status"),
    Column("deadline", "Frist"),
    Column("changed", "zuletzt geändert"),
    Column("snippet", "Fundstelle"),
)
TRASH_COLUMNS = (
    Column("number", "Drucksache"),
    Column("title", "Titel"),
    Column("department", "Dezernat"),
    Column("deleted", "gelöscht am"),
)


class DraftTableModel(QAbstractTableModel):
    """Rows of :class:`DraftSummary` for a table view; overdue deadlines stand out.

    A list of any length costs what is shown: :meth:`set_listing` gives the model the ids in
    the order of the sort column (read from SQLite, sorted there) and a way to read the lines
    of some ids; a line is read, a page at a time, when the view first asks for it. Search
    hits (a few hundred at most) come whole through :meth:`set_rows`. Clicking a header
    sorts: a listing anew in SQL, hits in memory.
    """

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._ids: list[int] = []
        self._lines: dict[int, DraftSummary] = {}
        self._ids_for: IdsInOrder | None = None
        self._read_lines: ReadLines | None = None
        self._sort_key = "changed"
        self._descending = True

    def set_rows(self, rows: Sequence[DraftSummary]) -> None:
        """Show exactly these rows (search hits), sorted by the sort column."""
        self.beginResetModel()
        self._ids_for = self._read_lines = None
        self._lines = {row.id: row for row in rows}
        self._ids = self._sorted_in_memory([row.id for row in rows])
        self.endResetModel()

    def set_listing(self, ids_for: IdsInOrder, read_lines: ReadLines) -> None:
        """Show a list read page by page: ``ids_for(sort_key, descending)`` gives its ids in
        order, ``read_lines(ids)`` their lines (leaving out those that cannot be read)."""
        self.beginResetModel()
        self._ids_for, self._read_lines = ids_for, read_lines
        self._lines = {}
        self._ids = ids_for(self._sort_key, self._descending)
        self.endResetModel()

    def rows(self) -> list[DraftSummary]:
        """Every row in the order shown (reads the whole list: for small lists and tests)."""
        for start in range(0, len(self._ids), PAGE_ROWS):
            self._read_page(start)
        return [self._lines[draft_id] for draft_id in self._ids if draft_id in self._lines]

    def summary_at(self, row: int) -> DraftSummary | None:
        """The line of row ``row`` (read with its page if not yet read)."""
        if not 0 <= row < len(self._ids):
            return None
        draft_id = self._ids[row]
        if draft_id not in self._lines:
            self._read_page(row - row % PAGE_ROWS)
        return self._lines.get(draft_id)

    @property
    def lines_read(self) -> int:
        """How many lines have been read from the store since the list was set."""
        return len(self._lines)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, draft_id: int) -> int | None:
        try:
            return self._ids.index(draft_id)
        except ValueError:
            return None

    def _read_page(self, start: int) -> None:
        wanted = [i for i in self._ids[start : start + PAGE_ROWS] if i not in self._lines]
        if not wanted or self._read_lines is None:
            return
        for line in self._read_lines(wanted):
            self._lines[line.id] = line
        missing = [draft_id for draft_id in wanted if draft_id not in self._lines]
        if missing:
            # A row that cannot be read (or was purged meanwhile) leaves the list; not while
            # the view is asking for data.
            QTimer.singleShot(0, lambda: self._drop(missing))

    def _drop(self, missing: list[int]) -> None:
        for draft_id in missing:
            row = self.row_of(draft_id)
            if row is not None and draft_id not in self._lines:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.key == key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_key = self._columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        if self._ids_for is not None:
            self._ids = self._ids_for(self._sort_key, self._descending)
        else:
            self._ids = self._sorted_in_memory(self._ids)
        self.layoutChanged.emit()

    def _sorted_in_memory(self, ids: list[int]) -> list[int]:
        column = next(c for c in self._columns if c.key == self._sort_key)
        return sorted(ids, key=lambda i: column.sort_key(self._lines[i]), reverse=self._descending)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        summary = self.summary_at(index.row())
        if summary is None:
            return None
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(summary)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "deadline" and summary.overdue:
                return "Die Frist ist abgelaufen."
            if summary.snippet:
                return " ".join(summary.snippet.split())
            return column.text(summary) or None
        if summary.overdue and column.key == "deadline":
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(overdue_colour())
        return None


def overdue_colour() -> QColor:
    """A red that stays readable on the palette's base colour (light or dark scheme)."""

    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return QColor("#ff8a80") if base.lightness() < 128 else QColor("#b00020")


class DraftTableView(QTableView):
    """A read-only, row-selecting table of drafts, sortable by clicking a header."""

    activated_draft = Signal(int)
    delete_pressed = Signal(int)

    def __init__(self, model: DraftTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model = model
        self.setModel(model)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths (sizeHintForColumn) from the first rows, not from every row of thousands.
        header.setResizeContentsPrecision(WIDTH_SAMPLE_ROWS)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.doubleClicked.connect(self._emit_activated)
        self._giving_way: list[int] = []
        model.modelReset.connect(self.fit_columns)

    def set_elastic_columns(self, *keys: str) -> None:
        """The columns that give way when the table is too narrow, the first first; the last
        one gets the room left over (see :func:`fit_widths`)."""
        self._giving_way = [self.table_model.column_index(key) for key in keys]
        self.fit_columns()

    def _wanted_widths(self) -> list[int]:
        header = self.horizontalHeader()
        return [
            0
            if self.isColumnHidden(column)
            else max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            for column in range(self.table_model.columnCount())
        ]

    def wanted_width(self) -> int:
        """How wide the table would be with every text whole."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return sum(self._wanted_widths()) + 2 * self.frameWidth() + scroll_bar

    def fit_columns(self) -> None:
        """Share the width among the columns: whole texts where there is room."""
        header = self.horizontalHeader()
        columns = range(self.table_model.columnCount())
        shown = [c for c in columns if not self.isColumnHidden(c)]
        wanted = self._wanted_widths()
        minimum = [self.fontMetrics().averageCharWidth() * 12] * len(columns)
        giving_way = [c for c in self._giving_way if c in shown]
        widths = fit_widths(wanted, minimum, giving_way, self.viewport().width())
        for column in shown:
            if header.sectionSize(column) != widths[column]:
                header.resizeSection(column, widths[column])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def setColumnHidden(self, column: int, hide: bool) -> None:
        super().setColumnHidden(column, hide)
        self.fit_columns()

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(ID_ROLE))

    def select_id(self, draft_id: int) -> bool:
        row = self.table_model.row_of(draft_id)
        if row is None:
            return False
        self.selectRow(row)
        self.scrollTo(self.table_model.index(row, 0))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit_activated(self.currentIndex())
            return
        if event.matches(QKeySequence.StandardKey.Delete) and self.selected_id() is not None:
            self.delete_pressed.emit(self.selected_id())
            return
        super().keyPressEvent(event)

    def _emit_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated_draft.emit(int(index.data(ID_ROLE)))


class OverviewPage(QWidget):
    """All drafts at a glance; the buttons ask the main window to act by signals."""

    open_requested = Signal(int)
    new_requested = Signal()
    new_from_motion_requested = Signal()
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    import_requested = Signal()
    export_requested = Signal(int)
    trash_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uebersicht")
        self._workspace = workspace
        self._read_only = False

        self.search_field = QLineEdit()
        self.search_field.setObjectName("suche")
        self.search_field.setPlaceholderText("Nummer, Titel oder Text – Strg+F")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Suche")
        self.search_field.setAccessibleDescription(
            "Durchsucht Nummer, Titel und alle Texte der Entwürfe, schon während der Eingabe."
        )
        search_label = QLabel("&Suche:")
        search_label.setBuddy(self.search_field)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusfilter")
        self.status_filter.addItem("Alle", None)
        for status in Status:
            self.status_filter.addItem(status.label, status)
        self.status_filter.setAccessibleName("Status-Filter")
        self.status_filter.setAccessibleDescription("Zeigt nur Entwürfe mit diesem Status.")
        status_label = QLabel("S&tatus:")
        status_label.setBuddy(self.status_filter)

        filter_row = QHBoxLayout()
        filter_row.addWidget(search_label)
        filter_row.addWidget(self.search_field, 3)
        filter_row.addSpacing(self.fontMetrics().horizontalAdvance("M"))
        filter_row.addWidget(status_label)
        filter_row.addWidget(self.status_filter, 1)

        self.new_button = self._button("&Neu", "Eine neue, leere Stellungnahme anlegen (Strg+N).")
        self.new_from_motion_button = self._button(
            "Neu aus Antra&g …",
            "Eine Stellungnahme aus dem Antrag anlegen: Nummer, Titel und Beschlusspunkte "
            "werden aus dem PDF, der Word-Datei oder dem OParl-Datensatz gelesen "
            "(Strg+Umschalt+N). Anträge können auch auf das Fenster gezogen werden.",
        )
        self.open_button = self._button("Ö&ffnen", "Den gewählten Entwurf bearbeiten (Eingabe).")
        self.duplicate_button = self._button(
            "D&uplizieren", "Eine Kopie des gewählten Entwurfs anlegen."
        )
        self.delete_button = self._button(
            "&Löschen", "Den gewählten Entwurf in den Papierkorb legen (Entf)."
        )
        self.import_button = self._button(
            "&Importieren …",
            "Eine Datei im Format stellungnahme/1 als neuen Entwurf übernehmen. "
            "Dateien können auch auf das Fenster gezogen werden.",
        )
        self.export_button = self._button(
            "&Exportieren …",
            "Den gewählten Entwurf als Datei (stellungnahme/1) speichern, z. B. um ihn einem "
            "anderen Amt zu schicken.",
        )
        self.trash_button = self._button(
            "&Papierkorb …", "Gelöschte Entwürfe ansehen und wiederherstellen."
        )
        # Wraps onto a second row in a narrow window instead of widening it.
        gap = QWidget()
        gap.setObjectName("knopfabstand")
        button_row = flow_row(
            self.new_button,
            self.new_from_motion_button,
            self.open_button,
            self.duplicate_button,
            self.delete_button,
            gap,
            self.import_button,
            self.export_button,
            self.trash_button,
            stretch_of=gap,
        )

        self.model = DraftTableModel(OVERVIEW_COLUMNS, self)
        self.table = DraftTableView(self.model)
        self.table.setObjectName("entwurfstabelle")
        self.table.setAccessibleName("Entwürfe")
        self.table.setAccessibleDescription(
            "Alle Entwürfe. Eingabe öffnet den gewählten, Entf legt ihn in den Papierkorb."
        )
        # Too narrow a window: the search hit gives way first (in full as tooltip), then the
        # Dezernat, the title last; the table never needs scrolling sideways.
        self.table.set_elastic_columns("snippet", "department", "title")
        self.table.sortByColumn(self.model.column_index("changed"), Qt.SortOrder.DescendingOrder)
        self.table.activated_draft.connect(self.open_requested)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("leer_hinweis")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(filter_row)
        layout.addLayout(button_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self._search_now)
        self.status_filter.currentIndexChanged.connect(self.refresh)

        self.new_button.clicked.connect(self.new_requested)
        self.new_from_motion_button.clicked.connect(self.new_from_motion_requested)
        self.open_button.clicked.connect(self._with_selection(self.open_requested))
        self.duplicate_button.clicked.connect(self._with_selection(self.duplicate_requested))
        self.delete_button.clicked.connect(self._with_selection(self.delete_requested))
        self.export_button.clicked.connect(self._with_selection(self.export_requested))
        self.import_button.clicked.connect(self.import_requested)
        self.trash_button.clicked.connect(self.trash_requested)
        self.table.delete_pressed.connect(self.delete_requested)

        # From the search straight to its hits; the filter and the buttons come after.
        self.setTabOrder(self.search_field, self.table)
        self.setTabOrder(self.table, self.status_filter)
        self.setTabOrder(self.status_filter, self.new_button)
        self.search_field.installEventFilter(self)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """The drafts can only be read: nothing that would change them is offered."""
        self._read_only = read_only
        self._update_buttons()

    def _button(self, text: str, description: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(description)
        button.setAccessibleDescription(description)
        return button

    def _with_selection(self, signal: SignalInstance) -> Callable[[], None]:
        def emit() -> None:
            draft_id = self.table.selected_id()
            if draft_id is not None:
                signal.emit(draft_id)

        return emit

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search field goes to the first hit (Return there opens it).
        if (
            watched is self.search_field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.go_to_first_hit()
            return True
        return super().eventFilter(watched, event)

    def go_to_first_hit(self) -> None:
        """Put the keyboard focus on the first row of the list (after a pending search)."""
        if self._search_timer.isActive():
            self._search_now()
        if self.table.table_model.rowCount() == 0:
            return
        self.table.selectRow(0)
        self.table.setCurrentIndex(self.table.table_model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.TabFocusReason)

    def search_text(self) -> str:
        return self.search_field.text().strip()

    def selected_status(self) -> Status | None:
        return self.status_filter.currentData()

    def refresh(self, *_: object) -> None:
        """Read the drafts from the store again, keeping the selection where possible.

        Without search text only the ids are read in full, the lines page by page as the
        table shows them (see :class:`DraftTableModel`)."""
        self._search_timer.stop()
        selected = self.table.selected_id()
        text = self.search_text()
        status = self.selected_status()
        workspace = self._workspace
        try:
            workspace.changed_elsewhere()  # what is read now is fresh
            if text:
                self.model.set_rows(workspace.search(text, status=status))
            else:
                self.model.set_listing(
                    lambda sort, descending: workspace.draft_ids(
                        status=status, sort=sort, descending=descending
                    ),
                    workspace.draft_summaries,
                )
        except StellungnahmeError as error:
            show_error(self, error, action="Die Liste der Entwürfe konnte nicht gelesen werden.")
            return
        self.table.setColumnHidden(self.model.column_index("snippet"), not text)
        shown = self.model.rowCount() > 0
        if shown and (selected is None or not self.table.select_id(selected)):
            self.table.selectRow(0)
        self._show_empty_hint(shown, text, status)
        self._update_buttons()

    def select_draft(self, draft_id: int) -> None:
        self.table.select_id(draft_id)

    def selected_id(self) -> int | None:
        return self.table.selected_id()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _show_empty_hint(self, shown: bool, text: str, status: Status | None) -> None:
        if shown:
            self.empty_label.hide()
            return
        if text:
            message = f"Kein Entwurf enthält „{text}“."
        elif status is not None:
            message = f"Kein Entwurf hat den Status „{status.label}“."
        else:
            message = "Noch keine Entwürfe. Mit „Neu“ legen Sie eine Stellungnahme an."
        self.empty_label.setText(message)
        self.empty_label.show()

    def _update_buttons(self, *_: object) -> None:
        has_selection = self.table.selected_id() is not None
        for button in (self.open_button, self.export_button):
            button.setEnabled(has_selection)
        for button in (self.duplicate_button, self.delete_button):
            button.setEnabled(has_selection and not self._read_only)
        for button in (self.new_button, self.import_button):
            button.setEnabled(not self._read_only)
