// SPDX-License-Identifier: GPL-3.0-or-later
// Playing a recording back on a manual clock: records at their recorded times divided by the speed, pause
// keeps the place inside a gap, steps by read and by predicate, as fast as possible in batches, and files that
// are not recordings or break part-way.
#include "recording/replayplayer.h"
#include "recording/sessionwriter.h"
#include "util/manualclock.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 Ms = 1'000'000;

// What the player handed over, each record as a word and the clock's time in ms when it came.
struct Transcript final : SessionSink
{
    explicit Transcript(const Clock &clock)
        : clock(clock)
    {
    }

    void note(const QString &what) { records << u"%1@%2"_s.arg(what).arg(clock.monotonicNs() / Ms); }
    void headerRead(const SessionHeader &) override { note(u"header"_s); }
    void requestRead(const RecordedRequest &) override { note(u"request"_s); }
    void responseRead(const StreamResponse &response, qint64) override { note(u"response%1"_s.arg(response.status)); }
    void chunkRead(const StreamChunk &chunk) override
    {
        note(QString::fromUtf8(chunk.bytes).trimmed());
        body += chunk.bytes;
    }
    void stateRead(const StreamStateChange &change) override { note(streamStateName(change.state)); }

    const Clock &clock;
    QStringList records;
    QByteArray body;
};

StreamChunk chunkAt(qint64 ms, const QByteArray &bytes, qint64 offset)
{
    StreamChunk chunk;
    chunk.attempt = 1;
    chunk.bytes = bytes;
    chunk.offset = offset;
    chunk.monotonicNs = ms * Ms;
    return chunk;
}

// request at 0, response at 10 ms, reads "a", "b", "c" at 100, 300 and 1300 ms, the end at 1400 ms
QString writeRecording(const QTemporaryDir &dir, const QString &name = u"r.sserec"_s)
{
    const QString path = dir.filePath(name);
    SessionWriter writer;
    if (!writer.open(path, 0))
        return {};
    StreamRequest request;
    request.url = QUrl(u"http://127.0.0.1:1/stream"_s);
    writer.writeRequest(request, 0);
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.monotonicNs = 10 * Ms;
    writer.writeResponse(response);
    writer.writeChunk(chunkAt(100, "data: a\n\n", 0));
    writer.writeChunk(chunkAt(300, "data: b\n\n", 9));
    writer.writeChunk(chunkAt(1300, "data: c\n\n", 18));
    StreamStateChange end;
    end.state = StreamState::Finished;
    end.attempt = 1;
    end.monotonicNs = 1400 * Ms;
    writer.writeState(end);
    writer.close();
    return path;
}

} // namespace

class TstReplayPlayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void playsAtRecordedTimes_data();
    void playsAtRecordedTimes();
    void pauseKeepsThePlaceInAGap();
    void stepsARecordedReadAtATime();
    void stepsUntilAPredicate();
    void asFastAsPossibleGoesInBatches();
    void speedChangeWhilePlaying();
    void notARecording();
    void corruptPartWayReportsAndKeepsWhatCame();
};

void TstReplayPlayer::playsAtRecordedTimes_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("1x") << 1.0
                        << QStringList{u"header@0"_s,    u"request@0"_s,    u"response200@10"_s, u"data: a@100"_s,
                                       u"data: b@300"_s, u"data: c@1300"_s, u"finished@1400"_s};
    QTest::newRow("10x") << 10.0 << QStringList{u"header@0"_s,   u"request@0"_s,   u"response200@1"_s, u"data: a@10"_s,
                                                u"data: b@30"_s, u"data: c@130"_s, u"finished@140"_s};
    QTest::newRow("0.5x") << 0.5
                          << QStringList{u"header@0"_s,    u"request@0"_s,    u"response200@20"_s, u"data: a@200"_s,
                                         u"data: b@600"_s, u"data: c@2600"_s, u"finished@2800"_s};
}

void TstReplayPlayer::playsAtRecordedTimes()
{
    QFETCH(double, speed);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QString error;
    QVERIFY2(player.open(writeRecording(dir), &error), qPrintable(error));
    QCOMPARE(player.state(), ReplayPlayer::State::Paused);
    QVERIFY(transcript.records.isEmpty());
    QSignalSpy finished(&player, &ReplayPlayer::stateChanged);
    player.setSpeed(speed);
    player.play();
    for (int ms = 0; ms < 3000; ++ms)
        clock.advance(1);
    QCOMPARE(transcript.records, expected);
    QCOMPARE(player.state(), ReplayPlayer::State::Finished);
    QCOMPARE(finished.last().first().value<ReplayPlayer::State>(), ReplayPlayer::State::Finished);
    QCOMPARE(player.readsPlayed(), 3);
    QCOMPARE(player.recordsPlayed(), 7);
    QCOMPARE(player.progress(), 1.0);
    QCOMPARE(transcript.body, QByteArray("data: a\n\ndata: b\n\ndata: c\n\n"));
}

