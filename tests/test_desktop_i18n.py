"""The window in 简体中文 and English: no English left under zh_CN (and no Chinese under English) in any
widget, menu, tooltip or status text; live switching; the .ts holds every string of the code and the
shipped .qm is its compiled form; no Chinese label is cut off at 1400x900 or 1366x768; errors from
core in the chosen language; the language follows the system and the user's choice is remembered.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from i18n_walk import chinese, english_words, widget_texts, window_texts
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLabel

from mnist_studio.core.errors import DataError
from mnist_studio.desktop import i18n

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGS = ("zh_CN", "en")


def switch(language: str) -> None:
    """Install a language and let every widget handle its LanguageChange."""
    i18n.install(language)
    QApplication.processEvents()
    QApplication.processEvents()


@pytest.fixture
def english():
    switch("en")
    yield
    switch("en")


@pytest.fixture
def window(qtbot, mnist_dir, english):
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.data is not None, timeout=20000)
    w.message_bar.hide()
    yield w
    w.shutdown()


def show_everything(window) -> None:
    """Bring up the texts that only appear on occasion: the data banner, a message, a prediction."""
    from mnist_studio.desktop.app import SELF_TEST_STROKES, _densify

    window.data_banner.show_missing(
        Path("/data/mnist"),
        DataError("MNIST incomplete", kind="missing_files", folder="/data/mnist", files=["t10k-labels.gz"]),
    )
    window.show_error(DataError("core's English", kind="bad_file", path="/data/mnist/train-images.gz"))
    for stroke in SELF_TEST_STROKES[7]:
        window.canvas.draw_stroke(_densify(stroke))
    window.reader.predict_now()


def english_left(window) -> list[str]:
    return [
        f"{where}: {text!r} -> {words}"
        for where, text in window_texts(window)
        if (words := english_words(text))
    ]


BOOK_TITLE = "深度学习入门"  # the book's Chinese title may stand in an English text, as a name


def chinese_left(window) -> list[str]:
    # The language menu names 简体中文 in its own words, whatever the window's language.
    return [
        f"{where}: {text!r}"
        for where, text in window_texts(window)
        if chinese(text.replace(BOOK_TITLE, "")) and "language-zh_CN" not in where
    ]


# ---- the whole window in each language ----------------------------------------------------------


def test_chinese_window_has_no_english_left_and_english_window_no_chinese(window, qtbot):
    show_everything(window)
    switch("zh_CN")
    left = english_left(window)
    assert not left, "English under zh_CN:\n" + "\n".join(left)
    # Spot checks of the lesson's own terms, where a reader of the lesson looks for them.
    assert window.start_button.text().strip() == "▶  开始训练".strip()
    assert window.controls._row_labels["lr"].text() == "学习率"
    assert window.controls._row_labels["hidden"].text() == "隐藏单元"
    assert "损失函数" in window.training_panel.lesson_hint.text()
    assert "数值梯度" in [window.controls.method_combo.itemText(i) for i in range(2)]
    assert window.actions.start.text() == "开始训练(&S)"

    switch("en")
    left = chinese_left(window)
    assert not left, "Chinese under English:\n" + "\n".join(left)


def test_switching_live_changes_every_text_and_back(window, qtbot):
    show_everything(window)
    before = dict(window_texts(window))
    switch("zh_CN")
    after = dict(window_texts(window))
    # every text with a word in it changed (numbers, names and file paths alone stay)
    unchanged = [w for w, t in before.items() if english_words(t) and after.get(w) == t]
    assert not unchanged, "not retranslated:\n" + "\n".join(unchanged)
    switch("en")
    back = dict(window_texts(window))
    # a passing status-bar note is cleared, not translated; everything else is as it was
    assert back.pop("status bar") == "" and before.pop("status bar")
    assert back == before


def test_training_texts_follow_the_language(window, qtbot):
    """The texts made while and after training (progress, statistics, the run's end) are Chinese too."""
    switch("zh_CN")
    window.controls.iters_spin.setValue(300)
    window.start_training()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=60000)
    QApplication.processEvents()
    left = english_left(window)
    assert not left, "English under zh_CN after training:\n" + "\n".join(left)
    stats = window.run_controls.stats_label.text()
    assert "次迭代" in stats and "300" in stats
    assert "次迭代" in window.statusBar().currentMessage()
    switch("en")
    assert "300 iterations in" in window.run_controls.stats_label.text()


