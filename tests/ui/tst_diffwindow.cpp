// SPDX-License-Identifier: GPL-3.0-or-later
// Compare Recordings, offscreen: recordings written to a temporary directory are compared side by side; the
// rows and cells that differ are marked, the summary counts them, F8 and Shift+F8 walk them, the filter hides
// equal rows, timing is compared within a tolerance, events pair by id, ids and fields of JSON data are left
// out (and remembered) and an unreadable file is named in the window.
// SSESCOPE_SCREENSHOT_DIR=DIR saves what the window looks like.
#include "diff/diffmodel.h"
#include "diff/diffoptionsbar.h"
#include "diff/diffwindow.h"
#include "export/sessionexport.h"
#include "recording/sessionwriter.h"
#include "theme.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Event
{
    QByteArray type;
    QByteArray id;
    QByteArray data;
};

QByteArray eventBytes(const Event &event)
{
    QByteArray out;
    if (event.type != "message")
        out += "event: " + event.type + '\n';
    if (!event.id.isEmpty())
        out += "id: " + event.id + '\n';
    for (const QByteArray &line : event.data.split('\n'))
        out += "data: " + line + '\n';
    return out + '\n';
}

QList<Event> numbered(int count)
{
    QList<Event> events;
    for (int i = 1; i <= count; ++i)
        events << Event{"message", QByteArray::number(i), "{\"n\":" + QByteArray::number(i) + '}'};
    return events;
}

void writeRecording(const QString &path, const QList<Event> &events)
{
    QByteArray body;
    for (const Event &event : events)
        body += eventBytes(event);
    QString error;
    QVERIFY2(SessionExport::writeRecording(SessionExport::fromRaw(body), path, &error), qPrintable(error));
}

// One chunk per event, each at the given time in ms since the recording started.
void writeTimedRecording(const QString &path, const QList<Event> &events, const QList<qint64> &timesMs)
{
    SessionWriter writer;
    QVERIFY2(writer.open(path, 0), qPrintable(writer.errorString()));
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.headers = {{"Content-Type", "text/event-stream"}};
    QVERIFY(writer.writeResponse(response));
    qint64 offset = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        StreamChunk chunk;
        chunk.bytes = eventBytes(events.at(i));
        chunk.offset = offset;
        chunk.attempt = 1;
        chunk.monotonicNs = timesMs.at(i) * 1000000;
        chunk.wallMs = 1700000000000 + timesMs.at(i);
        offset += chunk.bytes.size();
        QVERIFY2(writer.writeChunk(chunk), qPrintable(writer.errorString()));
    }
    writer.close();
}

// Chunks of one LLM reply as a run of an OpenAI-compatible API streams them: the run's id and time in each.
QList<Event> llmReply(const QByteArray &run, qint64 created)
{
    QList<Event> events;
    const QList<QByteArray> tokens{"Hello", " there", "!"};
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        events << Event{"message", run + '-' + QByteArray::number(i + 1),
                        R"({"id":"chatcmpl-)" + run + R"(","object":"chat.completion.chunk","created":)"
                            + QByteArray::number(created) + R"(,"choices":[{"index":0,"delta":{"content":")"
                            + tokens.at(i) + R"("}}]})"};
    }
    return events;
}

QList<int> differingRows(const QAbstractItemModel *model)
{
    QList<int> rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(DiffModel::RowDiffersRole).toBool())
            rows << row;
    }
    return rows;
}

QList<int> differingColumns(const QAbstractItemModel *model, int row)
{
    QList<int> columns;
    for (int column = 0; column < model->columnCount(); ++column) {
        const QModelIndex index = model->index(row, column);
        if (index.data(DiffModel::CellDiffersRole).toBool()) {
            columns << column;
            // A marked cell has a background; an unmarked one has none.
            if (!index.data(Qt::BackgroundRole).canConvert<QColor>())
                return {-1};
        } else if (index.data(Qt::BackgroundRole).isValid()) {
            return {-2};
        }
    }
    return columns;
}

QList<int> proxyToSourceRows(const QSortFilterProxyModel *proxy)
{
    QList<int> rows;
    for (int row = 0; row < proxy->rowCount(); ++row)
        rows << proxy->mapToSource(proxy->index(row, 0)).row();
    return rows;
}

// The lines the detail marks, one a line.
QString markedText(const QPlainTextEdit *edit)
{
    QStringList lines;
    for (const QTextEdit::ExtraSelection &selection : edit->extraSelections()) {
        if (!selection.format.boolProperty(QTextFormat::FullWidthSelection) || selection.cursor.hasSelection())
            return u"a mark is not a whole line"_s;
        lines << selection.cursor.block().text();
    }
    return lines.join(u'\n');
}

