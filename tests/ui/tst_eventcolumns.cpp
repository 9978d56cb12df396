// SPDX-License-Identifier: GPL-3.0-or-later
// JSON columns in the real window, offscreen: a tab on the embedded producer's LLM scenarios gets the columns its
// format calls for and shows the deltas in them; the header's menu adds, edits and removes columns, which are
// remembered for the endpoint; and the window keeps only the fixed columns in the layout it shares among tabs.
#include "eventspage.h"
#include "inspect/eventcolumns.h"
#include "inspect/jsoncolumndialog.h"
#include "llm/llmview.h"
#include "mainwindow.h"
#include "menuaction.h"
#include "models/eventlistmodel.h"
#include "producerpanel.h"
#include "streamtab.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// Opens a scenario of the window's producer in a new tab, as the producer panel's button does.
StreamTab *openScenario(MainWindow &window, const QString &scenario, const QString &query)
{
    if (!window.producerPanel()->selectScenario(scenario))
        return nullptr;
    window.producerPanel()->queryEdit()->setText(query);
    const QList<QPushButton *> buttons = window.producerPanel()->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text() == u"Open in New Tab"_s) {
            const int tabs = window.tabs()->count();
            button->click();
            return window.tabs()->count() == tabs + 1 ? window.currentTab() : nullptr;
        }
    }
    return nullptr;
}

// The headers of the table's columns in the order they are shown.
QStringList shownHeadings(const QTableView *table)
{
    const QHeaderView *header = table->horizontalHeader();
    QStringList headings;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            headings << table->model()->headerData(logical, Qt::Horizontal).toString();
    }
    return headings;
}

// What a column of the table shows for its events, top to bottom.
QStringList columnText(const QTableView *table, int column)
{
    const QAbstractItemModel *model = table->model();
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(EventListModel::KindRole).toInt() == int(StreamLog::Kind::Event))
            texts << model->index(row, column).data().toString();
    }
    return texts;
}

// A scenario's tab once its stream has ended and the columns its events call for are there.
StreamTab *openFinished(MainWindow &window, const QString &scenario, const QString &query, int jsonColumns)
{
    StreamTab *tab = openScenario(window, scenario, query);
    if (!tab)
        return nullptr;
    if (!QTest::qWaitFor([tab]() { return tab->state() == StreamState::Finished; }, 10000))
        return nullptr;
    if (!QTest::qWaitFor([tab, jsonColumns]() { return tab->model()->jsonColumns().size() == jsonColumns; }))
        return nullptr;
    return tab;
}

} // namespace

class TestEventColumns final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void openAiDeltasInTheirColumn();
    void anthropicPreset();
    void otherStreamsGetNone();
    void headerMenuAddsEditsAndRemoves();
    void rememberedPerEndpoint();
    void sharedLayoutKeepsFixedColumns();
};

void TestEventColumns::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEventColumns::init()
{
    QSettings().clear();
}

void TestEventColumns::cleanupTestCase()
{
    QSettings().clear();
}

void TestEventColumns::openAiDeltasInTheirColumn()
{
    MainWindow window;
    window.show();
    StreamTab *tab = openFinished(window, u"openai-chat"_s, u"rate=0&reply=Hello SSE world"_s, 2);
    QVERIFY(tab);
    const EventListModel *model = tab->model();
    QCOMPARE(model->jsonColumns().at(0).pointer, u"/choices/0/delta/content"_s);
    QCOMPARE(model->jsonColumns().at(1).pointer, u"/choices/0/finish_reason"_s);
    QVERIFY(tab->eventsPage()->columns()->preset().isDecided());
    // The table shows the delta text beside each event, and the finish reason; the data column stays last.
    const QTableView *table = tab->eventsPage()->table();
    QCOMPARE(shownHeadings(table),
             QStringList({u"#"_s, u"Time"_s, u"Delta"_s, u"Type"_s, u"Id"_s, u"Size"_s, u"Content"_s,
                          u"Finish reason"_s, u"Data"_s}));
    const int delta = EventListModel::ColumnCount;
    QCOMPARE(columnText(table, delta),
             QStringList({QString(), u"Hello"_s, u" SSE"_s, u" world"_s, QString(), QString()}));
    QCOMPARE(columnText(table, delta + 1),
             QStringList({u"null"_s, u"null"_s, u"null"_s, u"null"_s, u"stop"_s, QString()}));
    QCOMPARE(columnText(table, delta).join(QString()), tab->llmView()->assembler().text());
    QVERIFY(columnText(table, EventListModel::PreviewColumn).at(1).startsWith(u"{\"id\":\"chatcmpl-"_s));
    // SSESCOPE_SCREENSHOT_DIR=DIR saves what the tab looks like.
    if (const QString directory = qEnvironmentVariable("SSESCOPE_SCREENSHOT_DIR"); !directory.isEmpty())
        QVERIFY(window.grab().save(directory + u"/json-columns.png"_s));
}

