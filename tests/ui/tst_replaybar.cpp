// SPDX-License-Identifier: GPL-3.0-or-later
// A recording replayed into a stream tab: paused at the start, a read and an event at a time, played to the end
// with the same rows as opening it whole, pause, speed, restart from an opened recording, a damaged file, and
// going live again. SSESCOPE_SCREENSHOT_DIR=DIR saves what the tab looks like mid-replay.
#include "mockproducer.h"
#include "models/eventlistmodel.h"
#include "recording/replayplayer.h"
#include "recording/sessionwriter.h"
#include "replaybar.h"
#include "request/requesteditor.h"
#include "streamtab.h"

#include <QComboBox>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 Ms = 1'000'000;

struct Row
{
    StreamLog::Kind kind;
    QByteArray type;
    QByteArray id;
    QByteArray data;
    friend bool operator==(const Row &, const Row &) = default;
};

QList<Row> rows(StreamTab &tab)
{
    QList<Row> list;
    const StreamLog &log = tab.model()->log();
    for (qsizetype i = 0; i < log.size(); ++i) {
        const StreamLog::Entry entry = log.at(i);
        list.append({entry.kind, entry.type.toByteArray(), entry.id.toByteArray(), entry.data.toByteArray()});
    }
    return list;
}

qsizetype countOf(StreamTab &tab, StreamLog::Kind kind)
{
    const QList<Row> all = rows(tab);
    return std::count_if(all.cbegin(), all.cend(), [kind](const Row &row) { return row.kind == kind; });
}

// events tick 0..count-1, one read each gapMs apart, the second event split over two reads
QString writeRecording(const QTemporaryDir &dir, int count, qint64 gapMs, const QString &name = u"r.sserec"_s)
{
    const QString path = dir.filePath(name);
    SessionWriter writer;
    if (!writer.open(path, 0))
        return {};
    StreamRequest request;
    request.url = QUrl(u"http://127.0.0.1:9/ticker"_s);
    writer.writeRequest(request, 0);
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/event-stream"))};
    writer.writeResponse(response);
    qint64 offset = 0;
    qint64 ns = 0;
    const auto read = [&](const QByteArray &bytes) {
        StreamChunk chunk;
        chunk.attempt = 1;
        chunk.bytes = bytes;
        chunk.offset = offset;
        chunk.monotonicNs = ns += gapMs * Ms;
        offset += bytes.size();
        writer.writeChunk(chunk);
    };
    for (int i = 0; i < count; ++i) {
        const QByteArray event
            = "id: " + QByteArray::number(i) + "\nevent: tick\ndata: tick " + QByteArray::number(i) + "\n\n";
        if (i == 1) {
            read(event.left(10));
            read(event.mid(10));
        } else {
            read(event);
        }
    }
    StreamStateChange end;
    end.state = StreamState::Finished;
    end.attempt = 1;
    end.reason = u"the server ended the stream"_s;
    end.monotonicNs = ns + Ms;
    writer.writeState(end);
    return path;
}

QToolButton *button(StreamTab &tab, const QString &name)
{
    return tab.replayBar()->findChild<QToolButton *>(name);
}

} // namespace

class TstReplayBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pausedAtTheStartThenStepped();
    void playedToTheEndShowsWhatOpeningShows();
    void pauseHoldsAndPlayGoesOn();
    void speedReachesThePlayer();
    void playOnAnOpenedRecordingReplaysIt();
    void damagedFileStopsWithItsError();
    void notARecording();
    void goingLiveEndsTheReplay();
};

