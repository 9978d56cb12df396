// SPDX-License-Identifier: GPL-3.0-or-later
// ssescope watch end to end against the producer: output formats, stop rules and exit codes.
#include "commandrun.h"
#include "export/sessionexport.h"
#include "mockproducer.h"
#include "recording/sessionreader.h"
#include "replayrecording.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Run = CommandRun;

} // namespace

class TestWatchCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ndjsonRecords();
    void textOutput();
    void exitCodes_data();
    void exitCodes();
    void unreachable_data();
    void unreachable();
    void exitCodeFollowsTheCause_data();
    void exitCodeFollowsTheCause();
    void recordNamesItself();
    void postWithBodyFromFile();
    void interruptedBySigterm();
    void badArguments_data();
    void badArguments();
    void recordsASession();
    void watchRecordsToo();
    void recordingErrors();
    void exportPrintsWhatWatchPrinted();

private:
    Run watch(const QStringList &arguments) { return runCommand(u"watch"_s, arguments); }
    Run runCommand(const QString &command, const QStringList &arguments);

    MockProducer m_producer;
};

void TestWatchCommand::initTestCase()
{
    QVERIFY(m_producer.start());
}

Run TestWatchCommand::runCommand(const QString &command, const QStringList &arguments)
{
    return runSsescope(QStringList{command} + arguments);
}

void TestWatchCommand::ndjsonRecords()
{
    const Run run = watch({m_producer.url(u"/ticker?count=2&interval=5&retry=10"_s).toString(), u"--format"_s,
                           u"ndjson"_s, u"--show"_s, u"state,chunks"_s, u"--max-events"_s, u"2"_s});
    QCOMPARE(run.exitCode, 0);
    QStringList kinds;
    for (const QJsonObject &record : run.records)
        kinds << record.value(u"kind"_s).toString()
                + (record.contains(u"state"_s) ? u':' + record[u"state"_s].toString() : QString());
    QCOMPARE(kinds.first(), u"state:connecting"_s);
    QCOMPARE(kinds.at(1), u"state:open"_s);
    QCOMPARE(kinds.last(), u"state:finished"_s);
    QVERIFY(kinds.contains(u"chunk"_s));
    QList<QJsonObject> events;
    for (const QJsonObject &record : run.records) {
        if (record.value(u"kind"_s).toString() == u"event")
            events << record;
    }
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[1].value(u"data"_s).toString(), u"tick 2"_s);
    QCOMPARE(events[1].value(u"id"_s).toString(), u"2"_s);
    QCOMPARE(events[1].value(u"type"_s).toString(), u"message"_s);
    QCOMPARE(events[1].value(u"attempt"_s).toInt(), 1);
    QCOMPARE(run.records.last().value(u"reason"_s).toString(), u"stop rule: 2 events received"_s);
}

void TestWatchCommand::textOutput()
{
    const Run run
        = watch({m_producer.url(u"/fastapi-close?lines=1&interval=1"_s).toString(), u"--until-event"_s, u"close"_s});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].endsWith(" event message: message 1"), lines[0].constData());
    QVERIFY2(lines[1].endsWith(" event close: bye"), lines[1].constData());
}

void TestWatchCommand::exitCodes_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrStart");
    QTest::newRow("204 stops") << u"/status?code=204"_s << QStringList() << 6
                               << QByteArray("ssescope watch: status 204 No Content: the server asks not to reconnect");
    QTest::newRow("500 fails") << u"/status?code=500&message=down"_s << QStringList() << 1
                               << QByteArray("ssescope watch: status 500 Internal Server Error: ");
    QTest::newRow("wrong type fails") << u"/wrong-type"_s << QStringList() << 1
                                      << QByteArray("ssescope watch: status 200 but Content-Type is text/plain");
    QTest::newRow("ended, no reconnect") << u"/ticker?count=1&interval=1"_s << QStringList{u"--no-reconnect"_s} << 0
                                         << QByteArray();
    QTest::newRow("gave up") << u"/ticker?count=1&interval=1"_s
                             << QStringList{u"--max-attempts"_s, u"2"_s, u"--retry-ms"_s, u"10"_s, u"--quiet"_s} << 1
                             << QByteArray("ssescope watch: the server ended the stream; gave up after 2 attempts");
}

void TestWatchCommand::exitCodes()
{
    QFETCH(QString, target);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrStart);
    const Run run = watch(QStringList{m_producer.url(target).toString()} + options);
    QCOMPARE(run.exitCode, exitCode);
    if (!stderrStart.isEmpty())
        QVERIFY2(run.err.startsWith(stderrStart), run.err.constData());
}