void TestEventColumns::anthropicPreset()
{
    MainWindow window;
    StreamTab *tab = openFinished(window, u"anthropic-messages"_s, u"rate=0&reply=Hi there"_s, 2);
    QVERIFY(tab);
    const QTableView *table = tab->eventsPage()->table();
    const int type = EventListModel::ColumnCount;
    const QStringList types = columnText(table, type);
    QCOMPARE(types.first(), u"message_start"_s);
    QCOMPARE(types.last(), u"message_stop"_s);
    QCOMPARE(columnText(table, type + 1).join(QString()), u"Hi there"_s);
}

void TestEventColumns::otherStreamsGetNone()
{
    MainWindow window;
    StreamTab *tab = openFinished(window, u"ticker"_s, u"count=40&interval=1"_s, 0);
    QVERIFY(tab);
    QTRY_VERIFY(tab->eventsPage()->columns()->preset().isDecided());
    QCOMPARE(tab->eventsPage()->columns()->preset().format(), LlmFormat::Auto);
    QCOMPARE(tab->model()->columnCount(), EventListModel::ColumnCount);
}

void TestEventColumns::headerMenuAddsEditsAndRemoves()
{
    MainWindow window;
    window.show();
    StreamTab *tab = openFinished(window, u"openai-chat"_s, u"rate=0&reply=Hi"_s, 2);
    QVERIFY(tab);
    EventColumns *columns = tab->eventsPage()->columns();
    const QTableView *table = tab->eventsPage()->table();
    const int first = EventListModel::ColumnCount;

    // Add: the dialog checks the pointer as it is typed.
    std::unique_ptr<QMenu> menu(columns->createMenu(EventListModel::TypeColumn, nullptr));
    QVERIFY(!actionNamed(menu.get(), u"Remove JSON Column “Content”"_s)); // not on a fixed column
    QAction *add = actionNamed(menu.get(), u"Add JSON Column…"_s);
    QVERIFY(add);
    add->trigger();
    auto dialog = window.findChild<JsonColumnDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog->pointerEdit(), u"model~"_s);
    QVERIFY(!ok->isEnabled());
    QCOMPARE(dialog->problem(), u"\"~\" must be followed by 0 (for ~) or 1 (for /)."_s);
    QTest::keyClick(dialog->pointerEdit(), Qt::Key_Backspace);
    QVERIFY(ok->isEnabled());
    QTest::keyClicks(dialog->titleEdit(), u"Model"_s);
    ok->click();
    QCOMPARE(tab->model()->jsonColumns().size(), 3);
    QCOMPARE(tab->model()->jsonColumns().last(), JsonColumn({u"/model"_s, u"Model"_s}));
    QCOMPARE(columnText(table, first + 2).first(), u"ssescope-mock-1"_s);
    QCOMPARE(shownHeadings(table).mid(6), QStringList({u"Content"_s, u"Finish reason"_s, u"Model"_s, u"Data"_s}));

    // Edit: a JSON column's menu changes its pointer and title.
    menu.reset(columns->createMenu(first + 1, nullptr));
    QAction *edit = actionNamed(menu.get(), u"Edit JSON Column “Finish reason”…"_s);
    QVERIFY(edit);
    edit->trigger();
    QTRY_VERIFY((dialog = window.findChild<JsonColumnDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->pointerEdit()->text(), u"/choices/0/finish_reason"_s);
    dialog->pointerEdit()->setText(u"/object"_s);
    dialog->titleEdit()->setText(u"Object"_s);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(tab->model()->headerData(first + 1, Qt::Horizontal).toString(), u"Object"_s);
    QCOMPARE(columnText(table, first + 1).first(), u"chat.completion.chunk"_s);

    // Remove.
    menu.reset(columns->createMenu(first, nullptr));
    QAction *remove = actionNamed(menu.get(), u"Remove JSON Column “Content”"_s);
    QVERIFY(remove);
    remove->trigger();
    QCOMPARE(tab->model()->jsonColumns(), JsonColumns({{u"/object"_s, u"Object"_s}, {u"/model"_s, u"Model"_s}}));

    // The fixed columns are shown or hidden from the same menu; the data column always shows.
    menu.reset(columns->createMenu(first, nullptr));
    QAction *id = actionNamed(menu.get(), u"Id"_s);
    QVERIFY(id && id->isChecked());
    id->trigger();
    QVERIFY(table->isColumnHidden(EventListModel::IdColumn));
    QVERIFY(!actionNamed(menu.get(), u"Data"_s)->isEnabled());
}