bool screenshots()
{
    return !qEnvironmentVariableIsEmpty("SSESCOPE_SCREENSHOT_DIR");
}

void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SSESCOPE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(window->grab().save(directory + u'/' + name + u".png"_s));
}

} // namespace

Q_DECLARE_METATYPE(Event)

class TestDiffWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void equalRecordingsSayEqual();
    void changedFieldsAreMarked_data();
    void changedFieldsAreMarked();
    void extraEventsAreOnlyInB();
    void swapComparesTheOtherWay();
    void nextAndPreviousWalkTheDifferences();
    void onlyDifferencesHidesEqualRows();
    void timingWithinATolerance();
    void eventsPairById();
    void ignoredFieldsAndIds();
    void ignoredOptionsAreRemembered();
    void unreadableFileIsNamed_data();
    void unreadableFileIsNamed();
    void longDataOpensAtTheDifference();
    void cutOffRecordingIsComparedWithANote();
    void largeRecordings();
    void screenshot();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDiffWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_diffwindow"_s);
}

void TestDiffWindow::init()
{
    // What a window before left out is remembered: each test starts with nothing left out.
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDiffWindow::equalRecordingsSayEqual()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(window.proxyModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(window.windowTitle(), u"Compare Recordings"_s);
    QVERIFY(window.windowFlags() & Qt::Window);
    QCOMPARE(window.summaryText(), u"Choose two recordings to compare."_s);
    writeRecording(path(u"a.sserec"_s), numbered(120));
    writeRecording(path(u"b.sserec"_s), numbered(120));

    QString error = u"stale"_s;
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s), &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(window.summaryText(), u"Equal: 120 events in each"_s);
    QVERIFY(window.errorText().isEmpty());
    QCOMPARE(window.model()->rowCount(), 120);
    QCOMPARE(window.model()->columnCount(), int(DiffModel::ColumnCount));
    QCOMPARE(differingRows(window.model()), QList<int>());
    for (int row : {0, 59, 119})
        QCOMPARE(differingColumns(window.model(), row), QList<int>());
    QCOMPARE(window.model()->index(41, DiffModel::NumberColumn).data().toInt(), 42);
    QCOMPARE(window.model()->index(41, DiffModel::DataAColumn).data().toString(), u"{\"n\":42}"_s);
    QCOMPARE(window.model()->index(41, DiffModel::IdBColumn).data().toString(), u"42"_s);
    QCOMPARE(window.model()->index(41, DiffModel::DataBColumn).data(DiffModel::RawValueRole).toByteArray(),
             QByteArray("{\"n\":42}"));
    QVERIFY(!window.model()->index(41, 0).data(Qt::ToolTipRole).isValid());
    // Equal recordings open on the first pair; there is no difference to go to.
    QCOMPARE(window.currentRow(), 0);
    QVERIFY(!window.findChild<QPushButton *>(u"nextDifference"_s)->isEnabled());
    window.nextDifference();
    QCOMPARE(window.currentRow(), 0);
    QCOMPARE(window.detailA()->toPlainText(), window.detailB()->toPlainText());
    QVERIFY(window.detailA()->toPlainText().startsWith(u"type: message\nid: 1\n"_s));
    QVERIFY(window.detailA()->extraSelections().isEmpty());
    QVERIFY(window.tableView()->isColumnHidden(DiffModel::DeltaColumn));

    // A column the user widened keeps its width when the files are compared again; data columns share the rest.
    QHeaderView *header = window.tableView()->horizontalHeader();
    header->resizeSection(DiffModel::TypeAColumn, 211);
    QVERIFY(window.compareFiles(path(u"b.sserec"_s), path(u"a.sserec"_s)));
    QCOMPARE(header->sectionSize(DiffModel::TypeAColumn), 211);
    QCOMPARE(header->sectionResizeMode(DiffModel::DataAColumn), QHeaderView::Stretch);
    QCOMPARE(header->sectionResizeMode(DiffModel::DataBColumn), QHeaderView::Stretch);
    QVERIFY(window.tableView()->isColumnHidden(DiffModel::DeltaColumn));
}

