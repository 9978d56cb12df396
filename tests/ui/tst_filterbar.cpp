// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspect/filterbar.h"
#include "menuaction.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTest>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

void addEvent(EventListModel &model, const QByteArray &data, const QByteArray &type = "message")
{
    SseEvent e;
    e.type = type;
    e.data = data;
    model.appendEvent(e, 1, 0, 0);
}

} // namespace

Q_DECLARE_METATYPE(JsonFieldMatcher::Mode)

class TestFilterBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingFiltersAfterAPause();
    void regexErrorIsShown();
    void kindToggles();
    void typesMenu();
    void typesAreBounded();
    void jsonFields();
    void jsonModes();
    void jsonHint_data();
    void jsonHint();
    void everyControlExplainsItself();
    void focusSearch();
};

void TestFilterBar::typingFiltersAfterAPause()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FilterBar bar(&proxy, &model);
    QCOMPARE(bar.searchEdit()->placeholderText(), u"Filter data…"_s);
    QVERIFY(bar.searchEdit()->isClearButtonEnabled());
    addEvent(model, "alpha");
    addEvent(model, "beta");
    addEvent(model, "alphabet");
    model.flush();
    QTRY_COMPARE(bar.countLabel()->text(), u"Showing 3 of 3"_s);
    QTest::keyClicks(bar.searchEdit(), u"alp"_s);
    // Nothing is filtered while typing goes on.
    QCOMPARE(proxy.textFilter(), QString());
    QTRY_COMPARE(proxy.textFilter(), u"alp"_s);
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(bar.countLabel()->text(), u"Showing 2 of 3"_s);
    bar.caseToggle()->click();
    QVERIFY(proxy.isCaseSensitive());
    bar.searchEdit()->setText(u"ALP"_s);
    bar.applyNow();
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(bar.countLabel()->text(), u"Showing 0 of 3"_s);
    bar.searchEdit()->clear();
    QTRY_COMPARE(proxy.rowCount(), 3);
    addEvent(model, "gamma");
    model.flush();
    QTRY_COMPARE(bar.countLabel()->text(), u"Showing 4 of 4"_s);
}

void TestFilterBar::regexErrorIsShown()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    addEvent(model, "a1");
    addEvent(model, "b22");
    model.flush();
    QVERIFY(!bar.errorLabel()->isVisibleTo(&bar));
    bar.searchEdit()->setText(u"(\\d"_s);
    bar.regexToggle()->click();
    QVERIFY(proxy.isRegularExpression());
    QCOMPARE(proxy.textFilter(), u"(\\d"_s); // the toggle applies at once
    QCOMPARE(proxy.rowCount(), 0);
    QVERIFY(bar.errorLabel()->isVisibleTo(&bar));
    QCOMPARE(bar.errorLabel()->text(), proxy.filterError());
    QVERIFY(bar.errorLabel()->text().startsWith(u"Regular expression: "_s));
    bar.searchEdit()->setText(u"(\\d{2})"_s);
    bar.applyNow();
    QVERIFY(!bar.errorLabel()->isVisibleTo(&bar));
    QCOMPARE(proxy.rowCount(), 1);
}

void TestFilterBar::kindToggles()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    QVERIFY(!bar.kindToggle(StreamLog::Kind::Event));
    QVERIFY(bar.kindToggle(StreamLog::Kind::Comment)->isChecked());
    QVERIFY(bar.kindToggle(StreamLog::Kind::State)->isChecked());
    QVERIFY(!bar.kindToggle(StreamLog::Kind::Chunk)->isChecked());
    StreamChunk chunk;
    chunk.bytes = "data: x\n\n";
    model.appendChunk(chunk);
    addEvent(model, "x");
    model.appendComment("c", 1, 0, 0);
    model.flush();
    QCOMPARE(proxy.rowCount(), 2);
    bar.kindToggle(StreamLog::Kind::Chunk)->click();
    QVERIFY(proxy.isKindVisible(StreamLog::Kind::Chunk));
    QCOMPARE(proxy.rowCount(), 3);
    bar.kindToggle(StreamLog::Kind::Comment)->click();
    QCOMPARE(proxy.rowCount(), 2);
    QTRY_COMPARE(bar.countLabel()->text(), u"Showing 2 of 3"_s);
}

