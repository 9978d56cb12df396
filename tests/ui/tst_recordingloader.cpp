// SPDX-License-Identifier: GPL-3.0-or-later
// Opening recordings in slices on the event loop, offscreen: a short one is read before openRecording returns,
// a long one goes on while the window handles its events, with a progress dialog whose Cancel keeps what was
// read; closing its tab or the window while it loads stops it and frees the loader, its dialog and its file.
#include "busyprogress.h"
#include "longrecording.h"
#include "mainwindow.h"
#include "models/eventlistmodel.h"
#include "recordingloader.h"
#include "stats/statisticspane.h"
#include "streamtab.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace {

// Whether this process holds path open, where that can be seen (/proc/self/fd on Linux).
std::optional<bool> holdsOpen(const QString &path)
{
#ifdef Q_OS_LINUX
    const QString target = QFileInfo(path).canonicalFilePath();
    const QDir descriptors(u"/proc/self/fd"_s);
    for (const QString &name : descriptors.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        if (QFileInfo(descriptors.filePath(name)).symLinkTarget() == target)
            return true;
    }
    return false;
#else
    Q_UNUSED(path)
    return std::nullopt;
#endif
}

} // namespace

class TestRecordingLoader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shortRecordingOpensAtOnce();
    void longRecordingOpensInSlices();
    void cancelKeepsWhatWasRead_data();
    void cancelKeepsWhatWasRead();
    void closingTheTabStopsLoading();
    void closingTheWindowStopsLoading();

private:
    QString m_long;
    QTemporaryDir m_dir;
};

void TestRecordingLoader::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_long = m_dir.filePath(u"long.sserec"_s);
    QVERIFY(writeLongRecording(m_long));
}

void TestRecordingLoader::shortRecordingOpensAtOnce()
{
    const QString path = m_dir.filePath(u"short.sserec"_s);
    {
        SessionWriter writer;
        QVERIFY(writer.open(path, 0));
        StreamChunk chunk;
        chunk.attempt = 1;
        chunk.bytes = "data: a\n\ndata: b\n\n";
        QVERIFY(writer.writeChunk(chunk));
    }
    StreamTab tab;
    QSignalSpy finished(&tab, &StreamTab::loadingFinished);
    QString error = u"stale"_s;
    QVERIFY(tab.openRecording(path, &error));
    QCOMPARE(error, QString());
    // Read whole in the first slice: no progress dialog, and finished before openRecording returned.
    QVERIFY(!tab.isLoading());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!tab.findChild<BusyProgress *>());
    QCOMPARE(tab.statisticsPane()->stats().events(), 2);
    QVERIFY2(tab.stateText().contains(u"2 event(s)"_s), qPrintable(tab.stateText()));
}

void TestRecordingLoader::longRecordingOpensInSlices()
{
    MainWindow window;
    window.show();
    StreamTab *tab = window.openRecording(m_long);
    QSignalSpy finished(tab, &StreamTab::loadingFinished);
    QVERIFY(tab->isLoading());
    QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(tab)), u"long.sserec"_s);
    QPointer<BusyProgress> progress = tab->findChild<BusyProgress *>();
    QVERIFY(progress);
    QVERIFY(!progress->isModal());
    // The window handles its events while the file is read.
    bool handledWhileLoading = false;
    QTimer::singleShot(0, tab, [&handledWhileLoading, tab]() { handledWhileLoading = tab->isLoading(); });
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY(handledWhileLoading);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(tab->loadError().isEmpty());
    QCOMPARE(tab->statisticsPane()->stats().events(), LongRecordingEvents);
    QVERIFY2(tab->stateText().contains(u"160000 event(s)"_s), qPrintable(tab->stateText()));
    QTRY_VERIFY(!progress); // gone once the load has ended
}

void TestRecordingLoader::cancelKeepsWhatWasRead_data()
{
    QTest::addColumn<bool>("button"); // the dialog's Cancel button, or QProgressDialog::cancel(), which emits nothing
    QTest::newRow("Cancel clicked") << true;
    QTest::newRow("cancel() called") << false;
}

void TestRecordingLoader::cancelKeepsWhatWasRead()
{
    QFETCH(bool, button);
    MainWindow window;
    window.show();
    StreamTab *tab = window.openRecording(m_long);
    QSignalSpy finished(tab, &StreamTab::loadingFinished);
    QPointer<BusyProgress> progress = tab->findChild<BusyProgress *>();
    QVERIFY(progress);
    QTRY_VERIFY(progress->value() > 0);
    if (button) {
        const auto cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QCOMPARE(finished.count(), 1);
    } else {
        progress->cancel();
        QTRY_COMPARE(finished.count(), 1); // seen before the next slice
    }
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!tab->isLoading());
    QCOMPARE(tab->loadStatus(), SessionReader::Status::Cancelled);
    QCOMPARE(tab->loadError(), u"Opening was cancelled."_s);
    QVERIFY2(tab->stateText().contains(u"Opening was cancelled."_s), qPrintable(tab->stateText()));
    const qint64 events = tab->statisticsPane()->stats().events();
    QVERIFY2(events > 0 && events < LongRecordingEvents, qPrintable(QString::number(events)));
    // Reading stops there, and the user is not asked about what they chose.
    QCoreApplication::processEvents();
    QCOMPARE(tab->statisticsPane()->stats().events(), events);
    QVERIFY(window.findChildren<QMessageBox *>().isEmpty());
    QTRY_VERIFY(!progress);
}

void TestRecordingLoader::closingTheTabStopsLoading()
{
    MainWindow window;
    window.show();
    QPointer<StreamTab> tab = window.openRecording(m_long);
    QPointer<RecordingLoader> loader = tab->findChild<RecordingLoader *>();
    QPointer<BusyProgress> progress = tab->findChild<BusyProgress *>();
    QVERIFY(loader && progress);
    QTRY_VERIFY(progress->value() > 0);
    if (const std::optional<bool> open = holdsOpen(m_long))
        QVERIFY(*open);

    Q_EMIT window.tabs()->tabCloseRequested(window.tabs()->indexOf(tab));
    QCOMPARE(window.tabs()->count(), 0);
    QTRY_VERIFY(!tab);
    QVERIFY(!loader);
    QVERIFY(!progress);
    if (const std::optional<bool> open = holdsOpen(m_long))
        QVERIFY2(!*open, "the recording's file is closed");
    QVERIFY(window.findChildren<QMessageBox *>().isEmpty());

    // The window still opens the same file whole.
    StreamTab *again = window.openRecording(m_long);
    QTRY_VERIFY_WITH_TIMEOUT(!again->isLoading(), 120000);
    QVERIFY(again->loadError().isEmpty());
    QCOMPARE(again->statisticsPane()->stats().events(), LongRecordingEvents);
}

void TestRecordingLoader::closingTheWindowStopsLoading()
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    StreamTab *tab = window->openRecording(m_long);
    QVERIFY(tab->isLoading());
    QVERIFY(window->close());
    QVERIFY(!tab->isLoading());
    QCOMPARE(tab->loadStatus(), SessionReader::Status::Cancelled);
    window.reset();
    if (const std::optional<bool> open = holdsOpen(m_long))
        QVERIFY(!*open);
}

QTEST_MAIN(TestRecordingLoader)
#include "tst_recordingloader.moc"