void TestWatchCommand::unreachable_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrStart");
    QTest::addColumn<int>("waitNotes");
    QTest::newRow("no reconnect") << QStringList{u"--no-reconnect"_s} << 4
                                  << QByteArray("ssescope watch: no stream was opened: cannot connect: ") << 0;
    QTest::newRow("a POST is not sent again")
        << QStringList{u"-d"_s, u"{}"_s} << 4 << QByteArray("ssescope watch: no stream was opened: cannot connect: ")
        << 0;
    const QByteArray neverOpened("ssescope watch: no stream was opened: cannot connect: ");
    QTest::newRow("waits noted, then gave up")
        << QStringList{u"--max-attempts"_s, u"3"_s, u"--retry-ms"_s, u"10"_s} << 4 << neverOpened << 2;
    QTest::newRow("quiet waits") << QStringList{u"--max-attempts"_s, u"3"_s, u"--retry-ms"_s, u"10"_s, u"--quiet"_s}
                                 << 4 << neverOpened << 0;
    QTest::newRow("waits as state lines")
        << QStringList{u"--max-attempts"_s, u"2"_s, u"--retry-ms"_s, u"10"_s, u"--show"_s, u"state"_s} << 4
        << neverOpened << 0;
}

void TestWatchCommand::unreachable()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrStart);
    QFETCH(int, waitNotes);
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const Run run = watch(QStringList{u"http://127.0.0.1:1/events"_s} + options);
    QCOMPARE(run.exitCode, exitCode);
    // The wait notes come first; the last line says how the session ended.
    QVERIFY2(run.err.trimmed().split('\n').constLast().startsWith(stderrStart), run.err.constData());
    QCOMPARE(int(run.err.count("; attempt ")), waitNotes);
    if (options.contains(u"--show"_s))
        QVERIFY2(run.out.contains("[waiting-to-reconnect] cannot connect: "), run.out.constData());
}

void TestWatchCommand::postWithBodyFromFile()
{
    QTemporaryFile body;
    QVERIFY(body.open());
    body.write(R"({"stream":true,"rate":0,"reply":"Hi there"})");
    body.flush();
    const Run run
        = watch({m_producer.url(u"/v1/chat/completions"_s).toString(), u"-H"_s, u"Content-Type: application/json"_s,
                 u"-d"_s, u'@' + body.fileName(), u"--until-data"_s, u"[DONE]"_s, u"--format"_s, u"ndjson"_s});
    QCOMPARE(run.exitCode, 0);
    QString reply;
    for (const QJsonObject &record : run.records) {
        const QJsonObject chunk = QJsonDocument::fromJson(record.value(u"data"_s).toString().toUtf8()).object();
        reply += chunk[u"choices"_s][0][u"delta"_s][u"content"_s].toString();
    }
    QCOMPARE(reply, u"Hi there"_s);
    QCOMPARE(run.records.last().value(u"data"_s).toString(), u"[DONE]"_s);
}

void TestWatchCommand::interruptedBySigterm()
{
#ifndef Q_OS_UNIX
    QSKIP("QProcess::terminate() sends SIGTERM on Unix only");
#endif
    QProcess process;
    process.start(
        QStringLiteral(SSESCOPE_BINARY),
        {u"watch"_s, m_producer.url(u"/ticker?count=0&interval=20"_s).toString(), u"--format"_s, u"ndjson"_s});
    QVERIFY(process.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).count("\"kind\":\"event\"") >= 2, 10000);
    process.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitCode(), 130);
}

void TestWatchCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no url") << QStringList() << QByteArray("which URL?");
    QTest::newRow("ftp") << QStringList{u"ftp://x/y"_s} << QByteArray("'ftp://x/y' is not an http or https URL");
    QTest::newRow("bad header") << QStringList{u"http://127.0.0.1:1/"_s, u"-H"_s, u"novalue"_s}
                                << QByteArray("-H takes 'Name: value', not 'novalue'");
    QTest::newRow("bad number") << QStringList{u"http://127.0.0.1:1/"_s, u"--retry-ms"_s, u"soon"_s}
                                << QByteArray("--retry-ms takes a whole number of at least 0, not 'soon'");
    QTest::newRow("bad format") << QStringList{u"http://127.0.0.1:1/"_s, u"--format"_s, u"xml"_s}
                                << QByteArray("--format takes text or ndjson, not 'xml'");
    QTest::newRow("bad show") << QStringList{u"http://127.0.0.1:1/"_s, u"--show"_s, u"events"_s}
                              << QByteArray("--show takes comments, state, chunks, diagnostics or all, not 'events'");
    QTest::newRow("bad proxy") << QStringList{u"http://127.0.0.1:1/"_s, u"--proxy"_s, u"::"_s}
                               << QByteArray("--proxy takes http://host:port");
}

void TestWatchCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Run run = watch(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
}

namespace {

// What a recording holds, as the reader hands it back.
class CollectingSink final : public SessionSink
{
public:
    void requestRead(const RecordedRequest &recorded) override { request = recorded; }
    void chunkRead(const StreamChunk &chunk) override { body += chunk.bytes; }
    void stateRead(const StreamStateChange &change) override { states << streamStateName(change.state); }

    RecordedRequest request;
    QByteArray body;
    QStringList states;
};

} // namespace

void TestWatchCommand::recordsASession()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString file = directory.filePath(u"ticker.sserec"_s);
    const Run run = runCommand(u"record"_s,
                               {m_producer.url(u"/ticker?count=3&interval=5"_s).toString(), u"-o"_s, file,
                                u"--no-reconnect"_s, u"-H"_s, u"Authorization: Bearer sk-secret"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray()); // a recording prints no events
    QVERIFY2(run.err.contains("ssescope record: 3 events, 60 body bytes;"), run.err.constData());
    CollectingSink sink;
    const SessionReader::Result result = SessionReader().readFile(file, sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.warnings.isEmpty());
    QCOMPARE(sink.body, QByteArray("id: 1\ndata: tick 1\n\nid: 2\ndata: tick 2\n\nid: 3\ndata: tick 3\n\n"));
    QCOMPARE(sink.states, QStringList({u"connecting"_s, u"open"_s, u"finished"_s}));
    QCOMPARE(sink.request.request.headers.size(), 1);
    QCOMPARE(sink.request.request.headers.first().second, QByteArray("<redacted>"));
}

