"""A calm, professional look shared by every screen.

Widgets opt in to the named styles below with ``setObjectName`` (or ``setProperty("role", ...)``),
so screens stay free of colour literals.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", "Noto Sans CJK JP")
BASE_POINT_SIZE = 10

# Object names / role properties understood by the stylesheet.
PAGE_TITLE = "pageTitle"        # QLabel: the heading of a screen
DEMO_BANNER = "demoBanner"      # QLabel: the yellow "demo database" strip
NAV_LIST = "navList"            # QListWidget: the left navigation
FIGURE_CARD = "figureCard"      # QFrame: one dashboard figure
FIGURE_VALUE = "figureValue"    # QLabel inside a card: the number
FIGURE_LABEL = "figureLabel"    # QLabel inside a card: what the number is
CLAUSE_NOTE = "clauseNote"      # QLabel: the clause a figure comes from
PLACEHOLDER = "placeholder"     # QLabel: "not available yet"

ACCENT = "#1f5c99"

STYLESHEET = f"""
QMainWindow, QWidget#pageRoot {{ background: #f6f7f9; }}
QLabel#{PAGE_TITLE} {{ font-size: 16pt; font-weight: 600; color: #1c2733; padding: 4px 0 8px 0; }}
QLabel#{DEMO_BANNER} {{
    background: #fff4cc; color: #6b4e00; border-bottom: 1px solid #e6cf80;
    padding: 6px 12px; font-weight: 600;
}}
QListWidget#{NAV_LIST} {{
    background: #24313f; color: #e8edf2; border: none; padding-top: 8px; outline: 0;
}}
QListWidget#{NAV_LIST}::item {{ padding: 10px 16px; border-left: 3px solid transparent; }}
QListWidget#{NAV_LIST}::item:selected {{ background: #31435a; color: white; border-left: 3px solid #6fb1ff; }}
QListWidget#{NAV_LIST}::item:hover {{ background: #2c3b4d; }}
QFrame#{FIGURE_CARD} {{ background: white; border: 1px solid #dde2e8; border-radius: 6px; }}
QLabel#{FIGURE_VALUE} {{ font-size: 18pt; font-weight: 600; color: {ACCENT}; }}
QLabel#{FIGURE_LABEL} {{ color: #3b4754; }}
QLabel#{CLAUSE_NOTE} {{ color: #6b7785; font-size: 9pt; }}
QLabel#{PLACEHOLDER} {{ color: #6b7785; font-size: 12pt; padding: 24px; }}
QGroupBox {{ font-weight: 600; border: 1px solid #dde2e8; border-radius: 6px; margin-top: 14px;
             background: white; padding: 10px 8px 8px 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #1c2733; }}
QTableView, QTableWidget {{ background: white; alternate-background-color: #f3f6f9;
    gridline-color: #e3e7ec; selection-background-color: #d6e6f7; selection-color: #1c2733; }}
QHeaderView::section {{ background: #eef1f5; color: #33404d; padding: 5px 8px; border: none;
    border-right: 1px solid #dde2e8; border-bottom: 1px solid #dde2e8; font-weight: 600; }}
QStatusBar {{ background: #eef1f5; color: #33404d; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QPushButton {{ padding: 5px 14px; }}
"""


def pick_font_family(candidates: tuple[str, ...] = CJK_FAMILIES) -> str | None:
    """The first installed family of ``candidates`` (CJK glyphs need a CJK font on Linux)."""
    installed = set(QFontDatabase.families())
    return next((name for name in candidates if name in installed), None)


def apply_style(app: QApplication) -> str | None:
    """Apply font and stylesheet to ``app``; returns the font family used (None = Qt default)."""
    app.setStyle("Fusion")  # identical look on Linux and Windows desks
    family = pick_font_family()
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
    return family