void TestDiffWindow::changedFieldsAreMarked_data()
{
    QTest::addColumn<Event>("changed");
    QTest::addColumn<QList<int>>("columns");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("tooltip");
    QTest::addColumn<QString>("markedA");
    QTest::addColumn<QString>("markedB");

    QTest::newRow("data") << Event{"message", "2", "{\"n\":20}"}
                          << QList<int>{DiffModel::DataAColumn, DiffModel::DataBColumn}
                          << u"1 difference: 1 in data (A has 3 events, B has 3 events)"_s
                          << u"Event 2: data differs\nA: {\"n\":2}\nB: {\"n\":20}"_s << u"data:\n  \"n\": 2"_s
                          << u"data:\n  \"n\": 20"_s;
    QTest::newRow("type") << Event{"update", "2", "{\"n\":2}"}
                          << QList<int>{DiffModel::TypeAColumn, DiffModel::TypeBColumn}
                          << u"1 difference: 1 in type (A has 3 events, B has 3 events)"_s
                          << u"Event 2: type differs\nA: message\nB: update"_s << u"type: message"_s
                          << u"type: update"_s;
    QTest::newRow("id") << Event{"message", "two", "{\"n\":2}"}
                        << QList<int>{DiffModel::IdAColumn, DiffModel::IdBColumn}
                        << u"1 difference: 1 in id (A has 3 events, B has 3 events)"_s
                        << u"Event 2: id differs\nA: 2\nB: two"_s << u"id: 2"_s << u"id: two"_s;
    QTest::newRow("type and data")
        << Event{"update", "2", "line 1\nline 2"}
        << QList<int>{DiffModel::TypeAColumn, DiffModel::DataAColumn, DiffModel::TypeBColumn, DiffModel::DataBColumn}
        << u"2 differences: 1 in type, 1 in data (A has 3 events, B has 3 events)"_s
        << u"Event 2: type differs\nA: message\nB: update\nEvent 2: data differs\nA: {\"n\":2}\nB: line 1\\nline 2"_s
        << u"type: message\ndata:\n{\n  \"n\": 2\n}"_s << u"type: update\ndata:\nline 1\nline 2"_s;
}

void TestDiffWindow::changedFieldsAreMarked()
{
    QFETCH(Event, changed);
    QFETCH(QList<int>, columns);
    QFETCH(QString, summary);
    QFETCH(QString, tooltip);
    QFETCH(QString, markedA);
    QFETCH(QString, markedB);

    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<Event> b = numbered(3);
    b[1] = changed;
    writeRecording(path(u"a.sserec"_s), numbered(3));
    writeRecording(path(u"b.sserec"_s), b);
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));

    QCOMPARE(window.summaryText(), summary);
    QCOMPARE(differingRows(window.model()), QList<int>{1});
    QCOMPARE(differingColumns(window.model(), 0), QList<int>());
    QCOMPARE(differingColumns(window.model(), 1), columns);
    QCOMPARE(differingColumns(window.model(), 2), QList<int>());
    QCOMPARE(window.model()->index(1, DiffModel::DataBColumn).data(Qt::ToolTipRole).toString(), tooltip);
    // The window opens on the difference, and the detail marks the field that differs on both sides.
    QCOMPARE(window.currentRow(), 1);
    QCOMPARE(markedText(window.detailA()), markedA);
    QCOMPARE(markedText(window.detailB()), markedB);
    QCOMPARE(window.model()->index(1, DiffModel::DataBColumn).data().toString(),
             QString::fromUtf8(changed.data).replace(u'\n', u'⏎'));
}

void TestDiffWindow::extraEventsAreOnlyInB()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    writeRecording(path(u"a.sserec"_s), numbered(2));
    writeRecording(path(u"b.sserec"_s), numbered(4));
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));

    QCOMPARE(window.summaryText(), u"2 differences: 2 only in B (A has 2 events, B has 4 events)"_s);
    QCOMPARE(window.model()->rowCount(), 4);
    QCOMPARE(differingRows(window.model()), (QList<int>{2, 3}));
    const QList<int> bSide{DiffModel::TypeBColumn, DiffModel::IdBColumn, DiffModel::DataBColumn};
    QCOMPARE(differingColumns(window.model(), 2), bSide);
    QCOMPARE(differingColumns(window.model(), 3), bSide);
    QVERIFY(!window.model()->index(3, DiffModel::DataAColumn).data().isValid());
    QCOMPARE(window.model()->index(3, DiffModel::DataBColumn).data().toString(), u"{\"n\":4}"_s);
    QCOMPARE(window.model()->index(3, 0).data(Qt::ToolTipRole).toString(), u"Event 4 is only in B: A has 2 events"_s);
    QCOMPARE(window.model()->index(3, 0).data(DiffModel::KindsRole).toInt(),
             1 << int(SessionDiff::Difference::Kind::OnlyInB));
    QCOMPARE(window.model()->index(3, DiffModel::DataBColumn).data(Qt::BackgroundRole).value<QColor>(),
             DiffModel::markColor(DiffModel::Mark::OnlyInB));

    // The detail of an event only in B has nothing on A's side and says why.
    QCOMPARE(window.currentRow(), 2);
    QVERIFY(window.detailA()->toPlainText().isEmpty());
    QCOMPARE(window.detailA()->placeholderText(), u"A has no event 3: it ends after 2 events."_s);
    QVERIFY(window.detailB()->toPlainText().contains(u"id: 3"_s));
    QCOMPARE(markedText(window.detailB()), window.detailB()->toPlainText());
}