def test_inside_page_step_and_gradient_check_in_chinese_then_english(window, qtbot):
    """The Inside tab's texts made by Step and the gradient check (status, losses, verdict, the batch's
    title) are Chinese, and say the same again in English after a live switch."""
    page = window.inside_page
    switch("zh_CN")
    window.tabs.setCurrentWidget(page)
    page.step_button.click()
    qtbot.waitUntil(lambda: page.step_view.stats() is not None, timeout=20000)
    page.gradient_check_button.click()
    qtbot.waitUntil(lambda: page.gradcheck_view.max_relative_differences() != {}, timeout=60000)
    QApplication.processEvents()
    for text in (page.status.text(), page.step_view.losses.text(), page.gradcheck_view.verdict.text(),
                 page.step_view.sheet.title.text()):
        assert text and not english_words(text) and chinese(text), text
    left = english_left(window)
    assert not left, "English under zh_CN on the Inside tab:\n" + "\n".join(left)
    assert "梯度确认" in page.status.text() and "两种梯度一致" in page.gradcheck_view.verdict.text()
    switch("en")
    assert page.status.text().startswith("Gradient check on the last step's mini-batch (100 digits)")
    assert page.gradcheck_view.verdict.text().startswith("The two gradients agree")
    assert page.step_view.losses.text().startswith("Loss on this batch:")
    assert not chinese_left(window)
    window.training.stop()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=10000)


def test_every_experiment_of_the_compare_tab_in_chinese(window, qtbot):
    """Each experiment's title, explanation and table (run names, what differs) under zh_CN."""
    page = getattr(window, "compare_page", None)
    if page is None:
        pytest.skip("no Compare tab in this window")
    switch("zh_CN")
    combo = page.experiment_combo
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        QApplication.processEvents()
        left = [f"{w}: {t!r}" for w, t in widget_texts(page) if english_words(t)]
        assert not left, f"English in experiment {combo.itemText(i)!r}:\n" + "\n".join(left)
    switch("en")
    assert not [t for _w, t in widget_texts(page) if chinese(t)]


def test_about_box_and_language_menu(window, qtbot):
    actions = window.actions.language_actions
    assert [actions[c].text() for c in ("en", "zh_CN")] == ["English", "简体中文"]
    actions["zh_CN"].trigger()
    QApplication.processEvents()
    assert i18n.current_language() == "zh_CN"
    assert QSettings().value(i18n.SETTINGS_KEY) == "zh_CN"  # remembered for the next start
    assert "两层神经网络" in window.about_text()
    assert window.actions.language_menu.title().startswith("语言")
    actions["system"].trigger()
    assert QSettings().value(i18n.SETTINGS_KEY) == "system"
    assert i18n.current_language() == i18n.system_language()


# ---- the translation files ---------------------------------------------------------------------


def _messages(ts: Path):
    """(context, source) -> (translations, finished) of a .ts file."""
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            out[(name, m.findtext("source"))] = (
                forms,
                tr.get("type") not in ("unfinished", "vanished", "obsolete"),
            )
    return out