void TestEventColumns::rememberedPerEndpoint()
{
    {
        MainWindow window;
        StreamTab *tab = openFinished(window, u"openai-chat"_s, u"rate=0&reply=Hi"_s, 2);
        QVERIFY(tab);
        EventColumns *columns = tab->eventsPage()->columns();
        columns->remove(1);
        QVERIFY(columns->add({u"/model"_s, u"Model"_s}));
        QVERIFY(columns->endpoint().endsWith(u"/v1/chat/completions"_s));
        // Only the endpoint and the columns: no query, no header.
        const QByteArray saved = QSettings().value(u"events/jsonColumns"_s).toByteArray();
        QVERIFY2(!saved.contains("reply") && !saved.contains("rate="), saved.constData());
    }
    MainWindow window;
    // The same endpoint gets the columns chosen for it, not the preset, whatever the query.
    StreamTab *again = openFinished(window, u"openai-chat"_s, u"rate=0&reply=Other"_s, 2);
    QVERIFY(again);
    QCOMPARE(again->model()->jsonColumns(),
             JsonColumns({{u"/choices/0/delta/content"_s, u"Content"_s}, {u"/model"_s, u"Model"_s}}));
    // Another endpoint has its own.
    StreamTab *other = openFinished(window, u"anthropic-messages"_s, u"rate=0"_s, 2);
    QVERIFY(other);
    QCOMPARE(other->model()->jsonColumns().at(0).pointer, u"/type"_s);
    // No columns at all is a choice too.
    other->eventsPage()->columns()->remove(1);
    other->eventsPage()->columns()->remove(0);
    StreamTab *none = openFinished(window, u"anthropic-messages"_s, u"rate=0"_s, 0);
    QVERIFY(none);
    QCOMPARE(none->model()->columnCount(), EventListModel::ColumnCount);
    QVERIFY(!none->eventsPage()->columns()->preset().isDecided()); // chosen columns need no preset
}

void TestEventColumns::sharedLayoutKeepsFixedColumns()
{
    MainWindow window;
    StreamTab *tab = openFinished(window, u"openai-chat"_s, u"rate=0&reply=Hi"_s, 2);
    QVERIFY(tab);
    QHeaderView *header = tab->eventsPage()->table()->horizontalHeader();
    // The window keeps the layout when a section is resized.
    header->hideSection(EventListModel::IdColumn);
    header->resizeSection(EventListModel::TypeColumn, 123);
    // The next tab takes the layout of the fixed columns, and has no JSON columns of the first tab's.
    StreamTab *next = window.addTab();
    const QHeaderView *nextHeader = next->eventsPage()->table()->horizontalHeader();
    QCOMPARE(nextHeader->count(), int(EventListModel::ColumnCount));
    QCOMPARE(nextHeader->sectionSize(EventListModel::TypeColumn), 123);
    QVERIFY(nextHeader->isSectionHidden(EventListModel::IdColumn));
    QVERIFY(!nextHeader->isSectionHidden(EventListModel::PreviewColumn));
    // Columns added to it come before its data column.
    QVERIFY(next->eventsPage()->columns()->add({u"/a"_s, {}}));
    QCOMPARE(nextHeader->count(), int(EventListModel::ColumnCount) + 1);
    QCOMPARE(nextHeader->visualIndex(EventListModel::ColumnCount) + 1,
             nextHeader->visualIndex(EventListModel::PreviewColumn));
}

QTEST_MAIN(TestEventColumns)
#include "tst_eventcolumns.moc"