void TestDiffWindow::swapComparesTheOtherWay()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    writeRecording(path(u"a.sserec"_s), numbered(2));
    writeRecording(path(u"b.sserec"_s), numbered(3));
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.summaryText(), u"1 difference: 1 only in B (A has 2 events, B has 3 events)"_s);

    window.swap();
    QCOMPARE(window.fileA(), path(u"b.sserec"_s));
    QCOMPARE(window.fileB(), path(u"a.sserec"_s));
    QCOMPARE(window.summaryText(), u"1 difference: 1 only in A (A has 3 events, B has 2 events)"_s);
    QCOMPARE(differingColumns(window.model(), 2),
             (QList<int>{DiffModel::TypeAColumn, DiffModel::IdAColumn, DiffModel::DataAColumn}));
    QCOMPARE(window.currentRow(), 2);
    QVERIFY(window.detailB()->toPlainText().isEmpty());
}

void TestDiffWindow::nextAndPreviousWalkTheDifferences()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<Event> b = numbered(10);
    for (int row : {2, 5, 8})
        b[row].data = "changed";
    writeRecording(path(u"a.sserec"_s), numbered(10));
    writeRecording(path(u"b.sserec"_s), b);
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.model()->comparison().differingRowCount(), 3);

    const auto previous = window.findChild<QPushButton *>(u"previousDifference"_s);
    const auto next = window.findChild<QPushButton *>(u"nextDifference"_s);
    const auto position = window.findChild<QLabel *>(u"differencePosition"_s);
    QVERIFY(previous && next && position);
    const auto positionText = [position]() {
        return position->text();
    };

    QCOMPARE(window.currentRow(), 2);
    QCOMPARE(positionText(), u"Differing row 1 of 3"_s);
    QVERIFY(!previous->isEnabled());
    next->click();
    QCOMPARE(window.currentRow(), 5);
    QCOMPARE(positionText(), u"Differing row 2 of 3"_s);
    window.nextDifference();
    QCOMPARE(window.currentRow(), 8);
    QVERIFY(!next->isEnabled());
    QVERIFY(previous->isEnabled());
    window.nextDifference(); // past the last difference: stays
    QCOMPARE(window.currentRow(), 8);
    previous->click();
    QCOMPARE(window.currentRow(), 5);

    // From an equal row, the next and previous differences are the ones around it.
    QVERIFY(window.selectRow(3));
    QCOMPARE(positionText(), u"3 rows differ"_s);
    window.previousDifference();
    QCOMPARE(window.currentRow(), 2);
    QVERIFY(window.selectRow(9));
    window.previousDifference();
    QCOMPARE(window.currentRow(), 8);

    // F8 and Shift+F8 do the same from the keyboard.
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.tableView()->setFocus();
    QVERIFY(window.selectRow(0));
    QTest::keyClick(window.tableView(), Qt::Key_F8);
    QCOMPARE(window.currentRow(), 2);
    QTest::keyClick(window.tableView(), Qt::Key_F8);
    QCOMPARE(window.currentRow(), 5);
    QTest::keyClick(window.tableView(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(window.currentRow(), 2);
    // The row selected is the row shown in the detail.
    QVERIFY(window.detailB()->toPlainText().endsWith(u"data:\nchanged"_s));
    QCOMPARE(window.tableView()->selectionModel()->selectedRows().size(), 1);
}

void TestDiffWindow::onlyDifferencesHidesEqualRows()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(window.proxyModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<Event> b = numbered(9);
    for (int row : {2, 5})
        b[row].type = "other";
    b << Event{"message", "10", "extra"};
    writeRecording(path(u"a.sserec"_s), numbered(9));
    writeRecording(path(u"b.sserec"_s), b);
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.proxyModel()->rowCount(), 10);

    QVERIFY(window.selectRow(3));
    const auto toggle = window.findChild<QCheckBox *>(u"onlyDifferences"_s);
    QVERIFY(toggle);
    toggle->click();
    QVERIFY(window.onlyDifferences());
    QCOMPARE(proxyToSourceRows(window.proxyModel()), (QList<int>{2, 5, 9}));
    // The hidden row's place is taken by the next difference.
    QCOMPARE(window.currentRow(), 5);
    QVERIFY(!window.selectRow(4));
    window.nextDifference();
    QCOMPARE(window.currentRow(), 9);

    window.setOnlyDifferences(false);
    QVERIFY(!toggle->isChecked());
    QCOMPARE(window.proxyModel()->rowCount(), 10);
    QCOMPARE(window.currentRow(), 9);
}

