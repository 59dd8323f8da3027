"""Key Questions: answers with live figures that equal the engine's values."""

from workbench.core.commands import SetGrowth
from workbench.core.derived import cagr
from workbench.core.project import Growth
from workbench.gui.qualitative.questions import KeyQuestionsPage


def make_page(qtbot, bridge) -> KeyQuestionsPage:
    page = KeyQuestionsPage(bridge)
    qtbot.addWidget(page)
    return page


def engine_cagr(document, scenario_id, series_id, a, b) -> float:
    result = document.result(scenario_id)
    return (result.value(series_id, b) / result.value(series_id, a)) ** (1 / (b - a)) - 1


def test_question_list_passes_the_model_tester(qtbot, qtmodeltester, bridge):
    qtmodeltester.check(make_page(qtbot, bridge).questions.model)


def test_insert_figure_puts_a_placeholder_and_renders_the_engine_value(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.questions.select("q3")
    page.answer.setPlainText("The total grows ")
    page.answer.moveCursor(page.answer.textCursor().MoveOperation.End)
    page.insight_list.setCurrentItem(page.insight_item("cagr:total"))
    page.insert_selected()
    assert project.entity("key_questions", "q3").answer == "The total grows {{cagr:total}}"
    expected = engine_cagr(bridge.document, "base", "total", 2025, 2031)
    assert f"{expected * 100:.1f} %" in page.rendered.toPlainText()
    assert page.insight_list.currentItem().text(1) == f"{expected * 100:.1f} %"


def test_figures_follow_the_model_and_the_scenario(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.show()
    page.questions.select("q3")
    page.answer.setPlainText("Total {{cagr:total}}; bad {{nope:x}}")
    page.answer.commit()
    assert "[unknown figure: nope:x]" in page.rendered.toPlainText()
    assert bridge.execute(SetGrowth("base", "total", Growth("cagr", 0.125)))
    qtbot.waitUntil(lambda: "Total 12.5 %" in page.rendered.toPlainText())
    page.scenario.setCurrentIndex(page.scenario.findData("optimistic"))
    expected = engine_cagr(bridge.document, "optimistic", "total", 2025, 2031)
    assert f"Total {expected * 100:.1f} %" in page.rendered.toPlainText()
    bridge.undo()
    page.scenario.setCurrentIndex(page.scenario.findData("base"))
    expected = engine_cagr(bridge.document, "base", "total", 2025, 2031)
    qtbot.waitUntil(lambda: f"Total {expected * 100:.1f} %" in page.rendered.toPlainText())


def test_a_hidden_page_recomputes_its_figures_only_when_shown(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.questions.select("q3")
    page.answer.setPlainText("Total {{cagr:total}}")
    page.answer.commit()
    before = page.rendered.toPlainText()
    assert bridge.execute(SetGrowth("base", "total", Growth("cagr", 0.125)))
    qtbot.wait(200)
    assert page.rendered.toPlainText() == before
    page.show()
    assert "Total 12.5 %" in page.rendered.toPlainText()


def test_insight_list_equals_engine_values(qtbot, bridge):
    page = make_page(qtbot, bridge)
    fastest = page.insight_item("fastest:region").text(0)
    result = bridge.document.result("base")
    rates = {m: cagr(dict(zip(result.years, result.series_values(m), strict=True)), 2025, 2031)
             for m in ("north-america", "europe", "asia-pacific", "rest-of-world")}
    best = max(rates, key=rates.get)
    assert fastest.startswith(bridge.document.project.member(best).name)
    assert f"{rates[best] * 100:.1f} %" in fastest


def test_add_edit_question_and_undo(qtbot, bridge, project):
    page = make_page(qtbot, bridge)
    page.questions.add()
    added = project.key_questions[-1]
    assert added.question == "New question?"
    page.question.setText("Who buys micro dramas?")
    page.question.editingFinished.emit()
    assert project.entity("key_questions", added.id).question == "Who buys micro dramas?"
    bridge.undo()
    bridge.undo()
    assert len(project.key_questions) == 11