void TstReplayBar::pausedAtTheStartThenStepped()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 5, 10);
    StreamTab tab;
    tab.resize(1200, 700);
    tab.show();
    QString error;
    QVERIFY2(tab.replayRecording(path, true, &error), qPrintable(error));
    QVERIFY(tab.replayBar()->isVisible());
    QCOMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Paused);
    QCOMPARE(tab.model()->log().size(), 0);
    QCOMPARE(tab.title(), u"r.sserec"_s);

    QTest::mouseClick(button(tab, u"replayStepRead"_s), Qt::LeftButton);
    QCOMPARE(countOf(tab, StreamLog::Kind::Chunk), 1);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 1);
    QCOMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Paused);

    // Event 1 came in two reads: one read step leaves it incomplete, an event step completes it.
    QTest::mouseClick(button(tab, u"replayStepRead"_s), Qt::LeftButton);
    QCOMPARE(countOf(tab, StreamLog::Kind::Chunk), 2);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 1);
    QTest::mouseClick(button(tab, u"replayStepEvent"_s), Qt::LeftButton);
    QCOMPARE(countOf(tab, StreamLog::Kind::Chunk), 3);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 2);
    QTest::mouseClick(button(tab, u"replayStepEvent"_s), Qt::LeftButton);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 3);
    tab.replayBar()->refresh();
    QVERIFY2(tab.replayBar()->statusText().contains(u"4 read(s)"_s), qPrintable(tab.replayBar()->statusText()));
    QVERIFY2(tab.replayBar()->statusText().contains(u"3 event(s)"_s), qPrintable(tab.replayBar()->statusText()));
    QVERIFY2(tab.replayBar()->statusText().contains(u"paused"_s), qPrintable(tab.replayBar()->statusText()));
    QTRY_COMPARE(tab.requestEditor()->request().url, QUrl(u"http://127.0.0.1:9/ticker"_s));
    if (!qEnvironmentVariableIsEmpty("SSESCOPE_SCREENSHOT_DIR")) {
        tab.model()->flush();
        QTest::qWait(200);
        QVERIFY(tab.grab().save(qEnvironmentVariable("SSESCOPE_SCREENSHOT_DIR") + u"/replay-stepped.png"_s));
    }
}

void TstReplayBar::playedToTheEndShowsWhatOpeningShows()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 300, 1);
    StreamTab opened;
    QVERIFY(opened.openRecording(path));
    StreamTab replayed;
    replayed.replayBar()->setSpeed(0);
    QVERIFY(replayed.replayRecording(path));
    QTRY_COMPARE(replayed.replayPlayer()->state(), ReplayPlayer::State::Finished);
    QCOMPARE(countOf(replayed, StreamLog::Kind::Event), 300);
    QCOMPARE(rows(replayed), rows(opened));
    QCOMPARE(replayed.replayPlayer()->readsPlayed(), 301);
    replayed.replayBar()->refresh();
    QVERIFY2(replayed.replayBar()->statusText().contains(u"replayed to the end"_s),
             qPrintable(replayed.replayBar()->statusText()));
    QTRY_COMPARE(replayed.totalsText(), opened.totalsText());
}

void TstReplayBar::pauseHoldsAndPlayGoesOn()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 40, 25); // a second in all
    StreamTab tab;
    QVERIFY(tab.replayRecording(path));
    QCOMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Playing);
    QTRY_VERIFY(countOf(tab, StreamLog::Kind::Event) >= 2);
    QTest::mouseClick(button(tab, u"replayPlay"_s), Qt::LeftButton);
    QCOMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Paused);
    QCOMPARE(button(tab, u"replayPlay"_s)->text(), u"Play"_s);
    const qsizetype held = tab.model()->log().size();
    QTest::qWait(300); // more than ten recorded gaps: nothing may come while paused
    QCOMPARE(tab.model()->log().size(), held);
    QTest::mouseClick(button(tab, u"replayPlay"_s), Qt::LeftButton);
    QCOMPARE(button(tab, u"replayPlay"_s)->text(), u"Pause"_s);
    QTRY_COMPARE_WITH_TIMEOUT(tab.replayPlayer()->state(), ReplayPlayer::State::Finished, 10000);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 40);
}