void TestDiffWindow::timingWithinATolerance()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(window.proxyModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    // Times count from each recording's first event: B starts later, and its events 2 and 3 come later still.
    writeTimedRecording(path(u"a.sserec"_s), numbered(3), {10, 110, 210});
    writeTimedRecording(path(u"b.sserec"_s), numbered(3), {500, 603, 760});
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.summaryText(), u"Equal: 3 events in each"_s);
    QVERIFY(window.tableView()->isColumnHidden(DiffModel::DeltaColumn));

    window.setCompareTiming(true);
    QVERIFY(!window.tableView()->isColumnHidden(DiffModel::DeltaColumn));
    QCOMPARE(window.summaryText(), u"2 differences: 2 in timing (A has 3 events, B has 3 events)"_s);
    QCOMPARE(differingRows(window.model()), (QList<int>{1, 2}));
    QCOMPARE(differingColumns(window.model(), 1), QList<int>{DiffModel::DeltaColumn});
    QCOMPARE(window.model()->index(0, DiffModel::DeltaColumn).data().toString(), u"+0.000"_s);
    QCOMPARE(window.model()->index(1, DiffModel::DeltaColumn).data().toString(), u"+3.000"_s);
    QCOMPARE(window.model()->index(2, DiffModel::DeltaColumn).data().toString(), u"+60.000"_s);
    QCOMPARE(window.model()->index(2, DiffModel::DeltaColumn).data(DiffModel::RawValueRole).toLongLong(),
             qint64(60000000));
    QCOMPARE(window.model()->index(1, 0).data(Qt::ToolTipRole).toString(),
             u"Event 2: timing differs by 3.000 ms (tolerance 0 ms)\nA: +100.000 ms\nB: +103.000 ms"_s);
    QCOMPARE(window.currentRow(), 0);
    window.nextDifference();
    QCOMPARE(markedText(window.detailB()), u"time: +103.000 ms since the first event"_s);

    window.setToleranceMs(5);
    QCOMPARE(window.summaryText(), u"1 difference: 1 in timing (A has 3 events, B has 3 events)"_s);
    QCOMPARE(differingRows(window.model()), QList<int>{2});
    // The selected row has no difference now: its detail has nothing marked.
    QCOMPARE(window.currentRow(), 1);
    QVERIFY(window.detailB()->extraSelections().isEmpty());

    window.setToleranceMs(60);
    QCOMPARE(window.summaryText(), u"Equal: 3 events in each, timing within 60 ms"_s);
    QCOMPARE(differingRows(window.model()), QList<int>());

    window.setCompareTiming(false);
    QVERIFY(window.tableView()->isColumnHidden(DiffModel::DeltaColumn));
    QCOMPARE(window.summaryText(), u"Equal: 3 events in each"_s);
}

void TestDiffWindow::eventsPairById()
{
    // B lacks A's third event: paired by id, only that row differs, and the rows after it pair 4 with 3 and so on.
    QList<Event> b = numbered(6);
    b.removeAt(2);
    writeRecording(path(u"a.sserec"_s), numbered(6));
    writeRecording(path(u"b.sserec"_s), b);
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(window.proxyModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.summaryText(), u"1 difference: 1 only in A (A has 6 events, B has 5 events)"_s);
    QCOMPARE(window.model()->rowCount(), 6);
    QCOMPARE(differingRows(window.model()), QList<int>{2});
    QCOMPARE(differingColumns(window.model(), 2),
             (QList<int>{DiffModel::TypeAColumn, DiffModel::IdAColumn, DiffModel::DataAColumn}));
    QCOMPARE(window.model()->index(1, DiffModel::NumberColumn).data().toInt(), 2);
    QCOMPARE(window.model()->index(3, DiffModel::NumberColumn).data().toString(), u"4 / 3"_s);
    QCOMPARE(window.model()->index(3, DiffModel::IdBColumn).data().toString(), u"4"_s);
    QCOMPARE(window.model()->index(2, 0).data(Qt::ToolTipRole).toString(),
             u"Event 3 is only in A: B has no event that pairs with it by id"_s);
    QVERIFY(window.model()->headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().contains(u"SSE ids"_s));
    QCOMPARE(window.currentRow(), 2);
    QVERIFY(window.detailB()->toPlainText().isEmpty());
    QCOMPARE(window.detailB()->placeholderText(), u"B has no event that pairs with this one by id."_s);
    QVERIFY(window.selectRow(4));
    QVERIFY(window.detailB()->toPlainText().contains(u"id: 5"_s));
    if (screenshots()) {
        window.optionsBar()->setIgnoredFields(u"/created /choices/0/delta/role"_s);
        window.show();
        QTest::qWait(50); // lay the window out before the screenshot
        saveScreenshot(&window, u"diff-by-id"_s);
    }

    // Ids ignored, events pair by position: every event after the gap differs from the one beside it.
    window.optionsBar()->setIgnoreIds(true);
    QCOMPARE(window.summaryText(), u"4 differences: 3 in data, 1 only in A (A has 6 events, B has 5 events)"_s);
    QCOMPARE(differingRows(window.model()), (QList<int>{2, 3, 4, 5}));
    QCOMPARE(window.model()->index(5, 0).data(Qt::ToolTipRole).toString(), u"Event 6 is only in A: B has 5 events"_s);
    // The pair selected before holds A's event 5: that event is selected still.
    QCOMPARE(window.currentRow(), 4);
    QVERIFY(window.detailA()->toPlainText().contains(u"id: 5"_s));
    QVERIFY(window.detailB()->toPlainText().contains(u"id: 6"_s));
}

