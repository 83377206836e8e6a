"""Static checks of the app bundle recipe (packaging/): the scripts run, the spec leaves out what the issue
says and keeps what the app needs, the menu entry is valid; no PyInstaller build here (packaging/build.sh does
that, and self-tests the result).
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "mnist-studio.spec"
DESKTOP_FILE = PACKAGING / "linux" / "mnist-studio.desktop"
INSTALLER = PACKAGING / "linux" / "install-desktop-entry.sh"
SCRIPTS = [PACKAGING / "build.sh", PACKAGING / "measure-startup.sh", INSTALLER]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

posix_only = pytest.mark.skipif(os.name != "posix" or shutil.which("bash") is None, reason="needs bash")


def _spec_helpers() -> dict:
    """The spec's lists and its keep_file() filter, without running PyInstaller (the spec imports it)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    wanted = {
        "EXCLUDED_MODULES",
        "DROPPED_PLUGIN_TYPES",
        "DROPPED_PLUGINS",
        "KEPT_IMAGEFORMATS",
        "KEPT_QT_TRANSLATIONS",
        "_qt_relative_parts",
        "keep_file",
    }
    nodes = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in wanted:
            nodes.append(node)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in wanted for t in node.targets
        ):
            nodes.append(node)
    namespace: dict = {"os": os}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)
    missing = wanted - namespace.keys()
    assert not missing, f"the spec no longer defines {sorted(missing)}"
    return namespace


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_are_executable_and_parse(script):
    assert script.is_file(), f"{script} is missing"
    if os.name == "posix":
        assert os.access(script, os.X_OK), f"{script.name} must be executable (chmod +x)"
    if shutil.which("bash"):
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_build_script_is_tracked_as_executable():
    """A fresh clone (CI's) gets the mode from git, not from this working tree."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(
        ["git", "ls-files", "-s", "packaging/build.sh"], cwd=ROOT, capture_output=True, text=True
    )
    if not result.stdout:
        pytest.skip("packaging/build.sh is not committed yet")
    assert result.stdout.startswith("100755"), result.stdout


def test_spec_leaves_out_the_heavy_qt_parts_and_test_tools():
    excluded = set(_spec_helpers()["EXCLUDED_MODULES"])
    for module in (
        "PySide6.QtWebEngineCore",
        "PySide6.QtWebEngineWidgets",
        "PySide6.Qt3DCore",
        "PySide6.QtQuick",
        "PySide6.QtQml",
        "PySide6.QtTest",
        "tkinter",
        "unittest",
        "matplotlib",
        "PyQt5",
        "PyQt6",
        "PySide2",
    ):
        assert module in excluded, f"{module} should be excluded from the bundle"
    # Modules the app (or pyqtgraph, unconditionally) imports must not be excluded.
    for needed in (
        "PySide6.QtOpenGL",
        "PySide6.QtOpenGLWidgets",
        "PySide6.QtSvg",
        "pydoc",
        "numpy",
        "PIL",
        "pyqtgraph",
    ):
        assert needed not in excluded, f"{needed} is needed at run time"


def test_spec_names_the_modules_static_analysis_cannot_see():
    source = SPEC.read_text(encoding="utf-8")
    # importlib.resources.files("mnist_studio.resources") names the package only in a string.
    assert '"mnist_studio.resources"' in source
    # pyqtgraph's PlotCurveItem loads these with importlib.import_module at import time.
    assert '"PySide6.QtOpenGL"' in source and '"PySide6.QtOpenGLWidgets"' in source
    hook = (PACKAGING / "hooks" / "hook-mnist_studio.resources.py").read_text(encoding="utf-8")
    assert 'collect_data_files("mnist_studio.resources")' in hook


@pytest.mark.parametrize(
    "dest, kept",
    [
        # Translations: Qt's own texts only in the app's languages (English needs none, 简体中文).
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/translations/qt_fr.qm", False),  # Windows layout
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),  # the old catch-all; qtbase has what we use
        ("mnist_studio/resources/translations/mnist_studio_zh_CN.qm", True),
        # Display back-ends: desktop ones stay, kiosk ones go.
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # --self-test in CI
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        # The SVG icon needs the SVG image and icon-engine plugins; TIFF/WebP readers are Pillow's job.
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/plugins/imageformats/qico.dll", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        # Everything outside Qt's folders is kept, above all the app's own resources.
        ("mnist_studio/resources/default_model.npz", True),
        ("mnist_studio/resources/icon-256.png", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("numpy.libs/libscipy_openblas64_.so", True),
    ],
)
def test_spec_file_filter(dest, kept):
    assert _spec_helpers()["keep_file"](dest) is kept


def test_pinned_build_inputs_cover_every_dependency():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in (PACKAGING / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: '{line}' is not an exact pin (name==version)"
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    wanted = project["dependencies"] + project["optional-dependencies"]["package"]
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]).lower()
        assert name in pins, f"{name} (from pyproject.toml) has no exact version in packaging/constraints.txt"
    for requirement in project["optional-dependencies"]["package"]:
        name, _, version = requirement.partition("==")
        assert version, f"pyproject's 'package' extra should pin exactly: {requirement}"
        assert pins[name.lower()] == version, (
            f"{name}: pyproject says {version}, constraints.txt says {pins[name.lower()]}"
        )


def test_resources_the_bundle_carries_exist_and_are_package_data():
    tomllib = pytest.importorskip("tomllib")
    resources = ROOT / "resources"
    wanted = ["icon.svg"] + [f"icon-{size}.png" for size in ICON_SIZES]
    if (resources / "default_model.npz").exists() or _tracked("resources/default_model.npz"):
        wanted.append("default_model.npz")
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["mnist_studio.resources"]
    for name in wanted:
        assert (resources / name).is_file(), f"resources/{name} is missing"
        assert any(Path(name).match(p) for p in patterns), (
            f"resources/{name} is not package data, so no wheel or bundle would carry it"
        )


def _tracked(path: str) -> bool:
    if shutil.which("git") is None:
        return False
    result = subprocess.run(["git", "ls-files", path], cwd=ROOT, capture_output=True, text=True)
    return bool(result.stdout.strip())


def _read_desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def test_desktop_entry_has_what_menus_and_taskbars_need():
    entry = _read_desktop_entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "MNIST Studio"
    assert entry["Exec"].split()[0] == "mnist-studio"
    assert entry["Icon"] == "mnist-studio"  # the name the installer gives the icon in hicolor
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    # Wayland matches a window to its menu entry (and icon) by the desktop file name the app declares.
    app_source = (ROOT / "desktop" / "app.py").read_text(encoding="utf-8")
    declared = re.search(r'setDesktopFileName\("([^"]+)"\)', app_source)
    assert declared, "desktop/app.py should call QGuiApplication.setDesktopFileName(...)"
    assert DESKTOP_FILE.stem == declared.group(1)


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (Debian: desktop-file-utils)",
)
def test_desktop_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@posix_only
def test_installer_puts_entry_and_icons_in_the_users_folders(tmp_path):
    # A stand-in app folder, in a path with a space and a dollar sign that Exec= must quote.
    app = tmp_path / "my apps" / "mnist $tudio"
    (app / "_internal" / "mnist_studio").mkdir(parents=True)
    shutil.copytree(ROOT / "resources", app / "_internal" / "mnist_studio" / "resources")
    exe = app / "mnist-studio"
    exe.write_text("#!/bin/sh\nexit 0\n")
    exe.chmod(0o755)
    data_home = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "HOME": str(tmp_path)}

    result = subprocess.run(["bash", str(INSTALLER), str(exe)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    installed = data_home / "applications" / "mnist-studio.desktop"
    entry = _read_desktop_entry(installed)
    # Desktop Entry spec: quoted, $ escaped inside the quotes, and the backslash doubled by string escaping.
    assert entry["Exec"] == '"' + str(exe).replace("$", r"\\$") + '"'
    assert entry["TryExec"] == str(exe)
    assert entry["Icon"] == "mnist-studio"
    icons = data_home / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "mnist-studio.svg").read_bytes() == (
        ROOT / "resources" / "icon.svg"
    ).read_bytes()
    for size in ICON_SIZES:
        assert (icons / f"{size}x{size}" / "apps" / "mnist-studio.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    result = subprocess.run(["bash", str(INSTALLER), "--uninstall"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not installed.exists()
    assert not any(p.is_file() for p in icons.rglob("*"))


@posix_only
def test_installer_refuses_a_missing_executable(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "HOME": str(tmp_path)}
    result = subprocess.run(
        ["bash", str(INSTALLER), str(tmp_path / "nope" / "mnist-studio")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "no app executable found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "share" / "applications").exists()


def test_frozen_entry_points_call_the_launcher():
    """The two frozen programs start the same functions as the pip-installed console and gui scripts."""
    tomllib = pytest.importorskip("tomllib")

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    console = (PACKAGING / "entry_console.py").read_text(encoding="utf-8")
    windowed = (PACKAGING / "entry_windowed.py").read_text(encoding="utf-8")
    module, func = project["scripts"]["mnist-studio"].split(":")
    assert f"from {module} import {func}" in console and f"sys.exit({func}())" in console
    module, func = project["gui-scripts"]["mnist-studio-app"].split(":")
    assert f"from {module} import {func}" in windowed and f"sys.exit({func}())" in windowed


def _pinned(name: str) -> str:
    for line in (PACKAGING / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.lower().startswith(name.lower() + "=="):
            return line.partition("==")[2]
    raise AssertionError(f"{name} is not pinned in packaging/constraints.txt")


def test_bundled_qt_binding_is_one_the_app_accepts(monkeypatch):
    """The bundle freezes the build machine's Python with the pinned PySide6; the app refuses known-bad
    pairs.
    """
    pyside6 = pytest.importorskip("PySide6")
    from mnist_studio.desktop.app import broken_qt_binding

    version = _pinned("PySide6-Essentials")
    assert _pinned("shiboken6") == version, (
        "PySide6-Essentials and shiboken6 must be pinned to the same version"
    )
    monkeypatch.setattr(pyside6, "__version__", version)
    assert broken_qt_binding() is None, f"the app refuses the pinned PySide6 {version} on this Python"
