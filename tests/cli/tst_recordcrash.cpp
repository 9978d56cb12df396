// SPDX-License-Identifier: GPL-3.0-or-later
// A recording survives its writer being killed: `ssescope record` and `ssescope watch --record` are killed with
// SIGKILL while a fast ticker streams into them, at different moments, and the file they leave must open with
// at most the last record lost, hold the ticker's bytes exactly, and yield its events in order without gaps.
// A kill from outside seldom lands inside a write (the writer spends little of its time there), so one run
// is instead killed by the kernel inside a write: under a file size limit, the write that crosses it stops at
// the limit and the next one raises SIGXFSZ.
#include "mockproducer.h"
#include "recording/eventderiver.h"
#include "recording/sessionreader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace {

// A sanitizer build on a busy machine writes far fewer records a second; the wait ends as soon as they are there.
constexpr int WaitForChunksMs = 90000;

// The ticker's body as documented: events with ids from 1, data "tick N" padded with 'x' to `size` bytes.
// Built here from the rules rather than by the producer's formatter, so a change in what it sends is caught.
class TickerBody
{
public:
    TickerBody(QByteArrayView eol, QByteArrayView type, qint64 size)
        : m_eol(eol.toByteArray())
        , m_type(type.toByteArray())
        , m_size(size)
    {
    }

    static QByteArray data(qint64 n, qint64 size)
    {
        QByteArray data = "tick " + QByteArray::number(n);
        if (size > data.size())
            data += ' ' + QByteArray(size - data.size() - 1, 'x');
        return data;
    }

    // At least `bytes` bytes of the body; blankLines() holds where each event's dispatching blank line starts.
    const QByteArray &atLeast(qsizetype bytes)
    {
        while (m_body.size() < bytes) {
            const qint64 n = m_blankLines.size() + 1;
            if (!m_type.isEmpty())
                m_body += "event: " + m_type + m_eol;
            m_body += "id: " + QByteArray::number(n) + m_eol + "data: " + data(n, m_size) + m_eol;
            m_blankLines << m_body.size();
            m_body += m_eol;
        }
        return m_body;
    }
    const QList<qint64> &blankLines() const { return m_blankLines; }

private:
    QByteArray m_eol;
    QByteArray m_type;
    qint64 m_size;
    QByteArray m_body;
    QList<qint64> m_blankLines;
};

// What a recording holds, record by record.
class Collector final : public SessionSink
{
public:
    void requestRead(const RecordedRequest &request) override
    {
        kinds << u"request"_s;
        url = request.request.url;
    }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        Q_UNUSED(wallMs)
        kinds << u"response %1 %2"_s.arg(response.attempt).arg(response.status);
    }
    void chunkRead(const StreamChunk &chunk) override
    {
        if (kinds.isEmpty() || kinds.last() != u"chunks"_s)
            kinds << u"chunks"_s;
        chunks << chunk;
    }
    void stateRead(const StreamStateChange &change) override
    {
        kinds << u"state %1 %2"_s.arg(streamStateName(change.state)).arg(change.attempt);
    }

    QStringList kinds;
    QUrl url;
    QList<StreamChunk> chunks;
};

// Counts the chunk records of a growing file, reading only what was appended since the last call.
class ChunkCounter
{
public:
    explicit ChunkCounter(const QString &path)
        : m_file(path)
    {
    }
    qint64 count()
    {
        if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly))
            return 0;
        m_pending += m_file.readAll();
        const qsizetype lastNewline = m_pending.lastIndexOf('\n');
        if (lastNewline < 0)
            return m_chunks;
        const QList<QByteArray> lines = m_pending.first(lastNewline).split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("{\"t\":\"chunk\""))
                ++m_chunks;
        }
        m_pending.remove(0, lastNewline + 1);
        return m_chunks;
    }

private:
    QFile m_file;
    QByteArray m_pending;
    qint64 m_chunks = 0;
};

} // namespace

class TestRecordCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killedWhileRecording_data();
    void killedWhileRecording();

private:
    MockProducer m_producer;
    QTemporaryDir m_dir;
    int m_cutOff = 0; // runs whose last record was cut in the middle
    int m_runs = 0;
};

void TestRecordCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_producer.start());
}