void TestDiffWindow::ignoredFieldsAndIds()
{
    // Two runs of one LLM reply: the same but for the SSE ids and each chunk's id and time.
    writeRecording(path(u"a.sserec"_s), llmReply("run1", 1700000001));
    writeRecording(path(u"b.sserec"_s), llmReply("run2", 1700000042));
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.summaryText(), u"6 differences: 3 in data, 3 in id (A has 3 events, B has 3 events)"_s);

    // Fields typed into "Ignore fields" apply on Enter.
    const auto fields = window.findChild<QLineEdit *>(u"ignoredFields"_s);
    QVERIFY(fields);
    fields->setFocus();
    QTest::keyClicks(fields, u"/id /created"_s);
    QCOMPARE(window.summaryText(), u"6 differences: 3 in data, 3 in id (A has 3 events, B has 3 events)"_s);
    QTest::keyClick(fields, Qt::Key_Return);
    QCOMPARE(window.summaryText(), u"3 differences: 3 in id (A has 3 events, B has 3 events)"_s);
    QCOMPARE(differingColumns(window.model(), 0), (QList<int>{DiffModel::IdAColumn, DiffModel::IdBColumn}));
    // The detail marks no data line: what differs in the data is left out.
    QCOMPARE(markedText(window.detailB()), u"id: run2-1"_s);

    const auto ids = window.findChild<QCheckBox *>(u"ignoreIds"_s);
    QVERIFY(ids);
    ids->click();
    QCOMPARE(window.summaryText(), u"Equal: 3 events in each"_s);
    QCOMPARE(differingRows(window.model()), QList<int>());
    QVERIFY(window.detailB()->extraSelections().isEmpty());

    // A field that is not a JSON pointer is named beside the field; the others still apply.
    const auto error = window.findChild<QLabel *>(u"ignoredFieldsError"_s);
    QVERIFY(error);
    QVERIFY(error->isHidden());
    fields->clear();
    QTest::keyClicks(fields, u"/id created"_s);
    QTest::keyClick(fields, Qt::Key_Return);
    QVERIFY(!error->isHidden());
    QCOMPARE(error->text(), u"Not a JSON pointer: created (a pointer starts with /, such as /id)"_s);
    QCOMPARE(window.optionsBar()->fieldsError(), error->text());
    QCOMPARE(window.summaryText(), u"3 differences: 3 in data (A has 3 events, B has 3 events)"_s);
    QCOMPARE(window.optionsBar()->options().ignoredFields.size(), 1);

    window.optionsBar()->setIgnoredFields(QString());
    QVERIFY(error->isHidden());
    QCOMPARE(window.summaryText(), u"3 differences: 3 in data (A has 3 events, B has 3 events)"_s);
}

void TestDiffWindow::ignoredOptionsAreRemembered()
{
    writeRecording(path(u"a.sserec"_s), llmReply("run1", 1700000001));
    writeRecording(path(u"b.sserec"_s), llmReply("run2", 1700000042));
    {
        DiffWindow window;
        window.optionsBar()->setIgnoredFields(u"/id  /created"_s);
        window.optionsBar()->setIgnoreIds(true);
        window.setCompareTiming(true); // not remembered
    }
    QCOMPARE(QSettings().value(u"diff/ignoredFields"_s).toString(), u"/id  /created"_s);
    QCOMPARE(QSettings().value(u"diff/ignoreIds"_s).toBool(), true);

    // The next window leaves out the same, and compares with it from the start.
    DiffWindow window;
    QCOMPARE(window.findChild<QLineEdit *>(u"ignoredFields"_s)->text(), u"/id  /created"_s);
    QVERIFY(window.findChild<QCheckBox *>(u"ignoreIds"_s)->isChecked());
    QVERIFY(!window.comparesTiming());
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.summaryText(), u"Equal: 3 events in each"_s);

    window.optionsBar()->setIgnoreIds(false);
    window.optionsBar()->setIgnoredFields(QString());
    QCOMPARE(QSettings().value(u"diff/ignoredFields"_s).toString(), QString());
    QCOMPARE(QSettings().value(u"diff/ignoreIds"_s).toBool(), false);
}

