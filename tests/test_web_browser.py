"""The web application in a real browser (Debian's chromium and chromium-driver, headless)."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("flask")
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.common.by import By

from web_helpers import (CITY, DISPATCH, EXAMPLE, PASSWORD, corrupt_docx, database_params,
                         database_url, make_app, zip_bomb)

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian's chromium and chromium-driver are not installed")


@pytest.fixture(scope="module", params=database_params())
def server(request, tmp_path_factory):
    from waitress.server import create_server
    app = make_app(tmp_path_factory.mktemp("data"), database_url(request.param))
    app.config["SESSION_COOKIE_SECURE"] = True  # the browser keeps it on 127.0.0.1 too
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{wsgi.effective_port}"
    wsgi.close()
    app.extensions["noticegen"]["pool"].stop()
    app.extensions["noticegen"]["engine"].dispose()


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1400,1600", "--lang=zh-CN", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("NOTICEGEN_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(browser, shots: Path, name: str) -> None:
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, min(max(height + 100, 900), 4000))
    assert browser.save_screenshot(str(shots / f"{name}.png"))


def text(browser) -> str:
    """The page's visible text, once the page has one (a click may still be navigating)."""
    from selenium.common.exceptions import WebDriverException
    for _ in range(100):
        try:
            return browser.find_element(By.TAG_NAME, "body").text
        except WebDriverException:
            time.sleep(0.1)
    raise AssertionError(f"no page at {browser.current_url}")


def wait_for(browser, condition, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out on {browser.current_url}: {text(browser)[:300]}")


def upload_file(browser, base, token, path: Path) -> None:
    browser.get(f"{base}/u/{token}")
    browser.find_element(By.ID, "summary").send_keys(str(path))
    browser.find_element(By.ID, "upload").click()


def login(browser, base) -> None:
    browser.get(base + "/login")
    browser.find_element(By.ID, "name").send_keys("boss")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login").click()
    wait_for(browser, lambda: "竞赛评比活动" in text(browser))


def tokens_from_links(browser) -> dict[str, str]:
    rows = browser.find_elements(By.CSS_SELECTOR, "#links tr")[1:]
    return {r.find_elements(By.TAG_NAME, "td")[1].text:
            r.find_elements(By.TAG_NAME, "td")[2].text.rsplit("/", 1)[1] for r in rows}


def test_department_and_unit_end_to_end(server, browser, shots, tmp_path):
    app, base = server
    browser.get(base + "/")
    assert "/login" in browser.current_url
    snap(browser, shots, "01-login")
    login(browser, base)
    broken = tmp_path / "campaign.yaml"
    broken.write_text(EXAMPLE.read_text("utf-8").replace("total: 100", "total: 90", 1), "utf-8")
    browser.find_element(By.ID, "campaign").send_keys(str(broken))
    browser.find_element(By.ID, "load").click()
    wait_for(browser, lambda: "未载入" in text(browser))
    assert browser.find_element(By.CSS_SELECTOR, "#problems td").text == "111"
    snap(browser, shots, "02-campaign-problems")
    browser.get(base + "/")
    browser.find_element(By.ID, "campaign").send_keys(str(EXAMPLE))
    browser.find_element(By.ID, "load").click()
    wait_for(browser, lambda: "已载入" in text(browser))
    snap(browser, shots, "02-dashboard-empty")
    browser.get(base + "/c/1/links")
    tokens = tokens_from_links(browser)
    assert len(tokens) == 10 and len(set(tokens.values())) == 10
    snap(browser, shots, "03-links")

    city = tokens["××电业局城区供电营业所"]
    unit = webdriver_session(browser)
    upload_file(unit, base, city, CITY)
    wait_for(unit, lambda: "各条款" in text(unit))
    page = text(unit)
    assert "㈠1.⑴" in page and "已覆盖" in page and "未覆盖" in page
    assert "城市地区居民客户端电压合格率" in page  # a commitment figure found
    snap(unit, shots, "04-unit-result")
    unit.find_element(By.ID, "submit").click()
    wait_for(unit, lambda: "已提交" in text(unit) and "逾期提交" in text(unit))
    snap(unit, shots, "05-unit-home-submitted")

    login(browser, base)
    browser.get(base + "/c/1")
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-unit="××电业局城区供电营业所"]')
    assert "逾期提交" in row.text and "/" in row.text
    assert browser.find_elements(By.CSS_SELECTOR, "#matrix td.st-covered")
    assert browser.find_elements(By.CSS_SELECTOR, "#matrix td.st-missing")
    snap(browser, shots, "06-dashboard")
    row.find_element(By.TAG_NAME, "a").click()
    wait_for(browser, lambda: "各条款结论" in text(browser))
    form = browser.find_elements(By.CSS_SELECTOR, "#verdicts form")[1]
    form.find_element(By.CSS_SELECTOR, "option[value=covered]").click()
    form.find_element(By.NAME, "reason").send_keys("第二段写了服务调研")
    form.find_element(By.TAG_NAME, "button").click()
    wait_for(browser, lambda: "已将条款" in text(browser))
    assert "第二段写了服务调研" in browser.find_element(By.ID, "overrides").text
    snap(browser, shots, "07-unit-detail")
    browser.find_element(By.LINK_TEXT, "打开全文（标出依据）").click()
    wait_for(browser, lambda: "跨段落" in text(browser) or "标记上的编号" in text(browser))
    marks = browser.find_elements(By.CSS_SELECTOR, "#text mark")
    assert len(marks) >= 5
    snap(browser, shots, "08-summary-highlighted")
    browser.get(base + "/audit")
    log = text(browser)
    assert all(action in log for action in ("登录", "载入活动", "活动文件未载入", "上传", "提交", "改判"))
    snap(browser, shots, "11-audit")