void TstReplayBar::speedReachesThePlayer()
{
    QTemporaryDir dir;
    StreamTab tab;
    QVERIFY(tab.replayRecording(writeRecording(dir, 3, 1000), true));
    auto speed = tab.replayBar()->findChild<QComboBox *>(u"replaySpeed"_s);
    QVERIFY(speed);
    QCOMPARE(tab.replayPlayer()->speed(), 1.0);
    speed->setCurrentIndex(speed->findData(10.0));
    QCOMPARE(tab.replayPlayer()->speed(), 10.0);
    speed->setCurrentIndex(speed->findData(0.0));
    QCOMPARE(tab.replayPlayer()->speed(), 0.0);
    QCOMPARE(speed->currentText(), u"as fast as possible"_s);
    tab.replayBar()->setSpeed(3.0); // not in the list: gets an entry
    QCOMPARE(tab.replayPlayer()->speed(), 3.0);
    QCOMPARE(speed->currentText(), u"3×"_s);
}

void TstReplayBar::playOnAnOpenedRecordingReplaysIt()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 20, 1);
    StreamTab tab;
    QVERIFY(tab.openRecording(path));
    tab.model()->flush();
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 20);
    QVERIFY(!tab.replayBar()->isHidden());
    QVERIFY(!tab.replayPlayer());
    // A step starts the replay from the beginning, paused after the first read.
    QTest::mouseClick(button(tab, u"replayStepRead"_s), Qt::LeftButton);
    QVERIFY(tab.replayPlayer());
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 1);
    QCOMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Paused);
    // Restart while paused goes back to the start, still paused.
    QTest::mouseClick(button(tab, u"replayRestart"_s), Qt::LeftButton);
    QCOMPARE(tab.model()->log().size(), 0);
    QCOMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Paused);
    tab.replayBar()->setSpeed(0);
    QTest::mouseClick(button(tab, u"replayPlay"_s), Qt::LeftButton);
    QTRY_COMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Finished);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 20);
    // Play once finished replays it again.
    QTest::mouseClick(button(tab, u"replayPlay"_s), Qt::LeftButton);
    QTRY_COMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Finished);
    QCOMPARE(countOf(tab, StreamLog::Kind::Event), 20);
}

void TstReplayBar::damagedFileStopsWithItsError()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir, 5, 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    lines[6] = "{\"t\":\"chunk\",\"ns\":"; // line 7: the fourth read
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(lines.join('\n'));
    file.close();

    StreamTab tab;
    tab.replayBar()->setSpeed(0);
    QVERIFY(tab.replayRecording(path));
    QTRY_COMPARE(tab.replayPlayer()->state(), ReplayPlayer::State::Finished);
    QCOMPARE(countOf(tab, StreamLog::Kind::Chunk), 3);
    tab.replayBar()->refresh();
    QVERIFY2(tab.replayBar()->statusText().contains(u"stopped: the file is damaged"_s),
             qPrintable(tab.replayBar()->statusText()));
    QTRY_VERIFY2(tab.stateText().contains(u"line 7 (byte "_s), qPrintable(tab.stateText()));
}

void TstReplayBar::notARecording()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"capture.sse"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("data: not a recording\n\n");
    file.close();
    StreamTab tab;
    QString error;
    QVERIFY(!tab.replayRecording(path, false, &error));
    QCOMPARE(error, u"not an SSE Scope recording (line 1 is not a session header)"_s);
    QVERIFY(!tab.replayPlayer());
    QVERIFY(tab.replayBar()->isHidden());
}

void TstReplayBar::goingLiveEndsTheReplay()
{
    MockProducer producer;
    QVERIFY(producer.start());
    QTemporaryDir dir;
    StreamTab tab;
    tab.show();
    QVERIFY(tab.replayRecording(writeRecording(dir, 3, 1000)));
    QVERIFY(tab.replayBar()->isVisible());
    tab.open(producer.url(u"/ticker?count=3&interval=1"_s));
    QVERIFY(!tab.replayPlayer());
    QVERIFY(!tab.replayBar()->isVisible());
    QTRY_COMPARE(countOf(tab, StreamLog::Kind::Event), 3);
    QVERIFY(tab.recordingPath().isEmpty());
}

QTEST_MAIN(TstReplayBar)
#include "tst_replaybar.moc"