void TestDiffWindow::unreadableFileIsNamed_data()
{
    QTest::addColumn<QByteArray>("contents"); // "": the file does not exist; "<recording>": a good first line
    QTest::addColumn<QString>("expected"); // %1: the file's path

    QTest::newRow("missing") << QByteArray() << u"Recording B: Cannot open %1: No such file or directory"_s;
    QTest::newRow("not a recording") << QByteArray(
        "hello\n") << u"Recording B (%1): not an SSE Scope recording (line 1 is not a session header)"_s;
    QTest::newRow("empty") << QByteArray("\n")
                           << u"Recording B (%1): not an SSE Scope recording (line 1 is not a session header)"_s;
    QTest::newRow("corrupt record") << QByteArray("<recording>{\"t\":\"chunk\",")
                                    << u"Recording B (%1): line 2 (byte "_s;
}

void TestDiffWindow::unreadableFileIsNamed()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);

    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.show();
    writeRecording(path(u"a.sserec"_s), numbered(3));
    const QString bad = path(u"bad.sserec"_s);
    if (contents.startsWith("<recording>")) {
        QFile good(path(u"a.sserec"_s));
        QVERIFY(good.open(QIODevice::ReadOnly));
        contents.replace("<recording>", good.readLine());
    }
    if (!contents.isEmpty()) {
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(contents + '\n'), contents.size() + 1);
    }
    // A comparison shown before goes away: what is shown never belongs to other files.
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"a.sserec"_s)));
    QCOMPARE(window.model()->rowCount(), 3);

    QString error;
    QVERIFY(!window.compareFiles(path(u"a.sserec"_s), bad, &error));
    QVERIFY2(error.startsWith(expected.arg(bad)), qPrintable(error));
    if (expected.endsWith(u"(byte "_s))
        QVERIFY2(error.contains(u"not JSON"_s), qPrintable(error));
    else
        QCOMPARE(error, expected.arg(bad));
    QCOMPARE(window.errorText(), error);
    if (qstrcmp(QTest::currentDataTag(), "not a recording") == 0) {
        QCoreApplication::processEvents();
        saveScreenshot(&window, u"diff-error"_s);
    }
    QCOMPARE(window.model()->rowCount(), 0);
    QVERIFY(window.summaryText().isEmpty());
    QVERIFY(window.detailA()->toPlainText().isEmpty());
    QVERIFY(window.detailB()->toPlainText().isEmpty());
    const auto message = window.findChild<QLabel *>(u"message"_s);
    QVERIFY(message);
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), error);

    // Once both can be read, the error goes.
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"a.sserec"_s)));
    QVERIFY(window.errorText().isEmpty());
    QVERIFY(!message->isVisible());
    QCOMPARE(window.summaryText(), u"Equal: 3 events in each"_s);

    // A field left empty is named too.
    QVERIFY(!window.compareFiles(path(u"a.sserec"_s), QString(), &error));
    QCOMPARE(error, u"Choose recording B to compare."_s);
    QVERIFY(message->isVisible());
}

void TestDiffWindow::longDataOpensAtTheDifference()
{
    QByteArray items;
    for (int i = 0; i < 200; ++i)
        items += (i > 0 ? "," : "") + QByteArray::number(i * 1000);
    // An array of 200 numbers is indented one number a line; the 151st differs.
    const QByteArray dataA = "{\"items\":[" + items + "]}";
    QByteArray dataB = dataA;
    dataB.replace(",150000,", ",150001,");
    writeRecording(path(u"a.sserec"_s), {Event{"message", "1", dataA}});
    writeRecording(path(u"b.sserec"_s), {Event{"message", "1", dataB}});

    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(markedText(window.detailA()), u"data:\n    150000,"_s);
    QCOMPARE(markedText(window.detailB()), u"data:\n    150001,"_s);
    for (QPlainTextEdit *edit : {window.detailA(), window.detailB()}) {
        const QTextBlock changed
            = edit->document()->findBlockByNumber(edit->extraSelections().last().cursor.blockNumber());
        const QRect shown = edit->cursorRect(QTextCursor(changed));
        QVERIFY2(shown.top() >= 0 && shown.bottom() < edit->viewport()->height(), "the changed line is in view");
    }
    QVERIFY(window.detailA()->verticalScrollBar()->value() > 0);
    QCOMPARE(window.detailB()->verticalScrollBar()->value(), window.detailA()->verticalScrollBar()->value());
}

