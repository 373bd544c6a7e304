"""The web application through its HTTP interface (no browser): access, bad input, overrides."""
from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest

pytest.importorskip("flask")

from web_helpers import (CITY, EXAMPLE, PASSWORD, corrupt_docx, database_params,
                         database_url, docx_bytes, make_app, token_of, zip_bomb)


@pytest.fixture(params=database_params())
def app(request, tmp_path):
    app = make_app(tmp_path / "data", database_url(request.param))
    yield app
    app.extensions["noticegen"]["pool"].stop()
    app.extensions["noticegen"]["engine"].dispose()


def login(client, name="boss"):
    page = client.get("/login").text
    response = client.post("/login", data={"name": name, "password": PASSWORD,
                                           "csrf_token": token_of(page)})
    assert response.status_code == 302
    return client


def load_example(client) -> list[str]:
    page = client.get("/").text
    response = client.post("/campaigns", data={
        "csrf_token": token_of(page), "campaign": (EXAMPLE.open("rb"), "campaign.yaml")})
    assert response.status_code == 302
    links = client.get("/c/1/links").text
    return re.findall(r"/u/([\w-]{20,})", links)


def upload(client, token, data: bytes, name: str):
    page = client.get(f"/u/{token}").text
    return client.post(f"/u/{token}/upload", data={
        "csrf_token": token_of(page), "summary": (io.BytesIO(data), name)})


