"""The page-true preview: the draft's pages exactly as they will print, beside the flowing
:class:`~stellungnahme_app.ui.document_preview.DocumentPreview`.

The pages come from :func:`stellungnahme_app.export.page_images.draft_pages` (the .docx
converted by the session's LibreOffice, drawn with PDFium) on a worker thread, a moment
after the last change (:data:`SETTLE_MS`), so typing is never held up; a newer draft while
one is drawn is drawn next. Zoom (buttons, Strg++/Strg+-), the page count and "Seite 2 von 3"
for the page in the middle of the view. Where no page-true picture can be made (no
LibreOffice), :attr:`unavailable` is emitted and the flowing preview stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.model import Draft

SETTLE_MS = 400
ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)


def page_true_preview_possible() -> bool:
    """True where a LibreOffice for the session can draw the pages (it starts on first use)."""
    from stellungnahme_app.export import office_converter

    return office_converter.session_converter() is not None


class PagePreview(QWidget):
    """:meth:`show_draft` asks for the pages of a draft; they follow from the background."""

    unavailable = Signal()
    pages_shown = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, draft_mode: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("seitenvorschau")
        self.draft_mode = draft_mode
        self._zoom_index = ZOOM_STEPS.index(1.0)
        self._images: list[QImage] = []
        self._pending: Draft | None = None
        self._drawing = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._draw_pending)

        self.zoom_out = QPushButton("−")
        self.zoom_out.setAccessibleName("Verkleinern")
        self.zoom_out.setToolTip("Verkleinern (Strg+-)")
        self.zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out.clicked.connect(lambda: self.set_zoom_index(self._zoom_index - 1))
        self.zoom_in = QPushButton("+")
        self.zoom_in.setAccessibleName("Vergrößern")
        self.zoom_in.setToolTip("Vergrößern (Strg++)")
        self.zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in.clicked.connect(lambda: self.set_zoom_index(self._zoom_index + 1))
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName("Vergrößerung")
        self.page_label = QLabel("Seiten werden erstellt …")
        self.page_label.setAccessibleName("Seitenangabe")

        self._pages = QWidget()
        self._pages_layout = QVBoxLayout(self._pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self._pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Seiten des Dokuments")
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_page_label)

        tools = QHBoxLayout()
        tools.addWidget(self.zoom_out)
        tools.addWidget(self.zoom_label)
        tools.addWidget(self.zoom_in)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.scroll, 1)
        self._show_zoom()

    # ------------------------------------------------------------------ drafts

    def show_draft(self, draft: Draft) -> None:
        """Draw ``draft``'s pages a moment from now (a newer call replaces this one)."""
        self._pending = draft.copy()
        self._settle.start()

    def _draw_pending(self) -> None:
        if self._drawing or self._pending is None:
            return  # the running drawing takes the newest draft when it is done
        from stellungnahme_app.export.page_images import draft_pages
        from stellungnahme_app.ui.background import run_in_background

        draft, self._pending, self._drawing = self._pending, None, True
        draft_mode = self.draft_mode

        def drawn(pages: object) -> None:
            self._drawing = False
            if pages is None:
                self.page_label.setText("Seitenvorschau nicht möglich")
                self.unavailable.emit()
                return
            assert isinstance(pages, list)
            self._images = [
                QImage(
                    page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888
                ).copy()
                for page in pages
            ]
            self._lay_out_pages()
            self.pages_shown.emit(len(self._images))
            if self._pending is not None:
                self._settle.start()

        def failed(error: BaseException) -> None:
            self._drawing = False
            self.page_label.setText("Seitenvorschau nicht möglich")
            self.unavailable.emit()

        run_in_background(
            self,
            lambda: draft_pages(draft, draft_mode=draft_mode),
            busy_text="Seitenvorschau wird erstellt …",
            on_success=drawn,
            on_error=failed,
            delivers_result=False,
        )

    # ------------------------------------------------------------------ pages and zoom

    @property
    def page_count(self) -> int:
        return len(self._images)

    @property
    def zoom(self) -> float:
        return ZOOM_STEPS[self._zoom_index]

    def set_zoom_index(self, index: int) -> None:
        self._zoom_index = max(0, min(len(ZOOM_STEPS) - 1, index))
        self._show_zoom()
        self._lay_out_pages()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.zoom_out.setEnabled(self._zoom_index > 0)
        self.zoom_in.setEnabled(self._zoom_index < len(ZOOM_STEPS) - 1)

    def _lay_out_pages(self) -> None:
        while (item := self._pages_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for number, image in enumerate(self._images, start=1):
            page = QLabel()
            pixmap = QPixmap.fromImage(image)
            width = round(image.width() * self.zoom)
            page.setPixmap(pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
            page.setAccessibleName(f"Seite {number} von {len(self._images)}")
            page.setStyleSheet("border: 1px solid palette(mid);")
            self._pages_layout.addWidget(page)
        self._update_page_label()

    def current_page(self) -> int:
        """The page in the middle of the view (1-based; 0 without pages)."""
        if not self._images:
            return 0
        middle = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 2
        for index in range(self._pages_layout.count()):
            widget = self._pages_layout.itemAt(index).widget()
            if widget is not None and widget.geometry().bottom() >= middle:
                return index + 1
        return len(self._images)

    def _update_page_label(self) -> None:
        if self._images:
            self.page_label.setText(f"Seite {self.current_page()} von {len(self._images)}")
