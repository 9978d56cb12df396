// SPDX-License-Identifier: GPL-3.0-or-later
// Diagnostics in the window, offscreen: an imported capture of the edge-case sample shows the seven diagnostics
// `ssescope parse --show diagnostics` reports, as rows of their own with their chunk, counted in Statistics and
// the totals, hidden and shown by their toggle and exported; a live tab on /unterminated, its recording opened
// and replayed, and a stream over a parser limit show theirs. SSESCOPE_SCREENSHOT_DIR=DIR saves the window.
#include "diagnostictext.h"
#include "eventspage.h"
#include "inspect/detailpane.h"
#include "inspect/filterbar.h"
#include "language.h"
#include "mainwindow.h"
#include "mockproducer.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"
#include "recording/replayplayer.h"
#include "replaybar.h"
#include "stats/statisticspane.h"
#include "streamtab.h"
#include "tabexporter.h"
#include "theme.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

// The kinds of a model's diagnostic rows, by name, in row order.
QStringList diagnosticRows(const QAbstractItemModel *model, QList<int> *rows = nullptr)
{
    QStringList found;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QVariant kind = model->index(row, 0).data(EventListModel::DiagnosticRole);
        if (model->index(row, 0).data(EventListModel::KindRole).toInt() != int(StreamLog::Kind::Diagnostic)
            || !kind.isValid())
            continue;
        found << SseDiagnostic::kindName(SseDiagnostic::Kind(kind.toInt()));
        if (rows)
            *rows << row;
    }
    return found;
}

// Row texts of the type column, chunks left out: "tick", "[finished]", a diagnostic's title.
QStringList typeColumn(const EventListModel *model)
{
    QStringList types;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(EventListModel::KindRole).toInt() != int(StreamLog::Kind::Chunk))
            types << model->index(row, EventListModel::TypeColumn).data().toString();
    }
    return types;
}

void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SSESCOPE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(window->grab().save(directory + u'/' + name + u".png"_s));
}

const QString Unterminated = DiagnosticText::title(SseDiagnostic::Kind::UnterminatedEventDiscarded);

} // namespace

class TestDiagnostics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importedCapture();
    void liveRecordedAndReplayed();
    void limitErrors();
    void chineseWords(); // last: it leaves the translation installed
};