void TestRecordCrash::cleanupTestCase()
{
    // Whether SIGKILL lands inside a write is up to the scheduler (the size limit row always cuts a record; the
    // reader's handling of a cut at every byte is tested in tst_sessionfile). This says how often it happened.
    qInfo("%d of %d recordings were killed in the middle of a record", m_cutOff, m_runs);
}

void TestRecordCrash::killedWhileRecording_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("query"); // endless tickers: count=0
    QTest::addColumn<QByteArray>("eol");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("killAfterChunks");
    QTest::addColumn<qint64>("fileSizeLimit"); // 0: none, the test kills the process

    QTest::newRow("record 1,000/s, early")
        << u"record"_s << u"rate=1000"_s << QByteArray("\n") << QByteArray() << 0ll << 3ll << 0ll;
    QTest::newRow("record 20,000/s") << u"record"_s << u"rate=20000"_s << QByteArray("\n") << QByteArray() << 0ll
                                     << 40ll << 0ll;
    QTest::newRow("record 100,000/s of 200 bytes")
        << u"record"_s << u"rate=100000&size=200"_s << QByteArray("\n") << QByteArray() << 200ll << 25ll << 0ll;
    QTest::newRow("record 20,000/s of 4 KiB")
        << u"record"_s << u"rate=20000&size=4096"_s << QByteArray("\n") << QByteArray() << 4096ll << 20ll << 0ll;
    QTest::newRow("record CRLF, typed, 50,000/s") << u"record"_s << u"rate=50000&eol=crlf&type=tick"_s
                                                  << QByteArray("\r\n") << QByteArray("tick") << 0ll << 90ll << 0ll;
    QTest::newRow("record as fast as sent")
        << u"record"_s << u"interval=0&size=100"_s << QByteArray("\n") << QByteArray() << 100ll << 12ll << 0ll;
    QTest::newRow("watch 5,000/s") << u"watch"_s << u"rate=5000"_s << QByteArray("\n") << QByteArray() << 0ll << 10ll
                                   << 0ll;
    QTest::newRow("watch 100,000/s of 300 bytes")
        << u"watch"_s << u"rate=100000&size=300"_s << QByteArray("\n") << QByteArray() << 300ll << 20ll << 0ll;
    QTest::newRow("record cut inside a write by the file size limit")
        << u"record"_s << u"rate=200&size=65536"_s << QByteArray("\n") << QByteArray() << 65536ll << 10ll
        << 2'000'003ll;
}

