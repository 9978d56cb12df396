// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspect/filterbar.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"

#include <QAbstractItemModelTester>
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

QAction *actionNamed(QMenu *menu, const QString &text)
{
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

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
        if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QToolButton *>(widget)) {
            ++controls;
            QVERIFY2(!widget->toolTip().isEmpty(), widget->metaObject()->className());
        }
    }
    QCOMPARE(controls, 10);
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