void TstReplayPlayer::pauseKeepsThePlaceInAGap()
{
    QTemporaryDir dir;
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QVERIFY(player.open(writeRecording(dir)));
    player.play();
    clock.advance(100);
    QCOMPARE(transcript.records.last(), u"data: a@100"_s);
    clock.advance(150); // 150 ms into the 200 ms gap before "b"
    QCOMPARE(player.positionNs(), 250 * Ms);
    player.pause();
    QCOMPARE(player.state(), ReplayPlayer::State::Paused);
    clock.advance(5000);
    QCOMPARE(transcript.records.size(), 4);
    QCOMPARE(player.positionNs(), 250 * Ms);
    player.play(); // the rest of the gap, 50 ms
    clock.advance(49);
    QCOMPARE(transcript.records.size(), 4);
    clock.advance(1);
    QCOMPARE(transcript.records.last(), u"data: b@5300"_s);
}

void TstReplayPlayer::stepsARecordedReadAtATime()
{
    QTemporaryDir dir;
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QVERIFY(player.open(writeRecording(dir)));
    QVERIFY(player.stepRead()); // everything up to and including the first read
    QCOMPARE(transcript.records, (QStringList{u"header@0"_s, u"request@0"_s, u"response200@0"_s, u"data: a@0"_s}));
    QCOMPARE(player.state(), ReplayPlayer::State::Paused);
    QCOMPARE(player.positionNs(), 100 * Ms);
    clock.advance(10'000); // a step does not start playing
    QCOMPARE(transcript.records.size(), 4);
    QVERIFY(player.stepRead());
    QCOMPARE(transcript.records.last(), u"data: b@10000"_s);
    QVERIFY(player.stepRead());
    QCOMPARE(transcript.records.last(), u"data: c@10000"_s);
    QVERIFY(!player.stepRead()); // only the end state was left
    QCOMPARE(transcript.records.last(), u"finished@10000"_s);
    QCOMPARE(player.state(), ReplayPlayer::State::Finished);
    QVERIFY(!player.stepRead());
    QCOMPARE(transcript.records.size(), 7);
}

void TstReplayPlayer::stepsUntilAPredicate()
{
    QTemporaryDir dir;
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QVERIFY(player.open(writeRecording(dir)));
    QVERIFY(player.stepUntil([&transcript]() { return transcript.body.contains("b"); }));
    QCOMPARE(transcript.records.size(), 5);
    QVERIFY(!player.stepUntil([]() { return false; })); // runs to the end
    QCOMPARE(transcript.records.size(), 7);
}

void TstReplayPlayer::asFastAsPossibleGoesInBatches()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"many.sserec"_s);
    {
        SessionWriter writer;
        QVERIFY(writer.open(path, 0));
        for (int i = 0; i < 1200; ++i)
            QVERIFY(writer.writeChunk(chunkAt(i * 1000, "data: x\n\n", i * 9)));
    }
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QVERIFY(player.open(path));
    player.setSpeed(0);
    player.play();
    // The first batch goes at once; the rest wait for the event loop's next turns, not for the recorded gaps.
    const qsizetype first = transcript.records.size();
    QVERIFY(first > 1);
    QVERIFY(first < 1201);
    QCOMPARE(clock.pendingDelays(), QList<qint64>{0});
    for (int turn = 0; turn < 10 && player.state() == ReplayPlayer::State::Playing; ++turn)
        clock.advance(0);
    QCOMPARE(player.state(), ReplayPlayer::State::Finished);
    QCOMPARE(transcript.records.size(), 1201);
    QCOMPARE(clock.monotonicNs(), 0);
}

void TstReplayPlayer::speedChangeWhilePlaying()
{
    QTemporaryDir dir;
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QVERIFY(player.open(writeRecording(dir)));
    player.play();
    clock.advance(300);
    QCOMPARE(transcript.records.last(), u"data: b@300"_s);
    player.setSpeed(10); // the 1000 ms gap before "c" now takes 100 ms
    clock.advance(99);
    QCOMPARE(transcript.records.last(), u"data: b@300"_s);
    clock.advance(1);
    QCOMPARE(transcript.records.last(), u"data: c@400"_s);
}

void TstReplayPlayer::notARecording()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"notes.txt"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("data: hello\n\n");
    file.close();
    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QString error;
    QVERIFY(!player.open(path, &error));
    QCOMPARE(error, u"not an SSE Scope recording (line 1 is not a session header)"_s);
    QCOMPARE(player.state(), ReplayPlayer::State::Finished);
    player.play();
    QVERIFY(!player.stepRead());
    QVERIFY(transcript.records.isEmpty());
    QVERIFY(!player.open(dir.filePath(u"missing.sserec"_s), &error));
    QVERIFY2(error.startsWith(u"Cannot open "_s), qPrintable(error));
}

void TstReplayPlayer::corruptPartWayReportsAndKeepsWhatCame()
{
    QTemporaryDir dir;
    const QString path = writeRecording(dir);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    lines[4] = "{not json";
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(lines.join('\n'));
    file.close();

    ManualClock clock;
    Transcript transcript(clock);
    ReplayPlayer player(transcript, &clock);
    QSignalSpy errors(&player, &ReplayPlayer::errorOccurred);
    QVERIFY(player.open(path));
    player.setSpeed(0);
    player.play();
    QCOMPARE(player.state(), ReplayPlayer::State::Finished);
    QCOMPARE(transcript.records, (QStringList{u"header@0"_s, u"request@0"_s, u"response200@0"_s, u"data: a@0"_s}));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().first().toString().startsWith(u"line 5 (byte "_s),
             qPrintable(errors.first().first().toString()));
    QVERIFY(!player.result().ok());
}

QTEST_GUILESS_MAIN(TstReplayPlayer)
#include "tst_replayplayer.moc"