void TestRecordCrash::killedWhileRecording()
{
    QFETCH(QString, command);
    QFETCH(QString, query);
    QFETCH(QByteArray, eol);
    QFETCH(QByteArray, type);
    QFETCH(qint64, size);
    QFETCH(qint64, killAfterChunks);
    QFETCH(qint64, fileSizeLimit);

    const QString path = m_dir.filePath(u"run%1.sserec"_s.arg(++m_runs));
    const QUrl url = m_producer.url(u"/ticker?count=0&"_s + query);
    QStringList arguments{command, url.toString(), u"--max-attempts"_s, u"1"_s};
    arguments << (command == u"record" ? u"-o"_s : u"--record"_s) << path;
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    if (fileSizeLimit > 0) {
#ifdef Q_OS_UNIX
        process.setChildProcessModifier([fileSizeLimit]() {
            const rlimit size{rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
            const rlimit noCore{0, 0};
            ::setrlimit(RLIMIT_FSIZE, &size);
            ::setrlimit(RLIMIT_CORE, &noCore);
        });
#else
        QSKIP("file size limits are set with setrlimit");
#endif
    }
    process.start(QStringLiteral(SSESCOPE_BINARY), arguments);
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));

    // The producer lives in this process: its event loop runs while the file is watched.
    if (fileSizeLimit > 0) {
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, WaitForChunksMs);
    } else {
        ChunkCounter counter(path);
        QElapsedTimer waited;
        waited.start();
        while (counter.count() < killAfterChunks && process.state() == QProcess::Running
               && waited.elapsed() < WaitForChunksMs)
            QTest::qWait(2);
        QCOMPARE(process.state(), QProcess::Running);
        QVERIFY2(counter.count() >= killAfterChunks, qPrintable(u"%1 chunk records"_s.arg(counter.count())));
        process.kill();
        QVERIFY(process.waitForFinished(10000));
    }
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    const QByteArray stderrText = process.readAllStandardError();
    QVERIFY2(stderrText.isEmpty(), stderrText.constData());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    if (fileSizeLimit > 0)
        QCOMPARE(raw.size(), fileSizeLimit);
    const qsizetype lastNewline = raw.lastIndexOf('\n');
    QVERIFY(lastNewline > 0);
    const QByteArray tail = raw.mid(lastNewline + 1);
    const qint64 completeLines = raw.count('\n');
    // A cut exactly before a record's newline leaves a whole object, which the reader keeps.
    const bool tailIsRecord = !tail.isEmpty() && QJsonDocument::fromJson(tail).isObject();
    m_cutOff += !tail.isEmpty() && !tailIsRecord;
    // With records of 64 KiB and more, a limit falls on a record's end about once in 100,000 runs.
    if (fileSizeLimit > 0)
        QVERIFY2(!tail.isEmpty() && !tailIsRecord, "the size limit did not cut a record");

    Collector records;
    QList<RecordedEvent> events;
    EventDeriver deriver([&events](const RecordedEvent &event) { events << event; }, {}, &records);
    const SessionReader::Result result = SessionReader().readFile(path, deriver);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.header.version, 1);
    QCOMPARE(result.bytesRead, qint64(raw.size()));
    QCOMPARE(result.records, completeLines - 1 + (tailIsRecord ? 1 : 0));
    QCOMPARE(result.skipped, 0);
    if (tail.isEmpty() || tailIsRecord) {
        QCOMPARE(result.warnings, QStringList());
    } else {
        QCOMPARE(result.warnings,
                 QStringList{u"the last record (line %1, byte %2) is incomplete: the recording was cut off; "
                             u"it was dropped"_s.arg(completeLines + 1)
                                 .arg(lastNewline + 1)});
    }

    // The session as far as it went: no final state, as the writer never saw one.
    QCOMPARE(records.url, url);
    QCOMPARE(records.kinds,
             QStringList({u"request"_s, u"state connecting 1"_s, u"response 1 200"_s, u"state open 1"_s, u"chunks"_s}));
    QVERIFY(records.chunks.size() >= killAfterChunks);

    // Every chunk is a read of the ticker's body, byte for byte, in order.
    TickerBody ticker(eol, type, size);
    qint64 offset = 0;
    for (const StreamChunk &chunk : std::as_const(records.chunks)) {
        QCOMPARE(chunk.attempt, 1);
        QCOMPARE(chunk.offset, offset);
        QVERIFY(!chunk.bytes.isEmpty());
        const QByteArray &expected = ticker.atLeast(offset + chunk.bytes.size());
        if (chunk.bytes != QByteArrayView(expected).sliced(offset, chunk.bytes.size()))
            QFAIL(qPrintable(u"the chunk at body offset %1 differs from the ticker's bytes"_s.arg(offset)));
        offset += chunk.bytes.size();
    }

    // Its events: 1, 2, 3, ... up to the last one whose blank line began in the recorded body (a CR
    // dispatches at once, without waiting for the LF after it).
    const auto &blankLines = ticker.blankLines();
    const qsizetype complete = std::lower_bound(blankLines.begin(), blankLines.end(), offset) - blankLines.begin();
    QVERIFY(complete > 0);
    QCOMPARE(events.size(), complete);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const SseEvent &event = events.at(i).event;
        const qint64 n = i + 1;
        if (event.lastEventId != QByteArray::number(n) || event.data != TickerBody::data(n, size)
            || event.type != (type.isEmpty() ? QByteArray("message") : type) || events.at(i).attempt != 1
            || event.endOffset != blankLines.at(i))
            QFAIL(qPrintable(u"event %1 is id %2, type %3, data %4, ending at %5"_s.arg(n).arg(
                QString::fromUtf8(event.lastEventId), QString::fromUtf8(event.type),
                QString::fromUtf8(event.data.left(40)), QString::number(event.endOffset))));
    }
}

QTEST_GUILESS_MAIN(TestRecordCrash)
#include "tst_recordcrash.moc"
