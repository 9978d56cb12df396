// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandrun.h"
#include "mockproducer.h"
#include "net/sseclient.h"
#include "recording/livesession.h"
#include "recording/sessionrecorder.h"
#include "recording/sessionwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestReplayCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replaysUntilTerminated();
    void stepsWithThePrintedControl();
    void replaysAndExportsARecordingStartedMidStream();
    void badInput_data();
    void badInput();
    void aCaptureSaysHowToConvertIt();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void TestReplayCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"ticks.sserec"_s);
    SessionWriter writer;
    QVERIFY(writer.open(m_file, 0));
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.headers = {{"Content-Type", "text/event-stream"}};
    QVERIFY(writer.writeResponse(response));
    const QByteArrayList reads{"id: 1\ndata: a\n\n", "id: 2\ndata: b\n\n", "data: c\n\n"};
    qint64 offset = 0;
    for (qsizetype i = 0; i < reads.size(); ++i) {
        StreamChunk chunk;
        chunk.attempt = 1;
        chunk.offset = offset;
        chunk.bytes = reads.at(i);
        chunk.monotonicNs = qint64(i + 1) * 1500000000; // 1.5 s apart: the fetch below uses speed 0
        QVERIFY(writer.writeChunk(chunk));
        offset += chunk.bytes.size();
    }
    writer.close();
}

void TestReplayCommand::replaysUntilTerminated()
{
#ifndef Q_OS_UNIX
    QSKIP("QProcess::terminate() sends SIGTERM on Unix only");
#endif
    QProcess replay;
    replay.start(QStringLiteral(SSESCOPE_BINARY), {u"replay"_s, m_file, u"--port"_s, u"0"_s, u"--speed"_s, u"2"_s});
    QVERIFY(replay.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += replay.readAllStandardOutput()).contains("Press Ctrl-C to stop."), 10000);
    const QString expected = u"Replaying %1 \\(3 chunks, 3 events, 4\\.5 s\\) at http://127\\.0\\.0\\.1:(\\d+)"
                             u"/replay/1 \\(speed 2x\\)\n"_s.arg(QRegularExpression::escape(m_file));
    const auto match = QRegularExpression(expected).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    const quint16 port = match.captured(1).toUShort();

    QTcpSocket client;
    client.connectToHost(u"127.0.0.1"_s, port);
    client.write("GET /replay/1?speed=0 HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 1\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).endsWith("\r\n0\r\n\r\n"), 10000);
    QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
    QVERIFY2(received.contains("\r\nX-Replay-Resumed-After: 1\r\n"), received.constData());
    const QByteArray body = "f\r\nid: 2\ndata: b\n\n\r\n9\r\ndata: c\n\n\r\n0\r\n\r\n";
    QVERIFY2(received.endsWith(body), received.constData());

    replay.terminate();
    QVERIFY(replay.waitForFinished(10000));
    QCOMPARE(replay.exitStatus(), QProcess::NormalExit);
    QCOMPARE(replay.exitCode(), 0);
    out += replay.readAllStandardOutput();
    QVERIFY2(out.contains(" GET /replay/1?speed=0\n"), out.constData());
    QVERIFY2(out.contains(" ended: status 200, finished, 24 bytes, "), out.constData());
}

namespace {

// Sends one request on a new connection and returns everything the producer answers until it closes.
QByteArray exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    socket.write(request);
    QByteArray received;
    const bool closed = QTest::qWaitFor(
        [&]() {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    received += socket.readAll();
    return closed ? received : "(still open after 10 s) " + received;
}

} // namespace

void TestReplayCommand::stepsWithThePrintedControl()
{
#ifndef Q_OS_UNIX
    QSKIP("QProcess::terminate() sends SIGTERM on Unix only");
#endif
    QProcess replay;
    replay.start(QStringLiteral(SSESCOPE_BINARY), {u"replay"_s, m_file, u"--port"_s, u"0"_s, u"--step"_s});
    QVERIFY(replay.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += replay.readAllStandardOutput()).contains("Press Ctrl-C to stop."), 10000);
    const QString expected
        = u"Replaying %1 \\(3 chunks, 3 events, 4\\.5 s\\) at http://127\\.0\\.0\\.1:(\\d+)/replay/1 \\(step by "
          u"step\\)\n"
          u"Each step releases the next recorded read to every stepping stream \\(\\?count=K: K reads\\):\n"
          u"  curl -X POST (http://127\\.0\\.0\\.1:\\1/replay/1/step)\n"
          u"Press Ctrl-C to stop\\.\n"_s.arg(QRegularExpression::escape(m_file));
    const auto match = QRegularExpression(expected).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    const quint16 port = match.captured(1).toUShort();
    const QUrl control(match.captured(2));
    QCOMPARE(control.port(), port);