void TestDiffWindow::cutOffRecordingIsComparedWithANote()
{
    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.show();
    writeRecording(path(u"a.sserec"_s), numbered(2));
    writeRecording(path(u"b.sserec"_s), numbered(2));
    {
        // A crash while recording leaves the last line unfinished.
        QFile file(path(u"b.sserec"_s));
        QVERIFY(file.open(QIODevice::Append));
        QVERIFY(file.write("{\"t\":\"chunk\",\"ns\":5") > 0);
    }
    QString error;
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s), &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(window.summaryText(), u"Equal: 2 events in each"_s);
    QVERIFY2(window.warningText().startsWith(u"Recording B: the last record (line "_s),
             qPrintable(window.warningText()));
    const auto message = window.findChild<QLabel *>(u"message"_s);
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), window.warningText());

    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"a.sserec"_s)));
    QVERIFY(window.warningText().isEmpty());
    QVERIFY(!message->isVisible());
}

void TestDiffWindow::largeRecordings()
{
    constexpr int Count = 100000;
    QList<Event> a = numbered(Count);
    QList<Event> b = a;
    b[Count - 2].data = "late change";
    writeRecording(path(u"a.sserec"_s), a);
    writeRecording(path(u"b.sserec"_s), b);

    DiffWindow window;
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.model()->rowCount(), Count);
    QCOMPARE(window.summaryText(), u"1 difference: 1 in data (A has 100000 events, B has 100000 events)"_s);
    QCOMPARE(window.currentRow(), Count - 2);
    window.setOnlyDifferences(true);
    QCOMPARE(window.proxyModel()->rowCount(), 1);
    QCOMPARE(window.currentRow(), Count - 2);
}

void TestDiffWindow::screenshot()
{
    QList<Event> a;
    QList<Event> b;
    for (int i = 1; i <= 30; ++i) {
        const QByteArray n = QByteArray::number(i);
        const Event event{
            "delta", n, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token " + n + "\"}}],\"model\":\"demo\"}"};
        a << event;
        b << event;
    }
    b[3].data.replace("token 4", "token four");
    b[7].type = "message";
    b[11].id = "12b";
    b << Event{"done", "31", "[DONE]"};
    QList<qint64> timesA;
    QList<qint64> timesB;
    for (int i = 0; i < 31; ++i) {
        timesA << i * 40;
        timesB << i * 40 + (i == 15 ? 25 : 0);
    }
    writeTimedRecording(path(u"a.sserec"_s), a, timesA.first(30));
    writeTimedRecording(path(u"b.sserec"_s), b, timesB);

    DiffWindow window;
    QAbstractItemModelTester tester(window.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    window.setCompareTiming(true);
    window.setToleranceMs(10);
    QVERIFY(window.compareFiles(path(u"a.sserec"_s), path(u"b.sserec"_s)));
    QCOMPARE(window.summaryText(),
             u"5 differences: 1 in type, 1 in data, 1 in id, 1 in timing, 1 only in B "
             "(A has 30 events, B has 31 events)"_s);
    QCOMPARE(differingRows(window.model()), (QList<int>{3, 7, 11, 15, 30}));
    // Data that differs late in a long value is shown from just before the difference, on both sides.
    QCOMPARE(window.model()->index(3, DiffModel::DataAColumn).data().toString(),
             u"…ent\":\"token 4\"}}],\"model\":\"demo\"}"_s);
    QCOMPARE(window.model()->index(3, DiffModel::DataBColumn).data().toString(),
             u"…ent\":\"token four\"}}],\"model\":\"demo\"}"_s);
    QVERIFY(window.model()->index(2, DiffModel::DataBColumn).data().toString().startsWith(u"{\"choices\""_s));
    window.show();
    if (screenshots())
        QTest::qWait(50); // lay the window out before the screenshot
    QCoreApplication::processEvents();
    saveScreenshot(&window, u"diff"_s);

    // The same window in the dark theme: the marks stay readable.
    Theme::apply(u"dark"_s);
    window.nextDifference();
    if (screenshots())
        QTest::qWait(50);
    QCoreApplication::processEvents();
    saveScreenshot(&window, u"diff-dark"_s);
    Theme::apply(QString());
    QCOMPARE(window.currentRow(), 7);

    // Only the differences, on the event that only B has.
    window.setOnlyDifferences(true);
    QVERIFY(window.selectRow(30));
    QCOMPARE(window.proxyModel()->rowCount(), 5);
    QCoreApplication::processEvents();
    saveScreenshot(&window, u"diff-only"_s);
}

QTEST_MAIN(TestDiffWindow)
#include "tst_diffwindow.moc"
