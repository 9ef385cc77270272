"""The PySide6 desktop application: the only package that imports Qt.

Every page and dialog is a module of its own and calls the Qt-free core (store, settings,
export, rules); none of them holds logic of its own that the core could hold.
"""
