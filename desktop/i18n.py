"""The window's language: English or 简体中文, following the system unless the user picks one in
View > Language; Qt's translators (ours from resources/translations, Qt's own qtbase_*.qm for its
dialogs and standard buttons) are swapped at once, and every widget retranslates itself on the
LanguageChange event that follows.

Texts are written in English in the code, through tr() / QCoreApplication.translate, and
translated by the compiled .qm files (made from the .ts sources with pyside6-lrelease). Counts in
them are written %Ln, not %n: Qt then writes the number as the default locale does, which install()
sets to the language's (10,000 in English and in Chinese, where a bare %n gives 10000).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator

ENGLISH, CHINESE, SYSTEM = "en", "zh_CN", "system"
#: The languages the app has, in the order View > Language lists them (names in their own language).
LANGUAGES = {ENGLISH: "English", CHINESE: "简体中文"}
SETTINGS_KEY = "ui/language"

_translators: list[QTranslator] = []
_current = ENGLISH


def translations_dir() -> Path:
    """The folder holding mnist_studio_<lang>.qm (inside the installed package, or the bundle)."""
    return Path(str(files("mnist_studio.resources").joinpath("translations")))


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own qtbase_<lang>.qm may be: Qt's configured folder, then PySide6's own."""
    import PySide6

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    dirs.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    return dirs


def system_language(ui_languages: list[str] | None = None) -> str:
    """The app's language for the system's UI languages (LANG / LC_ALL on Linux): Chinese for any
    zh locale, else English."""
    langs = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for lang in langs:
        code = lang.replace("-", "_").lower()
        if code.startswith("zh"):
            return CHINESE
        if code.startswith("en"):
            return ENGLISH
    return ENGLISH


def saved_choice(settings: QSettings | None = None) -> str:
    """The user's choice in View > Language: en, zh_CN or system (the default)."""
    value = str((settings or QSettings()).value(SETTINGS_KEY, SYSTEM))
    return value if value in LANGUAGES or value == SYSTEM else SYSTEM


def resolve(choice: str) -> str:
    """The language a choice means now (system -> the system's)."""
    return system_language() if choice == SYSTEM else choice


def current_language() -> str:
    """The language whose translators are installed (en or zh_CN)."""
    return _current


def install(language: str) -> str:
    """Replace the app's translators with those for `language` (en, zh_CN or system); returns the
    language installed. Qt then sends every widget a LanguageChange event."""
    global _current
    app = QCoreApplication.instance()
    language = resolve(language)
    if language not in LANGUAGES:
        language = ENGLISH
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    # English needs our .qm too: it holds the plural forms ("1 epoch" / "2 epochs") of %Ln texts.
    ours = QTranslator(app)
    if ours.load(f"mnist_studio_{language}", str(translations_dir())):
        _translators.append(ours)
    if language != ENGLISH:
        for folder in qt_translations_dirs():
            qt = QTranslator(app)
            if qt.load(f"qtbase_{language}", str(folder)):
                _translators.append(qt)
                break
    for t in _translators:
        app.installTranslator(t)
    # tr()'s %Ln writes counts the way QLocale() does; the system's locale may be C (no grouping) or
    # another language's, so the app's numbers follow the language it shows.
    QLocale.setDefault(QLocale(language))
    _current = language
    return language


def choose(choice: str, settings: QSettings | None = None) -> str:
    """The user picked a language (en, zh_CN or system): remember it and switch at once."""
    s = settings or QSettings()
    s.setValue(SETTINGS_KEY, choice)
    s.sync()
    return install(choice)


def install_saved(settings: QSettings | None = None) -> str:
    """At start: the language the user chose last time (default: the system's)."""
    return install(saved_choice(settings))


class Retranslating:
    """Mixin for a widget whose texts come from `retranslate()`: it runs again on LanguageChange."""

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