def webdriver_session(browser):
    """The same browser with the department's cookies gone: a unit has no account."""
    browser.delete_all_cookies()
    return browser


def test_unit_cannot_reach_another_units_files_and_wrong_token_is_404(server, browser, shots):
    app, base = server
    from noticegen.web.db import UnitLink
    session = app.extensions["noticegen"]["db"].session_factory()
    links = {l.unit_name: l.token for l in session.query(UnitLink).all()}
    session.close()
    dispatch, city = links["××电业局调度所"], links["××电业局城区供电营业所"]
    upload_file(browser, base, dispatch, DISPATCH)
    wait_for(browser, lambda: "各条款" in text(browser))
    own = browser.current_url
    upload_id = own.rsplit("/", 1)[1]
    browser.get(f"{base}/u/{city}/uploads/{upload_id}")
    assert "页面不存在" in text(browser)
    browser.get(f"{base}/u/{city}")
    assert DISPATCH.name not in text(browser)
    browser.get(f"{base}/u/{'A' * 32}")
    assert "页面不存在" in text(browser)
    snap(browser, shots, "09-wrong-token")


@pytest.mark.parametrize("name, make, message", [
    ("总结.exe", lambda p: p.write_bytes(b"MZ"), "不支持的文件类型"),
    ("损坏.docx", lambda p: p.write_bytes(corrupt_docx()), "不是有效的 Word 文档"),
    ("炸弹.docx", lambda p: p.write_bytes(zip_bomb()), "压缩炸弹"),
    ("过大.txt", lambda p: p.write_bytes(b"a" * (21 * 2**20)), "不得超过 20 MB"),
    ("..\\..\\windows\\城区.txt", lambda p: shutil.copyfile(CITY, p), "各条款"),
])
def test_bad_files_in_the_browser(server, browser, shots, tmp_path, name, make, message):
    app, base = server
    from noticegen.web.db import UnitLink, Upload
    session = app.extensions["noticegen"]["db"].session_factory()
    token = session.query(UnitLink).filter_by(unit_name="××电业局计量所").one().token
    before = session.query(Upload).count()
    path = tmp_path / name
    make(path)
    upload_file(browser, base, token, path)
    wait_for(browser, lambda: message in text(browser))
    snap(browser, shots, f"10-bad-{path.suffix[1:]}-{message[:4]}")
    after = session.query(Upload).count()
    session.close()
    assert after == before + (1 if message == "各条款" else 0)
    if message == "各条款":
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading.endswith("城区.txt") and "\\" not in heading and "/" not in heading


def test_the_page_shows_the_queue_and_updates_itself(browser, shots, tmp_path):
    from waitress.server import create_server
    from noticegen.web.db import UnitLink
    app = make_app(tmp_path / "data", None, start_checks=False)
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=wsgi.run, daemon=True).start()
    base = f"http://127.0.0.1:{wsgi.effective_port}"
    try:
        login(browser, base)
        browser.find_element(By.ID, "campaign").send_keys(str(EXAMPLE))
        browser.find_element(By.ID, "load").click()
        wait_for(browser, lambda: "已载入" in text(browser))
        session = app.extensions["noticegen"]["db"].session_factory()
        tokens = [l.token for l in session.query(UnitLink).order_by(UnitLink.position)]
        session.close()
        browser.delete_all_cookies()
        upload_file(browser, base, tokens[1], CITY)
        wait_for(browser, lambda: "排队等待检查" in text(browser))
        upload_file(browser, base, tokens[0], CITY)
        wait_for(browser, lambda: "前面还有 1 份" in text(browser))
        snap(browser, shots, "12-queued")
        app.extensions["noticegen"]["pool"].start()
        wait_for(browser, lambda: "各条款" in text(browser))  # refreshed by the page itself
    finally:
        wsgi.close()
        app.extensions["noticegen"]["pool"].stop()
        app.extensions["noticegen"]["engine"].dispose()