    // The printed URL steps by default: the head, then nothing until the printed control releases a read.
    QTcpSocket client;
    client.connectToHost(u"127.0.0.1"_s, port);
    client.write("GET /replay/1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).endsWith("\r\n\r\n"), 10000);
    QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
    QVERIFY2(received.contains("\r\nTransfer-Encoding: chunked\r\n"), received.constData());
    const QByteArray head = received;

    const QByteArray path = control.path().toUtf8();
    QByteArray answer = exchange(port, "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
    QVERIFY2(answer.contains(R"("finished":0,"released":1,"remaining":2,"replay":"/replay/1","streams":1})"),
             answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received += client.readAll(), head + "f\r\nid: 1\ndata: a\n\n\r\n", 10000);

    answer = exchange(port, "POST " + path + "?count=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QVERIFY2(answer.contains(R"("finished":1,"released":2,"remaining":0,"replay":"/replay/1","streams":1})"),
             answer.constData());
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).endsWith("\r\n0\r\n\r\n"), 10000);
    QCOMPARE(received.mid(head.size()),
             QByteArray("f\r\nid: 1\ndata: a\n\n\r\nf\r\nid: 2\ndata: b\n\n\r\n9\r\ndata: c\n\n\r\n0\r\n\r\n"));

    replay.terminate();
    QVERIFY(replay.waitForFinished(10000));
    QCOMPARE(replay.exitCode(), 0);
    out += replay.readAllStandardOutput();
    QVERIFY2(out.contains(" GET /replay/1\n"), out.constData());
    QVERIFY2(out.contains(" POST /replay/1/step?count=2\n"), out.constData());
    QVERIFY2(out.contains(" ended: status 200, finished, 39 bytes, "), out.constData());
}

void TestReplayCommand::replaysAndExportsARecordingStartedMidStream()
{
#ifndef Q_OS_UNIX
    QSKIP("QProcess::terminate() sends SIGTERM on Unix only");
#endif
    // Record pressed on a stream that has sent two events already, as the window's Record button does.
    MockProducer producer;
    QVERIFY2(producer.start(), qPrintable(producer.errorString()));
    StreamRequest request;
    request.url = producer.url(u"/ticker?count=6&interval=20&type=tick"_s);
    request.proxyMode = StreamRequest::ProxyMode::None;
    request.reconnect.enabled = false;
    SseClient client(request);
    LiveSession session(&client);
    qsizetype events = 0;
    connect(&client, &SseClient::eventReceived, this, [&events]() { ++events; });
    client.start();
    QTRY_VERIFY_WITH_TIMEOUT(events >= 2, 10000);
    const qsizetype seen = events;
    const QString file = m_dir.filePath(u"joined.sserec"_s);
    auto writer = std::make_unique<SessionWriter>();
    QVERIFY(writer->open(file));
    SessionRecorder recorder(&session, std::move(writer));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), StreamState::Finished, 10000);
    recorder.stop();
    const qsizetype recorded = 6 - seen;

    QProcess replay;
    replay.start(QStringLiteral(SSESCOPE_BINARY), {u"replay"_s, file, u"--port"_s, u"0"_s, u"--speed"_s, u"0"_s});
    QVERIFY(replay.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += replay.readAllStandardOutput()).contains("Press Ctrl-C to stop."), 10000);
    const QString expected = u"Replaying %1 \\(\\d+ chunks, %2 events, [0-9.]+ s\\) at http://127\\.0\\.0\\.1:(\\d+)"
                             u"/replay/1 \\(speed 0x\\)\n"_s.arg(QRegularExpression::escape(file))
                                 .arg(recorded);
    const auto match = QRegularExpression(expected).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    const QByteArray received = exchange(match.captured(1).toUShort(), "GET /replay/1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
    QVERIFY2(received.contains("\r\nContent-Type: text/event-stream"), received.constData());
    const auto tick = [](qsizetype n) {
        return QByteArray("data: tick " + QByteArray::number(n) + '\n');
    };
    QVERIFY2(!received.contains(tick(seen)), received.constData());
    for (qsizetype n = seen + 1; n <= 6; ++n)
        QVERIFY2(received.contains(tick(n)), received.constData());
    replay.terminate();
    QVERIFY(replay.waitForFinished(10000));
    QCOMPARE(replay.exitCode(), 0);

    QProcess exporter;
    exporter.start(QStringLiteral(SSESCOPE_BINARY), {u"export"_s, file, u"--format"_s, u"har"_s});
    QVERIFY(exporter.waitForFinished(10000));
    QCOMPARE(exporter.exitCode(), 0);
    const QJsonObject entry
        = QJsonDocument::fromJson(exporter.readAllStandardOutput())[u"log"_s][u"entries"_s][0].toObject();
    QCOMPARE(entry[u"response"_s][u"status"_s].toInt(), 200);
    bool eventStream = false;
    for (const QJsonValue &header : entry[u"response"_s][u"headers"_s].toArray())
        eventStream = eventStream
            || (header[u"name"_s].toString().compare(u"content-type"_s, Qt::CaseInsensitive) == 0
                && header[u"value"_s].toString().startsWith(u"text/event-stream"_s));
    QVERIFY(eventStream);
    const QJsonArray messages = entry[u"_eventSourceMessages"_s].toArray();
    QCOMPARE(messages.size(), recorded);
    QCOMPARE(messages[0][u"data"_s].toString(), u"tick %1"_s.arg(seen + 1));
}