void TestFilterBar::typesMenu()
{
    EventListModel model;
    addEvent(model, "before the bar", "early");
    model.flush();
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    addEvent(model, "1", "update");
    addEvent(model, "2", "message");
    addEvent(model, "3", "update");
    model.appendComment("not a type", 1, 0, 0);
    model.flush();
    QCOMPARE(bar.knownTypes(), QList<QByteArray>({"early", "update", "message"}));
    Q_EMIT bar.typesMenu()->aboutToShow();
    QAction *update = actionNamed(bar.typesMenu(), u"update"_s);
    QVERIFY(update);
    QVERIFY(update->isCheckable());
    QVERIFY(update->isChecked());
    update->trigger();
    QCOMPARE(proxy.hiddenTypes(), QSet<QByteArray>({"update"}));
    QCOMPARE(proxy.rowCount(), 3);
    QCOMPARE(bar.typesButton()->text(), u"Types (1 hidden)"_s);
    // The menu is filled again each time it opens, in alphabetical order.
    addEvent(model, "4", "another");
    model.flush();
    Q_EMIT bar.typesMenu()->aboutToShow();
    QStringList checkable;
    const QList<QAction *> actions = bar.typesMenu()->actions();
    for (QAction *action : actions) {
        if (action->isCheckable())
            checkable.append(action->text() + (action->isChecked() ? u"+"_s : u"-"_s));
    }
    QCOMPARE(checkable, QStringList({u"another+"_s, u"early+"_s, u"message+"_s, u"update-"_s}));
    actionNamed(bar.typesMenu(), u"Hide all types"_s)->trigger();
    QCOMPARE(proxy.rowCount(), 1); // the comment
    actionNamed(bar.typesMenu(), u"Show all types"_s)->trigger();
    QCOMPARE(proxy.hiddenTypes(), QSet<QByteArray>());
    QCOMPARE(proxy.rowCount(), 6);
    QCOMPARE(bar.typesButton()->text(), u"Types"_s);
}

void TestFilterBar::typesAreBounded()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    for (int i = 0; i < 250; ++i)
        addEvent(model, "x", "type" + QByteArray::number(i));
    model.flush();
    QCOMPARE(bar.knownTypes().size(), FilterBar::MaxTypes);
    QCOMPARE(bar.knownTypes().last(), QByteArray("type199"));
    Q_EMIT bar.typesMenu()->aboutToShow();
    QVERIFY(actionNamed(bar.typesMenu(), u"Only the first 200 types are listed"_s));
}

void TestFilterBar::jsonFields()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    QCOMPARE(bar.pointerEdit()->placeholderText(), u"/choices/0/delta/content"_s);
    addEvent(model, R"({"a":{"b":1}})");
    addEvent(model, R"({"a":{"b":2}})");
    addEvent(model, "plain");
    model.flush();
    QTest::keyClicks(bar.pointerEdit(), u"/a/b"_s);
    QTRY_COMPARE(proxy.jsonPointer(), u"/a/b"_s);
    QCOMPARE(proxy.rowCount(), 2);
    QTest::keyClicks(bar.valueEdit(), u"2"_s);
    QTRY_COMPARE(proxy.jsonValue(), u"2"_s);
    QCOMPARE(proxy.rowCount(), 1);
    bar.setJsonFilter(u"/a~x"_s, QString());
    QCOMPARE(bar.pointerEdit()->text(), u"/a~x"_s);
    QCOMPARE(bar.valueEdit()->text(), QString());
    QVERIFY(bar.errorLabel()->isVisibleTo(&bar));
    QVERIFY(bar.errorLabel()->text().startsWith(u"JSON pointer: "_s));
    bar.setJsonFilter(QString(), QString());
    QCOMPARE(proxy.rowCount(), 3);
    QVERIFY(!bar.errorLabel()->isVisibleTo(&bar));
}

void TestFilterBar::jsonModes()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    addEvent(model, R"({"t":" Events"})");
    addEvent(model, R"({"t":"events"})");
    addEvent(model, R"({"t":null})");
    model.flush();
    QComboBox *modes = bar.jsonModeBox();
    QCOMPARE(modes->count(), 4);
    // Typed text is looked for in the value, in any case, unless asked otherwise.
    QCOMPARE(JsonFieldMatcher::Mode(modes->currentData().toInt()), JsonFieldMatcher::Mode::Contains);
    bar.pointerEdit()->setText(u"/t"_s);
    bar.valueEdit()->setText(u"Events"_s);
    bar.applyNow();
    QCOMPARE(proxy.jsonMode(), JsonFieldMatcher::Mode::Contains);
    QCOMPARE(proxy.rowCount(), 2);
    bar.jsonCaseToggle()->click();
    QVERIFY(proxy.isJsonCaseSensitive());
    QCOMPARE(proxy.rowCount(), 1);
    modes->setCurrentIndex(modes->findData(int(JsonFieldMatcher::Mode::Equals)));
    QCOMPARE(proxy.jsonMode(), JsonFieldMatcher::Mode::Equals);
    QCOMPARE(proxy.rowCount(), 0);
    modes->setCurrentIndex(modes->findData(int(JsonFieldMatcher::Mode::Regex)));
    bar.valueEdit()->setText(u"^\\s*events$"_s);
    bar.applyNow();
    QCOMPARE(proxy.rowCount(), 1);
    // Any value: nothing to type, nothing to compare.
    modes->setCurrentIndex(modes->findData(int(JsonFieldMatcher::Mode::Exists)));
    QCOMPARE(proxy.rowCount(), 3);
    QCOMPARE(proxy.jsonValue(), QString());
    QVERIFY(!bar.valueEdit()->isEnabled());
    QVERIFY(!bar.jsonCaseToggle()->isEnabled());
    // The detail pane asks for a value exactly.
    bar.setJsonFilter(u"/t"_s, u"events"_s, JsonFieldMatcher::Mode::Equals);
    QCOMPARE(JsonFieldMatcher::Mode(modes->currentData().toInt()), JsonFieldMatcher::Mode::Equals);
    QVERIFY(bar.valueEdit()->isEnabled());
    QCOMPARE(proxy.rowCount(), 1);
}