def _lupdate():
    return shutil.which("pyside6-lupdate") or shutil.which(
        "pyside6-lupdate", path=str(Path(sys.executable).parent)
    )


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed (PySide6-Essentials has it)")
def test_every_string_in_the_code_has_a_chinese_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop").glob("*.py"))
    subprocess.run([_lupdate(), "-no-obsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = _messages(fresh)
    shipped = _messages(TS_DIR / "mnist_studio_zh_CN.ts")
    missing = [f"{c}: {s!r}" for c, s in in_code if not shipped.get((c, s), ([], False))[1]]
    assert not missing, (
        "strings without a Chinese translation (run pyside6-lupdate on desktop/*.py into "
        "resources/translations/mnist_studio_zh_CN.ts, translate them, then pyside6-lrelease):\n"
        + "\n".join(missing)
    )
    assert len(in_code) > 250  # the extraction really read the window's code


def test_translations_keep_every_placeholder():
    """A translation that drops or renames {folder} or %Ln would show a wrong or broken message."""
    fields = re.compile(r"\{[^}]*\}|%L?n")
    for lang in LANGS:
        for (ctx, source), (forms, _done) in _messages(TS_DIR / f"mnist_studio_{lang}.ts").items():
            for form in forms:
                assert sorted(fields.findall(form)) == sorted(fields.findall(source)), (
                    lang,
                    ctx,
                    source,
                    form,
                )


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_qm_is_the_compiled_ts(tmp_path, lang):
    """The .qm the app loads is exactly what pyside6-lrelease makes of the .ts today (content, not mtimes)."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease"
    )
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / f"{lang}.qm"
    subprocess.run(
        [lrelease, str(TS_DIR / f"mnist_studio_{lang}.ts"), "-qm", str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == (TS_DIR / f"mnist_studio_{lang}.qm").read_bytes(), (
        f"resources/translations/mnist_studio_{lang}.qm is stale: run pyside6-lrelease on the .ts"
    )


def test_installed_package_carries_the_translations():
    folder = i18n.translations_dir()
    assert (folder / "mnist_studio_zh_CN.qm").is_file() and (folder / "mnist_studio_en.qm").is_file()
    text = (ROOT / "pyproject.toml").read_text()
    assert "translations/*.qm" in text


def test_english_plurals(qapp, english):
    assert QCoreApplication.translate("SampleGrid", "%Ln test digits", "", 1) == "1 test digit"
    assert QCoreApplication.translate("SampleGrid", "%Ln test digits", "", 32) == "32 test digits"
    switch("zh_CN")
    assert QCoreApplication.translate("SampleGrid", "%Ln test digits", "", 32) == "32 个测试数字"


def test_counts_in_sentences_group_their_digits(qapp, english):
    """The lesson's 10,000 iterations read "10,000" inside every translated sentence with a count, in
    English and in Chinese (the mainland's usual grouping), as the window's other numbers do."""
    assert QCoreApplication.translate("TrainingFlow", "%Ln iterations in {time}", "", 10000) == (
        "10,000 iterations in {time}"
    )
    switch("zh_CN")
    assert QCoreApplication.translate("TrainingFlow", "%Ln iterations in {time}", "", 10000) == (
        "10,000 次迭代，用时 {time}"
    )
    assert QCoreApplication.translate("TrainingFlow", "Stopped after %Ln iterations.", "", 1000000) == (
        "已在 1,000,000 次迭代后停止。"
    )
    plurals = [key for key, (forms, _) in _messages(TS_DIR / "mnist_studio_en.ts").items()]
    assert len(plurals) >= 20  # every text with a count has English plural forms
    for lang in ("zh_CN", "en"):
        switch(lang)
        for ctx, source in plurals:
            text = QCoreApplication.translate(ctx, source, "", 10000)
            assert "10,000" in text and "10000" not in text, (lang, ctx, source, text)


def test_qt_own_dialog_texts_are_chinese_too(english):
    """qtbase_zh_CN.qm is loaded with ours: standard buttons and file dialogs speak Chinese."""
    switch("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


# ---- labels that fit ----------------------------------------------------------------------------


def cut_off(window) -> list[str]:
    """Visible labels, buttons and check boxes narrower (or shorter) than their text needs."""
    bad = []
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not w.isVisibleTo(window) or not w.text() or w.width() <= 0:
            continue
        hint = w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            need = w.heightForWidth(w.width())
            if need > w.height() + 1:
                bad.append(f"{w.objectName()} {w.text()[:30]!r}: {w.height()} px high, needs {need}")
        elif w.width() + 1 < hint.width() and (isinstance(w, (QLabel, QCheckBox)) or w.text().strip()):
            bad.append(f"{w.objectName()} {w.text()[:30]!r}: {w.width()} px wide, needs {hint.width()}")
    return bad


@pytest.mark.parametrize("size", [(1400, 900), (1366, 768)])
def test_no_chinese_label_is_cut_off(window, qtbot, size):
    switch("zh_CN")
    show_everything(window)
    window.message_bar.hide()
    window.data_banner.hide()
    window.resize(*size)
    for _ in range(5):
        QApplication.processEvents()
    bad = cut_off(window)
    assert not bad, f"cut off at {size}:\n" + "\n".join(bad)


# ---- errors from core, the system's language, the self-test -------------------------------------


def test_core_errors_carry_a_kind_and_the_window_says_them_in_chinese(tmp_path, english):
    from mnist_studio.core.mnist import load_raw
    from mnist_studio.desktop.error_text import error_text

    with pytest.raises(DataError) as empty:
        load_raw(tmp_path)
    assert empty.value.kind == "not_found" and empty.value.values["folder"] == str(tmp_path)
    assert "MNIST not found" in str(empty.value)  # the command line keeps its English
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(b"")
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(b"")
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"")
    with pytest.raises(DataError) as partly:
        load_raw(tmp_path)
    assert partly.value.kind == "missing_files"
    assert partly.value.values["files"] == ["t10k-labels-idx1-ubyte.gz"]
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"")
    with pytest.raises(DataError) as damaged:
        load_raw(tmp_path)
    assert damaged.value.kind == "bad_file" and damaged.value.values["path"].endswith(".gz")

    assert error_text(damaged.value) == str(damaged.value)  # English: core's own, detailed words
    switch("zh_CN")
    text = error_text(damaged.value)
    assert "已损坏" in text and damaged.value.values["path"] in text and not english_words(text)
    text = error_text(partly.value)
    assert "t10k-labels-idx1-ubyte.gz" in text and str(tmp_path) in text and not english_words(text)


def test_model_and_image_errors_have_kinds(tmp_path):
    from mnist_studio.core.errors import ImageFileError, ModelFileError
    from mnist_studio.core.imagefile import read_gray
    from mnist_studio.core.modelfile import load_model, save_model

    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError) as e:
        load_model(bad)
    assert (e.value.kind, e.value.values) == ("bad_model", {"path": str(bad)})
    with pytest.raises(ModelFileError) as e:
        load_model(tmp_path / "none.npz")
    assert e.value.kind == "file_not_found"
    with pytest.raises(ModelFileError) as e:
        save_model(tmp_path, {}, {})
    assert e.value.kind == "cannot_save_model"
    picture = tmp_path / "digit.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    with pytest.raises(ImageFileError) as e:
        read_gray(picture)
    assert (e.value.kind, e.value.values) == ("bad_image", {"path": str(picture)})


@pytest.mark.parametrize(
    "ui_languages, expected",
    [
        (["zh-CN", "zh-Hans-CN", "zh"], "zh_CN"),
        (["zh-Hans"], "zh_CN"),
        (["en-US", "en"], "en"),
        (["de-DE", "de"], "en"),
        (["fr-FR", "zh-CN"], "zh_CN"),
    ],
)
def test_language_follows_the_systems_ui_languages(ui_languages, expected):
    assert i18n.system_language(ui_languages) == expected


@pytest.mark.parametrize("lang, expected", [("zh_CN.UTF-8", "zh_CN"), ("en_US.UTF-8", "en"), ("C", "en")])
def test_lang_environment_variable_picks_the_language(lang, expected):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANGUAGE",)}
    env["LANG"] = lang
    code = (
        "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from mnist_studio.desktop import i18n; print(i18n.system_language())"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == expected, out.stderr


def test_self_test_reports_chinese_under_a_chinese_system(tmp_path):
    from mnist_studio.core.modelfile import default_model_path

    if not default_model_path().is_file():
        pytest.skip("no default model")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
    env.update(LANG="zh_CN.UTF-8", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from mnist_studio.desktop.launcher import main; sys.exit(main(['--self-test']))",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("self-test ok (") and "language zh_CN (▶  开始训练, 取消)" in last


def test_cut_off_check_finds_a_squeezed_label(window):
    """The fit check itself: a Chinese button squeezed below its text's width is reported."""
    switch("zh_CN")
    window.resize(1400, 900)
    QApplication.processEvents()
    button = window.new_samples_button
    button.setFixedWidth(button.sizeHint().width() // 2)
    QApplication.processEvents()
    assert any("换一批" in line for line in cut_off(window))