void TestWatchCommand::watchRecordsToo()
{
    QTemporaryDir directory;
    const QString file = directory.filePath(u"watched.sserec"_s);
    const Run run = watch({m_producer.url(u"/ticker?count=2&interval=5"_s).toString(), u"--no-reconnect"_s,
                           u"--record"_s, file, u"--keep-secrets"_s, u"-H"_s, u"X-Api-Key: k1"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("tick 2")); // watch still prints
    CollectingSink sink;
    QVERIFY(SessionReader().readFile(file, sink).ok());
    QCOMPARE(sink.body, QByteArray("id: 1\ndata: tick 1\n\nid: 2\ndata: tick 2\n\n"));
    QCOMPARE(sink.request.request.headers.first().second, QByteArray("k1"));
}

void TestWatchCommand::recordingErrors()
{
    const QString url = m_producer.url(u"/ticker?count=1&interval=5"_s).toString();
    const Run noFile = runCommand(u"record"_s, {url});
    QCOMPARE(noFile.exitCode, 2);
    QVERIFY2(noFile.err.contains("ssescope record: where to? Give the file with -o FILE."), noFile.err.constData());
    const Run unwritable = runCommand(u"record"_s, {url, u"-o"_s, u"/nonexistent-directory/x.sserec"_s});
    QCOMPARE(unwritable.exitCode, 5);
    QVERIFY2(unwritable.err.contains("ssescope record: cannot record to '/nonexistent-directory/x.sserec'"),
             unwritable.err.constData());
}

void TestWatchCommand::exportPrintsWhatWatchPrinted()
{
    // The edge-case sample, served as the replay of a capture of it: every kind of record and seven diagnostics.
    QTemporaryDir directory;
    QFile sample(QStringLiteral(SSESCOPE_SAMPLES "/edge-cases.sse"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QString capture = directory.filePath(u"capture.sserec"_s);
    QString error;
    QVERIFY2(SessionExport::writeRecording(SessionExport::fromRaw(sample.readAll()), capture, &error),
             qPrintable(error));
    std::optional<ReplayRecording> replay = ReplayRecording::load(capture, &error);
    QVERIFY2(replay, qPrintable(error));
    const QString path = m_producer.addRecording(std::make_shared<const ReplayRecording>(std::move(*replay)),
                                                 ReplayRecording::Pace{0, false});

    const QString recorded = directory.filePath(u"watched.sserec"_s);
    const Run watched = watch({m_producer.url(path).toString(), u"--format"_s, u"ndjson"_s, u"--show"_s, u"all"_s,
                               u"--no-reconnect"_s, u"--record"_s, recorded});
    QCOMPARE(watched.exitCode, 0);
    const Run exported = runCommand(u"export"_s, {recorded, u"--format"_s, u"ndjson"_s});
    QCOMPARE(exported.exitCode, 0);

    // The same lines, member for member, but for the times (watch counts from its start, the export from the
    // recording's) and the raw reads, which the raw, HAR and session file exports carry instead.
    const auto records = [](const QByteArray &out) {
        static const QRegularExpression times(uR"re(,"(t_ms|wall_ms)":-?\d+)re"_s);
        QStringList lines;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.isEmpty() && !line.startsWith(R"({"kind":"chunk",)"))
                lines << QString::fromUtf8(line).remove(times);
        }
        return lines;
    };
    const QStringList lines = records(watched.out);
    QCOMPARE(records(exported.out), lines);
    QCOMPARE(lines.filter(u"\"kind\":\"diagnostic\""_s).size(), 7);
    QCOMPARE(lines.filter(u"\"kind\":\"comment\""_s).size(), 2);
    QCOMPARE(lines.filter(u"\"kind\":\"event\""_s).size(), 6);
    QCOMPARE(lines.first(),
             u"{\"kind\":\"state\",\"state\":\"connecting\",\"cause\":\"connecting\",\"reason\":\"GET %1\","
             u"\"attempt\":1}"_s.arg(m_producer.url(path).toString()));
    QVERIFY2(lines.last().startsWith(u"{\"kind\":\"state\",\"state\":\"finished\""_s), qPrintable(lines.last()));
    QVERIFY2(lines.at(lines.size() - 2).startsWith(u"{\"kind\":\"diagnostic\",\"code\":\"unterminated-event\""_s),
             qPrintable(lines.at(lines.size() - 2)));
}

void TestWatchCommand::exitCodeFollowsTheCause_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("followUp");

    QTest::newRow("ended, reconnecting off") << u"/ticker?count=2&interval=1"_s << QStringList{u"--no-reconnect"_s} << 0
                                             << u"server-ended"_s << u"reconnecting-off"_s;
    QTest::newRow("stop rule") << u"/ticker?count=0&interval=1"_s << QStringList{u"--max-events"_s, u"3"_s} << 0
                               << u"stop-rule-count"_s << QString();
    QTest::newRow("404") << u"/status?code=404"_s << QStringList() << 1 << u"wrong-status"_s << QString();
    QTest::newRow("wrong type") << u"/wrong-type"_s << QStringList() << 1 << u"wrong-content-type"_s << QString();
    QTest::newRow("204") << u"/status?code=204"_s << QStringList() << 6 << u"no-content"_s << QString();
    QTest::newRow("opened, then attempts ran out")
        << u"/ticker?count=1&interval=1"_s << QStringList{u"--max-attempts"_s, u"2"_s, u"--retry-ms"_s, u"10"_s} << 1
        << u"server-ended"_s << u"attempts-exhausted"_s;
    QTest::newRow("a CA file without certificates")
        << u"/ticker"_s << QStringList{u"--cacert"_s, QStringLiteral(SSESCOPE_BINARY)} << 3 << u"ca-file-unreadable"_s
        << QString();
}

// The exit code is chosen by why the session ended, and the NDJSON state says why as a stable name.
void TestWatchCommand::exitCodeFollowsTheCause()
{
    QFETCH(QString, path);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, cause);
    QFETCH(QString, followUp);
    const Run run = watch(
        QStringList{m_producer.url(path).toString(), u"--format"_s, u"ndjson"_s, u"--show"_s, u"state"_s, u"--quiet"_s}
        + options);
    QCOMPARE(run.exitCode, exitCode);
    QJsonObject last;
    for (const QJsonObject &record : run.records) {
        if (record.value(u"kind"_s) == u"state"_s)
            last = record;
    }
    QCOMPARE(last.value(u"cause"_s).toString(), cause);
    QCOMPARE(last.value(u"follow_up"_s).toString(), followUp);
}

// ssescope record says it is record in what it notes on standard error.
void TestWatchCommand::recordNamesItself()
{
    QTemporaryDir directory;
    const Run run = runCommand(
        u"record"_s, {u"http://127.0.0.1:1/events"_s, u"--no-reconnect"_s, u"-o"_s, directory.filePath(u"a.sserec"_s)});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.err.startsWith("ssescope record: no stream was opened: cannot connect: "), run.err.constData());
}

QTEST_GUILESS_MAIN(TestWatchCommand)
#include "tst_watchcommand.moc"