void TestFilterBar::jsonHint_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<JsonFieldMatcher::Mode>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QByteArray>("matching"); // an event the filter shows

    using Mode = JsonFieldMatcher::Mode;
    QTest::newRow("matches: nothing to say")
        << u"/t"_s << Mode::Equals << u" Events"_s << true << QString() << QByteArray(R"({"t":" Events"})");
    QTest::newRow("surrounding spaces")
        << u"/t"_s << Mode::Equals << u"Events"_s << true
        << u"No exact match; 2 row(s) contain \"Events\" with surrounding spaces (such as \" Events\")."_s
        << QByteArray(R"({"t":"Events"})");
    QTest::newRow("case") << u"/t"_s << Mode::Contains << u"EVENTS"_s << true
                          << u"No match in this case; 3 row(s) match when case is ignored (such as \" Events\"): turn "
                             "Aa off."_s
                          << QByteArray(R"({"t":"EVENTS"})");
    QTest::newRow("part of the value")
        << u"/t"_s << Mode::Equals << u"Even"_s << true
        << u"No exact match; 2 row(s) contain \"Even\" (such as \" Events\"): choose \"contains\"."_s
        << QByteArray(R"({"t":"Even"})");
    QTest::newRow("number written as a string")
        << u"/n"_s << Mode::Equals << u"3"_s << true
        << u"No exact match; /n is a string in 1 row(s) that reads as the number 3 (such as \"3.0\"), and a string is "
           "compared as text."_s
        << QByteArray(R"({"n":3})");
    QTest::newRow("a string compared as a number")
        << u"/t"_s << Mode::Equals << u"5"_s << true
        << u"/t holds string values in 3 row(s); none matches \"5\" (compared as text)."_s
        << QByteArray(R"({"t":"5"})");
    QTest::newRow("a number compared as a number")
        << u"/k"_s << Mode::Equals << u"5"_s << true
        << u"/k holds number values in 1 row(s); none matches \"5\" (compared as a number)."_s
        << QByteArray(R"({"k":5.0})");
    QTest::newRow("pointer nowhere") << u"/x"_s << Mode::Exists << QString() << true
                                     << u"/x is in none of the 4 JSON event(s)."_s << QByteArray(R"({"x":null})");
}

void TestFilterBar::jsonHint()
{
    QFETCH(QString, pointer);
    QFETCH(JsonFieldMatcher::Mode, mode);
    QFETCH(QString, value);
    QFETCH(bool, caseSensitive);
    QFETCH(QString, hint);
    QFETCH(QByteArray, matching);

    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    addEvent(model, R"({"t":" Events"})");
    addEvent(model, R"({"t":"Events "})");
    addEvent(model, R"({"t":"events","k":4})");
    addEvent(model, R"({"n":"3.0"})");
    addEvent(model, "not JSON");
    model.flush();
    bar.pointerEdit()->setText(pointer);
    bar.jsonModeBox()->setCurrentIndex(bar.jsonModeBox()->findData(int(mode)));
    bar.valueEdit()->setText(value);
    bar.jsonCaseToggle()->setChecked(caseSensitive);
    bar.applyNow();
    QCOMPARE(bar.hintLabel()->text(), hint);
    QCOMPARE(bar.hintLabel()->isVisibleTo(&bar), !hint.isEmpty());
    QVERIFY(!bar.errorLabel()->isVisibleTo(&bar));
    // A row that matches makes the hint go.
    addEvent(model, matching);
    model.flush();
    QTRY_COMPARE(proxy.rowCount(), hint.isEmpty() ? 2 : 1);
    QTRY_VERIFY(!bar.hintLabel()->isVisibleTo(&bar));
}

void TestFilterBar::everyControlExplainsItself()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    const QList<QWidget *> widgets = bar.findChildren<QWidget *>();
    int controls = 0;
    for (QWidget *widget : widgets) {
        // A line edit's own clear button is Qt's, not ours.
        if (qobject_cast<QLineEdit *>(widget->parentWidget()))
            continue;
        if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QToolButton *>(widget)
            || qobject_cast<QComboBox *>(widget)) {
            ++controls;
            QVERIFY2(!widget->toolTip().isEmpty(), widget->metaObject()->className());
        }
    }
    QCOMPARE(controls, 12);
}

void TestFilterBar::focusSearch()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    FilterBar bar(&proxy, &model);
    bar.show();
    QVERIFY(QTest::qWaitForWindowActive(&bar));
    bar.pointerEdit()->setFocus();
    bar.searchEdit()->setText(u"old"_s);
    bar.focusSearch();
    QTRY_VERIFY(bar.searchEdit()->hasFocus());
    QCOMPARE(bar.searchEdit()->selectedText(), u"old"_s);
}

QTEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