// A capture saved with curl -N has no timing and is no recording; replay says how to make it one.
void TestReplayCommand::aCaptureSaysHowToConvertIt()
{
    const QString path = m_dir.filePath(u"capture.sse"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("data: one\n\n");
    file.close();
    const CommandRun run = runSsescope({u"replay"_s, path});
    QCOMPARE(run.exitCode, 3);
    const QByteArray hint = "ssescope replay: to replay a raw capture, make it a recording first: ssescope export "
        + path.toUtf8() + " --from-raw --format sserec -o capture.sserec";
    QVERIFY2(run.err.contains(hint), run.err.constData());
}

void TestReplayCommand::badInput_data()
{
    QTest::addColumn<QByteArray>("contents"); // empty: the file is not created
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QByteArray header = R"({"format":"ssescope-session","version":1,"created":"x","app":"SSE Scope"})"
                              "\n";
    QTest::newRow("missing file") << QByteArray() << QStringList() << 3 << u"cannot replay %1: no such file."_s;
    QTest::newRow("corrupt line") << QByteArray(header + "{\"t\":\"chunk\"\n") << QStringList() << 3
                                  << u"cannot replay %1: line 2 (byte 74): not JSON: unterminated string."_s;
    QTest::newRow("newer format") << QByteArray(R"({"format":"ssescope-session","version":3})"
                                                "\n")
                                  << QStringList() << 3
                                  << u"cannot replay %1: recorded by a newer SSE Scope (format version 3; this one "
                                     u"reads 1)."_s;
    QTest::newRow("bad speed") << header << QStringList{u"--speed"_s, u"-2"_s} << 2
                               << u"--speed takes a factor such as 0.5, 1 or 10 (0: no pauses) or step, not '-2'."_s;
    QTest::newRow("step and a speed") << header << QStringList{u"--step"_s, u"--speed"_s, u"2"_s} << 2
                                      << u"--step holds every read until a step, so it takes no --speed."_s;
    QTest::newRow("bad port") << header << QStringList{u"--port"_s, u"70000"_s} << 2
                              << u"--port takes a whole number from 0 to 65535, not '70000'."_s;
}

void TestReplayCommand::badInput()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(u"bad.sserec"_s);
    QFile::remove(path);
    if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(contents), contents.size());
    }
    QProcess replay;
    replay.start(QStringLiteral(SSESCOPE_BINARY), QStringList{u"replay"_s, path} + arguments);
    QVERIFY(replay.waitForFinished(10000));
    QCOMPARE(replay.exitCode(), exitCode);
    const QString error = QString::fromUtf8(replay.readAllStandardError());
    const QString expected = message.contains(u"%1"_s) ? message.arg(path) : message;
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(replay.readAllStandardOutput(), QByteArray());
}

QTEST_GUILESS_MAIN(TestReplayCommand)
#include "tst_replaycommand.moc"
