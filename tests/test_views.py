"""The HTML views: offline, escaped, and drawn in a real (headless) Chromium."""

import re
import shutil
import subprocess

import pytest
from conftest import ROOT, SEEDS

from kgraph.build import BuildOptions, build

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"
PROBE_TITLE = "<img src=x onerror=\"document.body.dataset.xss='title'\"> Evil Paper About Transformers"
PROBE_NAME = "<script>document.body.dataset.xss='name'</script>"


@pytest.fixture(scope="module")
def probe_build(tmp_path_factory):
    """The seeds plus a listing whose title and (via aliases) author name are XSS probes."""
    folder = tmp_path_factory.mktemp("probe")
    (folder / "evil.txt").write_text(f"{PROBE_TITLE}\nMallory Evans\nXue Liu\n", encoding="utf-8")
    aliases = folder / "aliases.tsv"
    aliases.write_text(f"Mallory Evans\t{PROBE_NAME}\n", encoding="utf-8")
    out = folder / "out"
    build(BuildOptions([SEEDS, folder / "evil.txt"], out, aliases=aliases))
    return out


@pytest.mark.parametrize("page", ["coauthors.html", "topics.html"])
def test_pages_have_no_remote_references_and_a_strict_policy(probe_build, page):
    html = (probe_build / page).read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?https?:", html, re.I)
    assert not re.search(r"@import\s+url\(\s*[\"']?https?:", html, re.I)
    assert "default-src 'none'" in html


def test_input_text_is_escaped_in_the_page(probe_build):
    html = (probe_build / "coauthors.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>document.body" not in html
    assert "\\u003cscript\\u003edocument.body.dataset.xss" in html  # the name is there, as JSON data


def _chromium(url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = ARTIFACTS / ".chromium-profile"
    shutil.rmtree(profile, ignore_errors=True)
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            # network off: every request would go to a closed port or fail to resolve
            "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr", "--v=0", "--window-size=1280,800",
            "--virtual-time-budget=5000", "--timeout=15000", *extra, url]
    return subprocess.run(args, capture_output=True, text=True, timeout=90)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (tests/run.sh installs it with apt-get)")
@pytest.mark.parametrize("page, expected", [("coauthors.html", None), ("topics.html", None)])
def test_page_draws_offline_without_errors_or_xss(probe_build, page, expected):
    ARTIFACTS.mkdir(exist_ok=True)
    url = (probe_build / page).resolve().as_uri()
    dom = _chromium(url, "--dump-dom")
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body, dom.stderr[-2000:]
    drawn = int(re.search(r'data-drawn="(\d+)"', body.group(0)).group(1))
    nodes = int(re.search(r"^(\d+) ", re.search(r'<span id="note">([^<]*)', dom.stdout).group(1)).group(1))
    assert drawn == nodes > 0, "the vis network did not draw all its nodes"
    assert 'data-errors="0"' in body.group(0)
    assert "data-xss" not in body.group(0), "an XSS probe ran"
    assert '<canvas' in dom.stdout
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line or "net::ERR" in line]
    assert console == [], console
    shot = ARTIFACTS / page.replace(".html", ".png")
    _chromium(url, f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (tests/run.sh installs it with apt-get)")
def test_probe_name_is_shown_as_text(probe_build):
    dom = _chromium((probe_build / "coauthors.html").resolve().as_uri(), "--dump-dom").stdout
    assert '<option value="&lt;script&gt;document.body.dataset.xss=\'name\'&lt;/script&gt;">' in dom