void TestDiagnostics::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestDiagnostics::importedCapture()
{
    MainWindow window;
    window.resize(1400, 800);
    window.show();
    StreamTab *tab = window.openRecording(QStringLiteral(SSESCOPE_SAMPLES "/edge-cases.sse"));
    QVERIFY(tab);
    // A capture is converted to a recording first, then read into the tab.
    QTRY_VERIFY_WITH_TIMEOUT(!tab->recordingPath().isEmpty() && !tab->isLoading(), 30000);
    tab->model()->flush();
    EventsPage *page = tab->eventsPage();
    const QAbstractItemModel *shown = page->table()->model();

    // What `ssescope parse --show diagnostics` reports, in stream order, shown by default.
    QList<int> rows;
    QCOMPARE(diagnosticRows(shown, &rows),
             (QStringList{u"bom-removed"_s, u"unknown-field"_s, u"invalid-retry"_s, u"unknown-field"_s,
                          u"id-contains-null"_s, u"invalid-utf8"_s, u"unterminated-event"_s}));
    const QList<qint64> offsets{0, 144, 187, 199, 212, 220, 283};
    const StreamLog &log = tab->model()->log();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QModelIndex source = tab->eventsPage()->proxy()->mapToSource(shown->index(rows[i], 0));
        QCOMPARE(log.at(source.row()).streamOffset, offsets[i]);
    }
    // Their row: the kind in words with a warning icon, the sentence, a background of its own.
    const int field = rows[1];
    QCOMPARE(shown->index(field, EventListModel::TypeColumn).data().toString(), u"unknown field"_s);
    QVERIFY(!shown->index(field, EventListModel::TypeColumn).data(Qt::DecorationRole).isNull());
    QCOMPARE(shown->index(field, EventListModel::PreviewColumn).data().toString(),
             u"The unknown field \"Data\" was ignored (field names are case-sensitive)."_s);
    QCOMPARE(shown->index(field, EventListModel::SizeColumn).data().toString(), QString());
    QVERIFY(shown->index(field, EventListModel::PreviewColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(!shown->index(field - 1, EventListModel::PreviewColumn).data(Qt::BackgroundRole).isValid());

    // Counted in Statistics, the state line and the totals.
    tab->statisticsPane()->refresh();
    QCOMPARE(tab->statisticsPane()->figureText(StatisticsPane::Figure::Diagnostics), u"7"_s);
    QCOMPARE(tab->statisticsPane()->stats().diagnostics(SseDiagnostic::Kind::UnknownField), 2);
    QVERIFY2(tab->stateText().contains(u"7 diagnostic(s)"_s), qPrintable(tab->stateText()));
    QVERIFY2(window.totalsText().contains(u"7 diagnostic(s)"_s), qPrintable(window.totalsText()));

    // The details: what it is, where, and the chunk it was found in, its line marked.
    page->selectRow(field);
    DetailPane *detail = page->detailPane();
    QVERIFY2(detail->headerText().startsWith(u"Diagnostic #"_s), qPrintable(detail->headerText()));
    QVERIFY2(detail->headerText().contains(u"unknown field"_s), qPrintable(detail->headerText()));
    QVERIFY2(detail->headerText().contains(u"stream bytes 144–180"_s), qPrintable(detail->headerText()));
    QCOMPARE(detail->textEdit()->toPlainText(), shown->index(field, EventListModel::PreviewColumn).data().toString());
    QCOMPARE(detail->chunkCount(), 1);
    QVERIFY2(detail->chunksText().contains(u"Data: field names are case-sensitive"_s),
             qPrintable(detail->chunksText()));
    QVERIFY(!detail->isJsonAvailable());
    QCOMPARE(detail->copyText(DetailPane::CopyFormat::Data), detail->textEdit()->toPlainText());
    const QString line = detail->copyText(DetailPane::CopyFormat::Ndjson);
    QVERIFY2(line.contains(u"\"kind\":\"diagnostic\",\"code\":\"unknown-field\",\"message\":\"unknown field "
                           u"\\\"Data\\\" ignored\""_s),
             qPrintable(line));
    QVERIFY2(line.endsWith(u"\"offset\":144,\"end_offset\":180}"_s), qPrintable(line));
    saveScreenshot(&window, u"diagnostics"_s);
    // Their background is the base tinted, light in a light theme and dark in a dark one, so text stays legible.
    for (const QString &theme : {u"light"_s, u"dark"_s}) {
        Theme::apply(theme);
        const QColor base = QGuiApplication::palette().color(QPalette::Base);
        const QColor tint = shown->index(field, EventListModel::PreviewColumn).data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(tint != base);
        QCOMPARE(tint.lightness() < 128, base.lightness() < 128);
        QVERIFY(qAbs(tint.lightness() - QGuiApplication::palette().color(QPalette::Text).lightness()) > 100);
    }
    saveScreenshot(&window, u"diagnostics-dark"_s);
    Theme::apply(QString());

    // Shown or hidden like comments.
    QToolButton *toggle = page->filterBar()->kindToggle(StreamLog::Kind::Diagnostic);
    QVERIFY(toggle && toggle->isChecked());
    toggle->click();
    QCOMPARE(diagnosticRows(shown).size(), 0);
    toggle->click();
    QCOMPARE(diagnosticRows(shown).size(), 7);

    // Exported with the rest.
    QTemporaryDir directory;
    const QString ndjson = directory.filePath(u"edge.ndjson"_s);
    QString error;
    TabExporter exporter;
    exporter.exportTo(tab, SessionExport::Format::Ndjson, ndjson, nullptr);
    QVERIFY(QTest::qWaitFor([&exporter]() { return exporter.isFinished(); }, 30000));
    error = exporter.errorText();
    QVERIFY2(exporter.succeeded(), qPrintable(error));
    QFile file(ndjson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count("{\"kind\":\"diagnostic\","), 7);

    // Replayed, the capture shows them again: the end of the replay ends its stream, and its last event.
    tab->replayBar()->setSpeed(0);
    QVERIFY(tab->replayRecording(tab->recordingPath()));
    QTRY_COMPARE_WITH_TIMEOUT(tab->replayPlayer()->state(), ReplayPlayer::State::Finished, 10000);
    tab->model()->flush();
    QCOMPARE(diagnosticRows(tab->model()).size(), 7);
    QCOMPARE(diagnosticRows(tab->model()).constLast(), u"unterminated-event"_s);
}

void TestDiagnostics::liveRecordedAndReplayed()
{
    QTemporaryDir directory;
    const QString recording = directory.filePath(u"unterminated.sserec"_s);
    MainWindow window;
    window.show();
    StreamTab *live = window.addTab();
    QVERIFY(live->startRecording(recording));
    StreamRequest request;
    request.url = window.producer()->url(u"/unterminated?count=2"_s);
    request.reconnect.enabled = false;
    live->open(request);
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), StreamState::Finished, 10000);
    QTRY_VERIFY(!live->isRecording());
    live->model()->flush();
    // The last event had no blank line: the end of the stream reports it, before the state it ends in.
    const QStringList types = typeColumn(live->model());
    QCOMPARE(types.count(Unterminated), 1);
    QCOMPARE(types.mid(types.size() - 2), (QStringList{Unterminated, u"[finished]"_s}));
    QCOMPARE(diagnosticRows(live->model()).size(), 1);
    live->statisticsPane()->refresh();
    QCOMPARE(live->statisticsPane()->figureText(StatisticsPane::Figure::Diagnostics), u"1"_s);
    QVERIFY2(live->totalsText().contains(u"1 diagnostic(s)"_s), qPrintable(live->totalsText()));
    QList<int> rows;
    diagnosticRows(live->eventsPage()->table()->model(), &rows);
    QCOMPARE(rows.size(), 1);
    live->eventsPage()->selectRow(rows.first());
    QVERIFY(live->eventsPage()->detailPane()->chunkCount() >= 1);

    // The recording of it shows the same rows, opened or replayed.
    StreamTab *opened = window.openRecording(recording);
    QVERIFY(opened);
    QTRY_VERIFY_WITH_TIMEOUT(!opened->isLoading(), 30000);
    opened->model()->flush();
    QCOMPARE(typeColumn(opened->model()), types);
    QVERIFY2(opened->stateText().contains(u"1 diagnostic(s)"_s), qPrintable(opened->stateText()));
    opened->replayBar()->setSpeed(0);
    QVERIFY(opened->replayRecording(recording));
    QTRY_COMPARE_WITH_TIMEOUT(opened->replayPlayer()->state(), ReplayPlayer::State::Finished, 10000);
    opened->model()->flush();
    QCOMPARE(typeColumn(opened->model()), types);
}