def wait_checked(client, path, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        page = client.get(path).text
        if 'id="progress"' not in page:
            return page
        time.sleep(0.3)
    raise AssertionError("the check did not finish")


def counts(app):
    from noticegen.web.db import Submission, Upload
    session = app.extensions["noticegen"]["db"].session_factory()
    try:
        return session.query(Upload).count(), session.query(Submission).count()
    finally:
        session.close()


def stored_files(app):
    root = app.extensions["noticegen"]["blobs"].root
    return sorted(p.name for p in root.rglob("*") if p.is_file() and p.parent.name != "tmp")


@pytest.fixture
def unit_client(app):
    client = login(app.test_client())
    tokens = load_example(client)
    return app, client, tokens


def test_wrong_token_and_other_units_files_are_not_found(unit_client):
    app, client, tokens = unit_client
    anonymous = app.test_client()
    assert anonymous.get("/u/" + "x" * 32).status_code == 404
    assert "页面不存在" in anonymous.get("/u/" + "x" * 32).text
    response = upload(anonymous, tokens[0], CITY.read_bytes(), CITY.name)
    own = response.location
    assert re.search(r"/u/[\w-]+/uploads/\d+$", own)
    upload_id = own.rsplit("/", 1)[1]
    other = anonymous.get(f"/u/{tokens[1]}/uploads/{upload_id}")
    assert other.status_code == 404
    assert CITY.name not in anonymous.get(f"/u/{tokens[1]}").text
    # the department pages need a login
    assert anonymous.get("/c/1").status_code == 302


def test_post_without_csrf_token_is_refused_and_changes_nothing(unit_client):
    app, client, tokens = unit_client
    before = counts(app)
    response = app.test_client().post(f"/u/{tokens[0]}/upload", data={
        "summary": (io.BytesIO(CITY.read_bytes()), CITY.name)})
    assert response.status_code == 400
    assert "缺少安全校验" in response.text
    assert counts(app) == before
    refused = app.test_client().post("/login", data={"name": "boss", "password": PASSWORD})
    assert refused.status_code == 400


@pytest.mark.parametrize("name, data, message", [
    ("总结.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ("总结.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
    ("总结.docx", corrupt_docx(), "不是有效的 Word 文档"),
    ("总结.docx", b"plain text pretending", "不是有效的 Word 文档"),
    ("总结.docx", zip_bomb(), "压缩炸弹"),
    ("总结.txt", b"", "空的"),
    ("总结.txt", b"  \n \n", "请上传 Word 原文件"),
])
@pytest.mark.parametrize("interface", ["en", "zh"])
def test_bad_files_get_a_chinese_message_and_nothing_is_kept(unit_client, name, data, message,
                                                             interface, request):
    if interface == "zh":           # the readers' messages in Chinese: the same page
        request.getfixturevalue("chinese")
    app, client, tokens = unit_client
    before, files = counts(app), stored_files(app)
    anonymous = app.test_client()
    response = upload(anonymous, tokens[0], data, name)
    page = anonymous.get(response.location).text
    assert message in page
    assert counts(app) == before and stored_files(app) == files


def test_oversized_file_and_form_field_are_refused(unit_client):
    app, client, tokens = unit_client
    before, files = counts(app), stored_files(app)
    anonymous = app.test_client()
    big = upload(anonymous, tokens[0], b"a" * (21 * 2**20), "big.txt")
    assert big.status_code == 413 and "不得超过 20 MB" in big.text
    page = anonymous.get(f"/u/{tokens[0]}").text
    field = anonymous.post(f"/u/{tokens[0]}/upload", data={
        "csrf_token": token_of(page), "note": "字" * (10 * 2**20 // 3)})
    assert field.status_code == 413 and "表单中的文字" in field.text
    assert counts(app) == before and stored_files(app) == files


def test_path_characters_in_a_file_name_are_only_shown(unit_client):
    app, client, tokens = unit_client
    anonymous = app.test_client()
    response = upload(anonymous, tokens[0], CITY.read_bytes(), "../../etc/passwd\\..\\城区.txt")
    page = wait_checked(anonymous, response.location)
    shown = re.search(r"第\d+号 (.*?)</h1>", page).group(1)
    assert shown.endswith("城区.txt") and "/" not in shown and "\\" not in shown
    assert all(re.fullmatch(r"[0-9a-f]{64}\.(txt|yaml)", name) for name in stored_files(app))


def test_every_version_is_kept_and_the_submission_is_time_stamped(unit_client):
    app, client, tokens = unit_client
    anonymous = app.test_client()
    first = upload(anonymous, tokens[0], CITY.read_bytes(), "v1.txt").location
    wait_checked(anonymous, first)
    second = upload(anonymous, tokens[0], docx_bytes(CITY.read_text("utf-8").splitlines()),
                    "v2.docx").location
    page = wait_checked(anonymous, second)
    assert "㈠1.⑴" in page and "已覆盖" in page
    response = anonymous.post(second + "/submit", data={"csrf_token": token_of(page)})
    assert response.status_code == 302
    home = anonymous.get(response.location).text
    assert "逾期提交" in home and "v1.txt" in home and "v2.docx" in home
    assert counts(app) == (2, 1)
    assert len(stored_files(app)) == 3  # campaign + two versions
    dashboard = client.get("/c/1").text
    assert "逾期提交 1" in dashboard


def test_override_is_kept_shown_and_exported_as_labels(unit_client, tmp_path):
    app, client, tokens = unit_client
    anonymous = app.test_client()
    wait_checked(anonymous, upload(anonymous, tokens[0], CITY.read_bytes(), CITY.name).location)
    unit_page = client.get("/c/1/units/1").text
    viewer = login(app.test_client(), "reader")
    refused = viewer.post("/c/1/units/1/override", data={
        "csrf_token": token_of(viewer.get("/c/1/units/1").text), "clause": "1.1.2",
        "status": "covered", "reason": "x"})
    assert refused.status_code == 403
    response = client.post("/c/1/units/1/override", data={
        "csrf_token": token_of(unit_page), "clause": "1.1.2", "status": "covered",
        "reason": "第三段写了服务调研"})
    assert response.status_code == 302
    page = client.get("/c/1/units/1").text
    assert "第三段写了服务调研" in page and "改判（原：未覆盖）" in page
    archive = zipfile.ZipFile(io.BytesIO(client.get("/c/1/labels.zip").data))
    labels = json.loads(archive.read("labels.json"))
    assert labels["summaries"][0]["labels"] == {"1.1.2": "covered"}
    folder = tmp_path / "labels"
    archive.extractall(folder)
    from click.testing import CliRunner
    from noticegen.cli import main
    result = CliRunner().invoke(main, ["evaluate", str(folder / "campaign.yaml"), str(folder)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output
    audit = client.get("/audit").text
    assert "改判为已覆盖" in audit and "上传" in audit and "登录" in audit


def test_campaign_with_problems_is_shown_with_lines_and_not_loaded(app, tmp_path):
    client = login(app.test_client())
    text = EXAMPLE.read_text("utf-8").replace("total: 100", "total: 90", 1)
    page = client.get("/").text
    response = client.post("/campaigns", data={
        "csrf_token": token_of(page), "campaign": (io.BytesIO(text.encode()), "campaign.yaml")})
    assert response.status_code == 422
    assert "未载入" in response.text and "<td>111</td>" in response.text
    assert "还没有载入任何活动" in client.get("/").text


def test_login_is_rate_limited(app):
    client = app.test_client()
    for _ in range(5):
        page = client.get("/login").text
        bad = client.post("/login", data={"name": "boss", "password": "wrong",
                                          "csrf_token": token_of(page)})
        assert "用户名或密码不正确" in bad.text
    page = client.get("/login").text
    blocked = client.post("/login", data={"name": "boss", "password": PASSWORD,
                                          "csrf_token": token_of(page)})
    assert "次数过多" in blocked.text and blocked.status_code == 401


def test_security_headers_and_cookie_flags(tmp_path):
    from noticegen.web import create_app
    app = create_app(tmp_path / "d", start_checks=False)
    response = app.test_client().get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie
    assert "--plain-http" not in response.text
    remote = app.test_client().get("/login", base_url="http://intranet.example:8000")
    assert "--plain-http" in remote.text


def test_users_add_command(tmp_path):
    from click.testing import CliRunner
    from noticegen.cli import main
    runner = CliRunner()
    data = str(tmp_path / "d")
    ok = runner.invoke(main, ["users", "add", "张三", "--data", data, "--role", "admin",
                              "--password", "long-enough-1"])
    assert ok.exit_code == 0 and "created" in ok.output
    again = runner.invoke(main, ["users", "add", "张三", "--data", data, "--password", "long-enough-1"])
    assert again.exit_code == 2 and "already exists" in again.output
    short = runner.invoke(main, ["users", "add", "李四", "--data", data, "--password", "short"])
    assert short.exit_code == 2 and "too short" in short.output


def test_on_time_submission_and_draft_state(app):
    client = login(app.test_client())
    text = EXAMPLE.read_text("utf-8").replace("deadline: 2006-11-18", "deadline: 2099-11-18", 1)
    response = client.post("/campaigns", data={
        "csrf_token": token_of(client.get("/").text),
        "campaign": (io.BytesIO(text.encode()), "campaign.yaml")})
    assert response.status_code == 302, response.text
    token = re.findall(r"/u/([\w-]{20,})", client.get("/c/1/links").text)[0]
    anonymous = app.test_client()
    result = upload(anonymous, token, CITY.read_bytes(), CITY.name).location
    page = wait_checked(anonymous, result)
    assert "草稿已检查 1" in client.get("/c/1").text
    anonymous.post(result + "/submit", data={"csrf_token": token_of(page)})
    dashboard = client.get("/c/1").text
    assert "按时提交 1" in dashboard and "逾期提交 0" in dashboard


def test_downloads_package_tracking_sheet_and_letters(unit_client):
    app, client, tokens = unit_client
    anonymous = app.test_client()
    wait_checked(anonymous, upload(anonymous, tokens[0], CITY.read_bytes(), CITY.name).location)
    package = zipfile.ZipFile(io.BytesIO(client.get("/c/1/package.zip").data))
    assert "通知.docx" in package.namelist()
    import openpyxl
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/c/1/tracking.xlsx").data))
    assert sheet.sheetnames
    letters = zipfile.ZipFile(io.BytesIO(client.get("/c/1/letters.zip").data))
    assert any(name.endswith(".docx") for name in letters.namelist())


def test_last_years_notice_docx_is_imported(app, tmp_path):
    from noticegen import api
    outcome = list(api.build_many([EXAMPLE], tmp_path / "out"))[0]
    notice = outcome.result.folder / "通知.docx"
    client = login(app.test_client())
    alone = client.post("/campaigns", data={"csrf_token": token_of(client.get("/").text),
                                            "campaign": (notice.open("rb"), "通知.docx")})
    assert alone.status_code == 422 and "没有执行单位" in alone.text
    letters = sorted((outcome.result.folder / "责任书").glob("*.docx"))
    response = client.post("/campaigns", data={
        "csrf_token": token_of(client.get("/").text),
        "campaign": (notice.open("rb"), "通知.docx"),
        "letters": [(path.open("rb"), path.name) for path in letters]})
    assert response.status_code == 302, response.text
    assert "已载入" in client.get(response.location).text
    assert "××电业局调度所" in client.get("/c/1/links").text


def test_a_pdf_summary_is_read_and_checked(unit_client, tmp_path):
    from hostile.files import plain_pdf
    app, client, tokens = unit_client
    anonymous = app.test_client()
    path = plain_pdf(tmp_path / "总结.pdf")
    page = wait_checked(anonymous, upload(anonymous, tokens[0], path.read_bytes(), "总结.pdf").location)
    assert "各条款" in page and "未覆盖" in page


def test_versions_per_unit_are_bounded(unit_client, monkeypatch):
    from noticegen.web import unit
    app, client, tokens = unit_client
    monkeypatch.setattr(unit, "MAX_VERSIONS", 1)
    anonymous = app.test_client()
    upload(anonymous, tokens[0], CITY.read_bytes(), CITY.name)
    refused = upload(anonymous, tokens[0], CITY.read_bytes(), CITY.name)
    assert "达到上限" in anonymous.get(refused.location).text
    assert counts(app) == (1, 0)


class _RecordingPool:
    """Stands in for the process pool: records what it is given, finishes nothing."""

    def __init__(self):
        self.given = []

    def submit(self, function, campaign, summary, unit, rules=None):
        from concurrent.futures import Future
        self.given.append(summary)
        return Future()


def test_two_instances_never_claim_the_same_upload(unit_client):
    import threading
    from noticegen.web.worker import CheckPool
    app, client, tokens = unit_client
    engine = app.extensions["noticegen"]
    engine["pool"].stop()
    engine["pool"].pool = None
    anonymous = app.test_client()
    for number, token in enumerate(tokens):
        upload(anonymous, token, CITY.read_bytes() + f"\n第{number}版".encode(), CITY.name)
    pools = [CheckPool(engine["db"].session_factory, engine["blobs"], 8, False) for _ in range(2)]
    for pool in pools:
        pool.pool = _RecordingPool()
    threads = [threading.Thread(target=pool._dispatch) for pool in pools]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    given = pools[0].pool.given + pools[1].pool.given
    assert len(given) == len(tokens) == len(set(given))


def test_an_unreachable_database_is_a_clear_error(tmp_path):
    from click.testing import CliRunner
    from noticegen.cli import main
    result = CliRunner().invoke(main, [
        "users", "add", "张三", "--data", str(tmp_path), "--password", "long-enough-1",
        "--database", "postgresql://someone:secret@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "cannot open the database" in result.output and "secret" not in result.output


def _decided_by(app) -> set:
    from noticegen.web.db import Upload
    session = app.extensions["noticegen"]["db"].session_factory()
    try:
        [result] = [json.loads(u.result_json) for u in session.query(Upload).all()]
    finally:
        session.close()
    return {c["decided_by"] for c in result["clauses"]}


@pytest.mark.parametrize("with_rules", [True, False])
def test_a_campaign_loaded_with_its_cue_phrases_is_checked_by_them(app, with_rules):
    client = login(app.test_client())
    page = client.get("/").text
    form = {"csrf_token": token_of(page), "campaign": (EXAMPLE.open("rb"), "campaign.yaml")}
    if with_rules:
        form["rules"] = ((EXAMPLE.parent / "coverage.yaml").open("rb"), "coverage.yaml")
    assert client.post("/campaigns", data=form).status_code == 302
    tokens = re.findall(r"/u/([\w-]{20,})", client.get("/c/1/links").text)
    response = upload(app.test_client(), tokens[0], CITY.read_bytes(), "城区.txt")
    wait_checked(app.test_client(), response.location)
    expected = {"cues", "figures"} if with_rules else {"general", "figures"}
    assert _decided_by(app) == expected


def test_a_broken_cue_phrase_file_is_refused_with_its_problem(app):
    client = login(app.test_client())
    page = client.get("/").text
    response = client.post("/campaigns", data={
        "csrf_token": token_of(page), "campaign": (EXAMPLE.open("rb"), "campaign.yaml"),
        "rules": (io.BytesIO("clause: 不是列表\n".encode()), "coverage.yaml")})
    assert response.status_code == 422
    assert "not a coverage rule file: the top level is not a list" in response.text
    assert "/c/1/" not in client.get("/").text


def test_users_add_speaks_chinese(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from noticegen import i18n
    from noticegen.cli import main
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.select()
    runner = CliRunner()
    data = str(tmp_path / "d")
    short = runner.invoke(main, ["users", "add", "李四", "--data", data], input="short\nshort\n")
    assert short.exit_code == 2
    assert short.output.startswith("密码: \n")
    assert short.output.endswith("错误：密码太短（提示：请至少使用 10 个字符）\n")
    ok = runner.invoke(main, ["users", "add", "张三", "--data", data, "--password", "long-enough-1"])
    assert ok.output == "已新建账号 张三（viewer）\n"
    again = runner.invoke(main, ["users", "add", "张三", "--data", data, "--password", "long-enough-1"])
    assert again.output == "错误：用户“张三”已存在（提示：请另选一个名称）\n"
