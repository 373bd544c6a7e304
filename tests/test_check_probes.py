"""Single sentences, worded afresh for these tests, and the verdict each must get.

They probe paraphrase, negation, plans and words in the wrong context, clause by clause,
so that a change to the cue phrases that breaks a general case shows up here.
"""
from __future__ import annotations

import pytest

from noticegen.campaign import load_valid_campaign
from noticegen.check.runner import Checker

from conftest import EXAMPLE

PROBES = [
    # (clause, sentence, expected status)
    ("1.1.1", "今年我们叫响了“电力彩虹”志愿服务品牌，在城区设立服务站8个。", "covered"),
    ("1.1.1", "新采购的配电变压器全部选用知名品牌产品。", "missing"),
    ("1.1.2", "委托第三方入户走访客户1,500户，客户满意率达到97.1%。", "covered"),
    ("1.1.2", "对辖区新建小区开展了用电负荷调研。", "missing"),
    ("1.2.1", "主任亲自挂帅，班子成员分片包干，层层签订行风建设责任书。", "covered"),
    ("1.2.2", "营业厅新增自助缴费终端2台，增设老年人休息区。", "covered"),
    ("1.2.3", "聘请了20名义务行风监督员，每季度召开一次座谈会。", "covered"),
    ("1.2.3", "安监部门全年开展现场安全监督检查46次。", "missing"),
    ("1.3.1", "客户受电工程由客户自行委托有资质的施工企业承建，我们从不推荐施工单位。", "covered"),
    ("1.3.1", "变电站扩建工程的施工队伍由局里公开招标确定。", "missing"),
    ("1.3.2", "组织全体员工学习《供电服务规范》，并进行了闭卷考试。", "covered"),
    ("1.4.2", "高压客户报装平均时长压缩到18个工作日。", "covered"),
    ("1.4.3", "抢修班长王××的先进事迹被市电视台专题报道。", "covered"),
    ("1.4.3", "停电信息提前在市电视台和报纸上公告。", "missing"),
    ("2.1.1", "以“八荣八耻”为主题开展了演讲比赛。", "covered"),
    ("2.1.1", "社会主义荣辱观教育在我站还没有开展起来。", "negated"),
    ("2.1.2", "举办了青工技术比武，评出岗位能手6名。", "covered"),
    ("2.2.1", "把职业道德纳入新员工入职培训的必修内容。", "covered"),
    ("2.2.2", "全年续签供用电合同1,200份。", "covered"),
    ("3.1.1", "对残疾客户，营业员主动上门办理业务。", "covered"),
    ("3.1.1", "工会走访慰问了行动不便的离退休职工。", "missing"),
    ("3.1.2", "员工统一穿着工装上岗，佩戴服务胸卡。", "covered"),
    ("3.1.2", "职工代表队统一着装参加了运动会入场式。", "missing"),
    ("3.2.1", "95598座席做到铃响不超过三声接听，使用规范用语。", "covered"),
    ("3.2.1", "抢修人员接到95598工单后立即赶赴现场。", "missing"),
    ("3.3.1", "装表人员进户前主动亮明身份，换表后请客户核对电能表读数并签字。", "covered"),
    ("3.3.1", "严格执行停送电操作票制度。", "missing"),
    ("3.4.1", "投诉受理后24小时内联系客户，5个工作日内答复处理结果。", "covered"),
    ("3.4.1", "客户投诉处理机制还不够健全，受理、回复程序有待完善。", "negated"),
    ("3.4.1", "配合公安机关破获盗窃电力设施案件3起，群众举报线索2条。", "missing"),
    ("3.4.1", "下一步，我们将建立投诉受理、登记和回访制度。", "missing"),
]


@pytest.fixture(scope="module")
def checker():
    return Checker(load_valid_campaign(EXAMPLE), all_clauses=True)


@pytest.mark.parametrize("clause,sentence,expected", PROBES, ids=[f"{p[0]}-{p[2]}-{i}" for i, p in enumerate(PROBES)])
def test_probe(checker, tmp_path, clause, sentence, expected):
    path = tmp_path / "summary.txt"
    path.write_text(f"××电业局某单位自查自评总结\n\n{sentence}\n", encoding="utf-8")
    verdicts = {c.id: c.status for c in checker.check_file(path).clauses}
    assert verdicts[clause] == expected