void TestDiagnostics::limitErrors()
{
    // A limit the stream goes over is a row too, whatever the policy does next.
    MainWindow window;
    StreamTab *tab = window.addTab();
    StreamRequest request;
    request.url = window.producer()->url(u"/ticker?count=3&interval=5"_s);
    request.reconnect.enabled = false;
    request.limits.maxLineLength = 4; // "id: 1" is five bytes
    tab->open(request);
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Failed, 10000);
    tab->model()->flush();
    QCOMPARE(diagnosticRows(tab->model()), QStringList{u"line-too-long"_s});
    const QStringList types = typeColumn(tab->model());
    QCOMPARE(types.mid(types.size() - 2), (QStringList{u"line too long"_s, u"[failed]"_s}));
    int row = -1;
    for (int i = 0; i < tab->model()->rowCount(); ++i) {
        if (tab->model()->index(i, 0).data(EventListModel::DiagnosticRole).isValid())
            row = i;
    }
    QCOMPARE(tab->model()->index(row, EventListModel::PreviewColumn).data().toString(),
             u"A line is longer than the line limit of 4 bytes."_s);
}

void TestDiagnostics::chineseWords()
{
    QCOMPARE(Language::install(qApp, u"zh_CN"_s), u"zh_CN"_s);
    QCOMPARE(DiagnosticText::title(SseDiagnostic::Kind::UnknownField), u"未知字段"_s);
    QCOMPARE(DiagnosticText::message(SseDiagnostic{SseDiagnostic::Kind::UnknownField, 0, "foo"}),
             u"未知字段“foo”已被忽略（字段名区分大小写）。"_s);
    QCOMPARE(DiagnosticText::count(7), u"7 条诊断"_s);
    QCOMPARE(DiagnosticText::rowsName(), u"诊断"_s);
}

QTEST_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
