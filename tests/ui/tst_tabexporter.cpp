// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting what a tab shows, offscreen: a recording's file is converted on a worker thread while the window
// goes on, with a progress dialog; cancelled midway, from the dialog, or by closing what runs it, it leaves no
// file behind (a temporary spool included); a live tab without a session and an unwritable path are said.
#include "busyprogress.h"
#include "export/sessionexport.h"
#include "exportjob.h"
#include "longrecording.h"
#include "streamtab.h"
#include "tabexporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace {

// Holds the exporter's worker at its first progress report, a few MiB into the file: reported is released
// there, and the worker goes on once go is released.
void holdFirstReport(TabExporter *exporter, QSemaphore &reported, QSemaphore &go)
{
    QObject::connect(
        exporter, &TabExporter::progressed, exporter,
        [&reported, &go]() {
            if (reported.available() == 0 && go.available() == 0) {
                reported.release();
                go.acquire();
            }
        },
        Qt::DirectConnection);
}

} // namespace

class TestTabExporter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void exportsARecordingWhole();
    void cancelledMidwayLeavesNothing_data();
    void cancelledMidwayLeavesNothing();
    void progressDialogCancels();
    void goingAwayStopsTheExport();
    void errorsAreSaid();

private:
    // The files in the output directory.
    QStringList outputs() const { return QDir(m_out->path()).entryList(QDir::Files | QDir::Hidden); }

    QTemporaryDir m_dir;
    std::unique_ptr<QTemporaryDir> m_out;
    QString m_long;
};

void TestTabExporter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_long = m_dir.filePath(u"long.sserec"_s);
    QVERIFY(writeLongRecording(m_long));
}

void TestTabExporter::init()
{
    m_out = std::make_unique<QTemporaryDir>();
    QVERIFY(m_out->isValid());
}

void TestTabExporter::exportsARecordingWhole()
{
    const QString path = m_dir.filePath(u"short.sserec"_s);
    QString error;
    QVERIFY2(
        SessionExport::writeRecording(SessionExport::fromRaw("id: 1\ndata: a\n\nid: 2\ndata: b\n\n"), path, &error),
        qPrintable(error));
    StreamTab tab;
    QVERIFY(tab.openRecording(path));
    const QString out = m_out->filePath(u"short.ndjson"_s);
    TabExporter exporter;
    QSignalSpy finished(&exporter, &TabExporter::finished);
    exporter.exportTo(&tab, SessionExport::Format::Ndjson, out, nullptr);
    QVERIFY(exporter.isRunning());
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY2(exporter.succeeded(), qPrintable(exporter.errorText()));
    QVERIFY(!exporter.wasCancelled());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(1).contains("\"data\":\"b\""));
    QCOMPARE(outputs(), QStringList{u"short.ndjson"_s});
}

void TestTabExporter::cancelledMidwayLeavesNothing_data()
{
    QTest::addColumn<SessionExport::Format>("format");
    QTest::newRow("ndjson") << SessionExport::Format::Ndjson;
    QTest::newRow("har, spooled") << SessionExport::Format::Har;
    QTest::newRow("recording, spooled") << SessionExport::Format::Sserec;
}

void TestTabExporter::cancelledMidwayLeavesNothing()
{
    QFETCH(SessionExport::Format, format);
    StreamTab tab;
    QVERIFY(tab.openRecording(m_long));
    tab.cancelLoading(); // the export reads the file itself
    const QString out = m_out->filePath(u"long."_s + SessionExport::formatName(format));
    TabExporter exporter;
    // Cancelled in the worker on its first report, a few MiB into the file: midway, whatever the machine's pace.
    std::atomic<qint64> cancelledAt = -1;
    std::atomic<qint64> total = -1;
    connect(
        &exporter, &TabExporter::progressed, &exporter,
        [&exporter, &cancelledAt, &total](qint64 read, qint64 size) {
            if (cancelledAt < 0) {
                cancelledAt = read;
                total = size;
                exporter.job()->cancel();
            }
        },
        Qt::DirectConnection);
    exporter.exportTo(&tab, format, out, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(exporter.isFinished(), 60000);
    QVERIFY2(cancelledAt > 0 && cancelledAt < total, qPrintable(u"%1 of %2"_s.arg(cancelledAt).arg(total)));
    QVERIFY(!exporter.succeeded());
    QVERIFY(exporter.wasCancelled());
    QCOMPARE(exporter.errorText(), u"The export was cancelled; nothing was written."_s);
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(outputs(), QStringList());
}

void TestTabExporter::progressDialogCancels()
{
    StreamTab tab;
    QVERIFY(tab.openRecording(m_long));
    tab.cancelLoading();
    QWidget window;
    const QString out = m_out->filePath(u"long.csv"_s);
    TabExporter exporter;
    // The worker waits at its first report until the dialog's Cancel was clicked.
    QSemaphore reported;
    QSemaphore clicked;
    holdFirstReport(&exporter, reported, clicked);
    exporter.exportTo(&tab, SessionExport::Format::Csv, out, &window);
    const auto progress = window.findChild<BusyProgress *>();
    QVERIFY(progress);
    QVERIFY(!progress->isModal());
    QVERIFY(reported.tryAcquire(1, 60000));
    QTRY_VERIFY(progress->value() > 0); // the report reaches the dialog in the window's thread
    const auto cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    cancel->click();
    clicked.release(2);
    QTRY_VERIFY_WITH_TIMEOUT(exporter.isFinished(), 60000);
    QVERIFY(exporter.wasCancelled());
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(outputs(), QStringList());
}

void TestTabExporter::goingAwayStopsTheExport()
{
    StreamTab tab;
    QVERIFY(tab.openRecording(m_long));
    tab.cancelLoading();
    const QString out = m_out->filePath(u"long.har"_s);
    auto exporter = std::make_unique<TabExporter>();
    QSemaphore reported;
    QSemaphore going;
    holdFirstReport(exporter.get(), reported, going);
    exporter->exportTo(&tab, SessionExport::Format::Har, out, nullptr);
    QVERIFY(reported.tryAcquire(1, 60000));
    // As when the window or tab that runs it goes: it waits for the worker to stop, and nothing is left.
    going.release(2);
    exporter.reset();
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(outputs(), QStringList());
}

void TestTabExporter::errorsAreSaid()
{
    StreamTab live;
    TabExporter nothing;
    QSignalSpy finished(&nothing, &TabExporter::finished);
    nothing.exportTo(&live, SessionExport::Format::Ndjson, m_out->filePath(u"none.ndjson"_s), nullptr);
    QCOMPARE(finished.count(), 1); // a live tab is written at once
    QVERIFY(!nothing.succeeded());
    QVERIFY(!nothing.wasCancelled());
    QCOMPARE(nothing.errorText(), u"This tab has no session to export yet: connect, or open a recording."_s);
    QCOMPARE(outputs(), QStringList());

    StreamTab opened;
    QVERIFY(opened.openRecording(m_long));
    opened.cancelLoading();
    TabExporter unwritable;
    const QString path = m_out->filePath(u"no/such/dir/x.csv"_s);
    unwritable.exportTo(&opened, SessionExport::Format::Csv, path, nullptr);
    QTRY_VERIFY(unwritable.isFinished());
    QVERIFY(!unwritable.wasCancelled());
    QVERIFY2(unwritable.errorText().startsWith(u"Cannot write "_s + QDir::toNativeSeparators(path) + u": "_s),
             qPrintable(unwritable.errorText()));
}

QTEST_MAIN(TestTabExporter)
#include "tst_tabexporter.moc"
