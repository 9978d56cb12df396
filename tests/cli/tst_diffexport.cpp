// SPDX-License-Identifier: GPL-3.0-or-later
// ssescope diff and ssescope export end to end: exact report lines, exit codes, formats and unreadable input;
// diff's pairing by id and the fields and ids it leaves out.
#include "commandrun.h"
#include "recording/sessionwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Run = CommandRun;

struct Tick
{
    QByteArray type;
    QByteArray data;
    QByteArray id;
    qint64 ms;
};

QList<Tick> ticks(int count)
{
    QList<Tick> events;
    for (int i = 1; i <= count; ++i)
        events << Tick{"tick", "n=" + QByteArray::number(i), QByteArray::number(i), i * 100};
    return events;
}

// One reply of an OpenAI-compatible chat completion as `ssescope serve` streams it: 28 chunks that each carry
// the run's id and time, then [DONE]; no SSE ids.
QList<Tick> llmReply(const QByteArray &run, qint64 created)
{
    QList<Tick> events;
    for (int i = 0; i < 28; ++i) {
        const QByteArray delta = i == 0 ? QByteArray(R"({"role":"assistant","content":""})")
                                        : QByteArray(R"({"content":" word)" + QByteArray::number(i) + R"("})");
        events << Tick{"message",
                       R"({"id":"chatcmpl-mock-)" + run + R"(","object":"chat.completion.chunk","created":)"
                           + QByteArray::number(created) + R"(,"model":"ssescope-mock-1","choices":[{"index":0,)"
                           + R"("delta":)" + delta + R"(,"finish_reason":null}]})",
                       QByteArray(), i * 50};
    }
    events << Tick{"message", "[DONE]", QByteArray(), 28 * 50};
    return events;
}

} // namespace

class TestDiffExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void diffReports_data();
    void diffReports();
    void diffJson();
    void diffLimitsAndShortens();
    void diffBadArguments_data();
    void diffBadArguments();
    void diffUnreadable();
    void diffIgnoresFields_data();
    void diffIgnoresFields();
    void diffPairsById_data();
    void diffPairsById();
    void exportHar();
    void exportToFileAndFormats();
    void exportFromRaw();
    void exportErrors_data();
    void exportErrors();
    void exportCorrupt();
    void exportCorruptMidFile();
    void exportRewritesRecording();

private:
    Run runCommand(const QStringList &arguments);
    QString write(const QString &name, const QList<Tick> &events);
    QString file(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

Run TestDiffExport::runCommand(const QStringList &arguments)
{
    return runSsescope(arguments);
}

QString TestDiffExport::write(const QString &name, const QList<Tick> &events)
{
    SessionWriter writer;
    if (!writer.open(file(name), 0))
        return {};
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.url = QUrl(u"http://127.0.0.1:8765/ticker"_s);
    response.headers = {{"Content-Type", "text/event-stream"}};
    writer.writeResponse(response);
    qint64 offset = 0;
    for (const Tick &tick : events) {
        StreamChunk chunk;
        chunk.bytes = "event: " + tick.type + (tick.id.isEmpty() ? QByteArray() : "\nid: " + tick.id)
            + "\ndata: " + QByteArray(tick.data).replace("\n", "\ndata: ") + "\n\n";
        chunk.offset = offset;
        chunk.attempt = 1;
        chunk.monotonicNs = tick.ms * 1000000;
        chunk.wallMs = 1700000000000 + tick.ms;
        writer.writeChunk(chunk);
        offset += chunk.bytes.size();
    }
    writer.close();
    return file(name);
}

void TestDiffExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!write(u"a.sserec"_s, ticks(3)).isEmpty());
    QFile corrupt(file(u"corrupt.sserec"_s));
    QVERIFY(corrupt.open(QIODevice::WriteOnly));
    corrupt.write(R"({"format":"ssescope-session","version":1,"created":"x","app":"SSE Scope 1"})"
                  "\n{\"t\":\"chunk\"\n");
    corrupt.close();
}

void TestDiffExport::diffReports_data()
{
    QTest::addColumn<QList<Tick>>("b");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("equal") << ticks(3) << QStringList() << 0 << QByteArray("A: 3 events, B: 3 events; equal\n");
    QList<Tick> b = ticks(3);
    b[1].data = "n=20";
    QTest::newRow("data") << b << QStringList() << 1
                          << QByteArray("event 2: data differs\n  A: n=2\n  B: n=20\n"
                                        "A: 3 events, B: 3 events; 1 difference\n");
    b = ticks(3);
    b[0].type = "tock";
    b[2].id = "x3";
    QTest::newRow("type and id") << b << QStringList() << 1
                                 << QByteArray("event 1: type differs\n  A: tick\n  B: tock\n"
                                               "event 3: id differs\n  A: 3\n  B: x3\n"
                                               "A: 3 events, B: 3 events; 2 differences\n");
    QTest::newRow("b has more") << ticks(5) << QStringList() << 1
                                << QByteArray("B has 2 events that A has not:\n  event 4: tick id=4: n=4\n"
                                              "  event 5: tick id=5: n=5\nA: 3 events, B: 5 events; 2 differences\n");
    QTest::newRow("a has more") << ticks(2) << QStringList() << 1
                                << QByteArray("A has 1 event that B has not:\n  event 3: tick id=3: n=3\n"
                                              "A: 3 events, B: 2 events; 1 difference\n");
    b = ticks(3);
    b[2].ms += 50;
    QTest::newRow("timing not compared") << b << QStringList() << 0 << QByteArray("A: 3 events, B: 3 events; equal\n");
    QTest::newRow("timing within") << b << QStringList{u"--timing"_s, u"50"_s} << 0
                                   << QByteArray("A: 3 events, B: 3 events; equal\n");
    QTest::newRow("timing beyond") << b << QStringList{u"--timing"_s, u"10"_s} << 1
                                   << QByteArray("event 3: timing differs by 50.000 ms (tolerance 10 ms)\n"
                                                 "  A: +200.000 ms\n  B: +250.000 ms\n"
                                                 "A: 3 events, B: 3 events; 1 difference\n");
    // Everything shifted: times count from each recording's first event.
    b = ticks(3);
    for (Tick &tick : b)
        tick.ms += 7000;
    QTest::newRow("shifted start") << b << QStringList{u"--timing"_s, u"0"_s} << 0
                                   << QByteArray("A: 3 events, B: 3 events; equal\n");
}

void TestDiffExport::diffReports()
{
    QFETCH(QList<Tick>, b);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    const QString other = write(u"b.sserec"_s, b);
    const Run run = runCommand(QStringList{u"diff"_s, file(u"a.sserec"_s), other} + options);
    QCOMPARE(run.out, expected);
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(run.exitCode, exitCode);
}

void TestDiffExport::diffJson()
{
    QList<Tick> b = ticks(4);
    b[0].data = "changed";
    const QString other = write(u"b.sserec"_s, b);
    const Run run = runCommand({u"diff"_s, u"--format"_s, u"json"_s, file(u"a.sserec"_s), other});
    QCOMPARE(run.exitCode, 1);
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(report.value(u"equal"_s).toBool(), false);
    QCOMPARE(report.value(u"events_a"_s).toInt(), 3);
    QCOMPARE(report.value(u"events_b"_s).toInt(), 4);
    QCOMPARE(report.value(u"total"_s).toInt(), 2);
    const QJsonArray differences = report.value(u"differences"_s).toArray();
    QCOMPARE(differences.size(), 2);
    const QJsonObject data{
        {u"kind"_s, u"data"_s}, {u"index_a"_s, 0}, {u"index_b"_s, 0}, {u"a"_s, u"n=1"_s}, {u"b"_s, u"changed"_s}};
    QCOMPARE(differences[0].toObject(), data);
    const QJsonObject extra{{u"kind"_s, u"only-in-b"_s}, {u"index_a"_s, -1},    {u"index_b"_s, 3},
                            {u"type"_s, u"tick"_s},      {u"data"_s, u"n=4"_s}, {u"id"_s, u"4"_s}};
    QCOMPARE(differences[1].toObject(), extra);

    const Run equal = runCommand({u"diff"_s, u"--format"_s, u"json"_s, file(u"a.sserec"_s), file(u"a.sserec"_s)});
    QCOMPARE(equal.exitCode, 0);
    const QByteArray expected
        = R"({"aligned_by":"id","differences":[],"equal":true,"events_a":3,"events_b":3,"total":0})"
          "\n";
    QCOMPARE(equal.out, expected);
}

void TestDiffExport::diffLimitsAndShortens()
{
    QList<Tick> a = ticks(4);
    QList<Tick> b = ticks(4);
    a[0].data = QByteArray(200, 'x');
    b[0].data = "line one\nline\ttwo";
    for (int i = 1; i < 4; ++i)
        b[i].data = "other";
    write(u"long-a.sserec"_s, a);
    write(u"long-b.sserec"_s, b);
    const Run run = runCommand({u"diff"_s, u"--max"_s, u"2"_s, file(u"long-a.sserec"_s), file(u"long-b.sserec"_s)});
    QCOMPARE(run.exitCode, 1);
    const QByteArray expected = "event 1: data differs\n  A: " + QByteArray(120, 'x')
        + "... [+80 bytes]\n  B: line one\\nline\\ttwo\n"
          "event 2: data differs\n  A: n=2\n  B: other\n"
          "... and 2 more\n"
          "A: 4 events, B: 4 events; 4 differences\n";
    QCOMPARE(run.out, expected);
    const Run all = runCommand({u"diff"_s, u"--max"_s, u"0"_s, file(u"long-a.sserec"_s), file(u"long-b.sserec"_s)});
    QCOMPARE(all.out.count("data differs"), 4);
    QVERIFY(!all.out.contains("more\n"));
}

void TestDiffExport::diffBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("one file") << QStringList{u"a.sserec"_s} << QByteArray("give two recordings to compare, got 1");
    QTest::newRow("three files") << QStringList{u"a"_s, u"b"_s, u"c"_s} << QByteArray("got 3");
    QTest::newRow("format") << QStringList{u"--format"_s, u"xml"_s, u"a"_s, u"b"_s}
                            << QByteArray("--format takes text or json, not 'xml'.");
    QTest::newRow("timing") << QStringList{u"--timing"_s, u"soon"_s, u"a"_s, u"b"_s}
                            << QByteArray("--timing takes a whole number");
    QTest::newRow("negative timing") << QStringList{u"--timing"_s, u"-1"_s, u"a"_s, u"b"_s}
                                     << QByteArray("--timing takes a whole number");
    QTest::newRow("unknown option") << QStringList{u"--colour"_s, u"a"_s, u"b"_s} << QByteArray("colour");
    QTest::newRow("ignore without a slash")
        << QStringList{u"--ignore"_s, u"/id"_s, u"--ignore"_s, u"created"_s, u"a"_s, u"b"_s}
        << QByteArray("--ignore takes a JSON pointer such as /id or /choices/0/delta/role (a / before each name), "
                      "not 'created'.");
    QTest::newRow("ignore with a bad escape")
        << QStringList{u"--ignore=/a~2"_s, u"a"_s, u"b"_s} << QByteArray("not '/a~2'");
    QTest::newRow("ignore without a pointer") << QStringList{u"a"_s, u"b"_s, u"--ignore"_s} << QByteArray("ignore");
}

void TestDiffExport::diffBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Run run = runCommand(QStringList{u"diff"_s} + arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("ssescope diff: ") && run.err.contains(message), run.err.constData());
}

void TestDiffExport::diffUnreadable()
{
    Run run = runCommand({u"diff"_s, file(u"a.sserec"_s), file(u"corrupt.sserec"_s)});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.out, QByteArray());
    const QByteArray prefix = "ssescope diff: " + file(u"corrupt.sserec"_s).toLocal8Bit() + ": line 2 (byte 76): ";
    QVERIFY2(run.err.startsWith(prefix), run.err.constData());

    run = runCommand({u"diff"_s, file(u"missing.sserec"_s), file(u"a.sserec"_s)});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.startsWith("ssescope diff: ") && run.err.contains("missing.sserec"), run.err.constData());
}

void TestDiffExport::diffIgnoresFields_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("last"); // the last line of the report

    QTest::newRow("nothing ignored") << QStringList() << 1 << QByteArray("A: 29 events, B: 29 events; 28 differences");
    QTest::newRow("id ignored") << QStringList{u"--ignore"_s, u"/id"_s} << 1
                                << QByteArray("A: 29 events, B: 29 events; 28 differences");
    QTest::newRow("id and created ignored") << QStringList{u"--ignore"_s, u"/id"_s, u"--ignore"_s, u"/created"_s} << 0
                                            << QByteArray("A: 29 events, B: 29 events; equal");
    QTest::newRow("and a pointer that matches nothing")
        << QStringList{u"--ignore=/id"_s, u"--ignore=/created"_s, u"--ignore=/usage/total_tokens"_s} << 0
        << QByteArray("A: 29 events, B: 29 events; equal");
    QTest::newRow("the content ignored as well")
        << QStringList{u"--ignore"_s, u"/id"_s,      u"--ignore"_s,
                       u"/created"_s, u"--ignore"_s, u"/choices/0/delta/content"_s}
        << 0 << QByteArray("A: 29 events, B: 29 events; equal");
}

void TestDiffExport::diffIgnoresFields()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, last);
    // Two runs of one LLM reply, equal but for each chunk's id and time.
    const QString a = write(u"llm-a.sserec"_s, llmReply("1764000000001", 1764000000));
    const QString b = write(u"llm-b.sserec"_s, llmReply("1764000007342", 1764000007));
    const Run run = runCommand(QStringList{u"diff"_s, a, b} + options);
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.out.endsWith(QByteArray(last + '\n')), run.out.constData());
    if (exitCode == 1)
        QVERIFY2(run.out.startsWith("event 1: data differs\n  A: {\"id\":\"chatcmpl-mock-1764000000001\","),
                 run.out.constData());
    else
        QCOMPARE(run.out, last + '\n');
}

void TestDiffExport::diffPairsById_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");

    // B lacks A's third event, and B's event with id 4 has other data.
    QTest::newRow("by id") << QStringList() << 1
                           << QByteArray("A has 1 event that B has not:\n  event 3: tick id=3: n=3\n"
                                         "event 4 (3 in B): data differs\n  A: n=4\n  B: n=40\n"
                                         "A: 5 events, B: 4 events; 2 differences\n");
    QTest::newRow("ids ignored: by position")
        << QStringList{u"--ignore-id"_s} << 1
        << QByteArray(
               "event 3: data differs\n  A: n=3\n  B: n=40\nevent 4: data differs\n  A: n=4\n  B: n=5\n"
               "A has 1 event that B has not:\n  event 5: tick id=5: n=5\nA: 5 events, B: 4 events; 3 differences\n");
    QTest::newRow("json") << QStringList{u"--format"_s, u"json"_s} << 1
                          << QByteArray(
                                 R"({"aligned_by":"id","differences":[)"
                                 R"({"data":"n=3","id":"3","index_a":2,"index_b":-1,"kind":"only-in-a","type":"tick"},)"
                                 R"({"a":"n=4","b":"n=40","index_a":3,"index_b":2,"kind":"data"}],)"
                                 R"("equal":false,"events_a":5,"events_b":4,"total":2})"
                                 "\n");
}

void TestDiffExport::diffPairsById()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    const QString a = write(u"five.sserec"_s, ticks(5));
    QList<Tick> b = ticks(5);
    b.removeAt(2);
    b[2].data = "n=40";
    const Run run = runCommand(QStringList{u"diff"_s, a, write(u"four.sserec"_s, b)} + options);
    QCOMPARE(run.out, expected);
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(run.exitCode, exitCode);
}

void TestDiffExport::exportHar()
{
    const Run run = runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"har"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    QJsonParseError error;
    const QJsonObject log = QJsonDocument::fromJson(run.out, &error).object().value(u"log"_s).toObject();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    const QJsonObject entry = log.value(u"entries"_s)[0].toObject();
    QCOMPARE(entry.value(u"response"_s)[u"status"_s].toInt(), 200);
    const QJsonArray messages = entry.value(u"_eventSourceMessages"_s).toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages[2][u"data"_s].toString(), u"n=3"_s);
    QCOMPARE(messages[2][u"type"_s].toString(), u"tick"_s);
    QCOMPARE(messages[2][u"time"_s].toDouble(), 1700000000.3);
}

void TestDiffExport::exportToFileAndFormats()
{
    const QString out = file(u"a.ndjson"_s);
    Run run = runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"ndjson"_s, u"-o"_s, out});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray());
    QFile ndjson(out);
    QVERIFY(ndjson.open(QIODevice::ReadOnly));
    const QByteArray expected
        = R"({"kind":"event","type":"tick","data":"n=1","id":"1","attempt":1,"t_ms":100,"wall_ms":1700000000100})"
          "\n"
          R"({"kind":"event","type":"tick","data":"n=2","id":"2","attempt":1,"t_ms":200,"wall_ms":1700000000200})"
          "\n"
          R"({"kind":"event","type":"tick","data":"n=3","id":"3","attempt":1,"t_ms":300,"wall_ms":1700000000300})"
          "\n";
    QCOMPARE(ndjson.readAll(), expected);
    // ndjson is the default.
    QCOMPARE(runCommand({u"export"_s, file(u"a.sserec"_s)}).out, expected);

    run = runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"csv"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QByteArray("seq,attempt,t_ms,wall_ms,kind,type,id,data\r\n1,1,100,1700000000100,event,tick,1,\"n=1\"\r\n"
                        "2,1,200,1700000000200,event,tick,2,\"n=2\"\r\n"
                        "3,1,300,1700000000300,event,tick,3,\"n=3\"\r\n"));
    run = runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"sse"_s});
    QCOMPARE(run.out,
             QByteArray("event: tick\nid: 1\ndata: n=1\n\nevent: tick\nid: 2\ndata: n=2\n\n"
                        "event: tick\nid: 3\ndata: n=3\n\n"));
    run = runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"raw"_s});
    QCOMPARE(run.out,
             QByteArray("event: tick\nid: 1\ndata: n=1\n\nevent: tick\nid: 2\ndata: n=2\n\n"
                        "event: tick\nid: 3\ndata: n=3\n\n"));
}

void TestDiffExport::exportFromRaw()
{
    const QString capture = file(u"capture.sse"_s);
    QFile raw(capture);
    QVERIFY(raw.open(QIODevice::WriteOnly));
    raw.write(": hello\n\ndata: one\n\nevent: close\ndata: two\n\n");
    raw.close();
    Run run = runCommand({u"export"_s, u"--from-raw"_s, capture, u"--format"_s, u"csv"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QByteArray("seq,attempt,t_ms,wall_ms,kind,type,id,data\r\n1,1,0,0,event,message,,\"one\"\r\n"
                        "2,1,0,0,event,close,,\"two\"\r\n"));

    // Turned into a recording, the capture diffs equal to a recording of the same events.
    const QString recording = file(u"capture.sserec"_s);
    run = runCommand({u"export"_s, u"--from-raw"_s, capture, u"--url"_s, u"https://example.com/s"_s, u"--format"_s,
                      u"sserec"_s, u"-o"_s, recording});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    write(u"same.sserec"_s, {{"message", "one", "", 0}, {"close", "two", "", 0}});
    run = runCommand({u"diff"_s, recording, file(u"same.sserec"_s), u"--timing"_s, u"0"_s});
    QCOMPARE(run.out, QByteArray("A: 2 events, B: 2 events; equal\n"));
    QCOMPARE(run.exitCode, 0);
    run = runCommand({u"export"_s, recording, u"--format"_s, u"har"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject entry = QJsonDocument::fromJson(run.out).object()[u"log"_s][u"entries"_s][0].toObject();
    QCOMPARE(entry.value(u"request"_s)[u"url"_s].toString(), u"https://example.com/s"_s);
    QCOMPARE(entry.value(u"_eventSourceMessages"_s)[1][u"data"_s].toString(), u"two"_s);
}

void TestDiffExport::exportErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no file") << QStringList() << 2 << QByteArray("which file?");
    QTest::newRow("format") << QStringList{u"x"_s, u"--format"_s, u"xml"_s} << 2
                            << QByteArray("--format takes ndjson, csv, sse, raw, har or sserec, not 'xml'.");
    QTest::newRow("sserec to stdout") << QStringList{u"x"_s, u"--format"_s, u"sserec"_s} << 2
                                      << QByteArray("give it with -o FILE");
    QTest::newRow("url without raw") << QStringList{u"x"_s, u"--url"_s, u"http://a/"_s} << 2
                                     << QByteArray("--url goes with --from-raw");
    QTest::newRow("missing") << QStringList{u"/nonexistent/x.sserec"_s} << 3 << QByteArray("/nonexistent/x.sserec");
    QTest::newRow("missing raw") << QStringList{u"--from-raw"_s, u"/nonexistent/x.sse"_s} << 3
                                 << QByteArray("cannot open /nonexistent/x.sse");
}

void TestDiffExport::exportErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const Run run = runCommand(QStringList{u"export"_s} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("ssescope export: ") && run.err.contains(message), run.err.constData());
}

void TestDiffExport::exportCorrupt()
{
    const Run corrupt = runCommand({u"export"_s, file(u"corrupt.sserec"_s), u"--format"_s, u"har"_s});
    QCOMPARE(corrupt.exitCode, 3);
    QCOMPARE(corrupt.out, QByteArray());
    QVERIFY2(corrupt.err.contains(": line 2 (byte 76): "), corrupt.err.constData());
}

void TestDiffExport::exportCorruptMidFile()
{
    // 3000 events, more than one block of output, then a line cut short and more records.
    const QString input = write(u"mid.sserec"_s, ticks(3000));
    QFile recording(input);
    QVERIFY(recording.open(QIODevice::Append));
    const qint64 offset = recording.size();
    recording.write("{\"t\":\"chunk\",\"ns\":1,\n");
    recording.write(R"({"t":"chunk","ns":400000000000,"wall":1,"attempt":1,"offset":0,"data":"data: late\n\n"})"
                    "\n");
    recording.close();
    // line 1 the header, line 2 the response, 3000 chunks, then the broken line
    const QByteArray where = "line 3003 (byte " + QByteArray::number(offset) + "): not JSON";

    const QString directory = file(u"out"_s);
    QVERIFY(QDir().mkpath(directory));
    for (const QString &format : {u"ndjson"_s, u"har"_s, u"sserec"_s}) {
        const QString output = directory + u"/mid."_s + format;
        const Run run = runCommand({u"export"_s, input, u"--format"_s, format, u"-o"_s, output});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.startsWith(QByteArray("ssescope export: " + input.toLocal8Bit() + ": " + where)),
                 run.err.constData());
        // Neither the output nor a temporary file is left behind.
        QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // A file that was there already stays as it was.
    const QString existing = directory + u"/existing.har"_s;
    QFile previous(existing);
    QVERIFY(previous.open(QIODevice::WriteOnly));
    previous.write("previous export\n");
    previous.close();
    const Run run = runCommand({u"export"_s, input, u"--format"_s, u"har"_s, u"-o"_s, existing});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(previous.open(QIODevice::ReadOnly));
    QCOMPARE(previous.readAll(), QByteArray("previous export\n"));
    QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden), QStringList{u"existing.har"_s});

    // To standard output the export streams: what came before the broken line was written, and the exit code
    // says the export is not complete.
    const Run streamed = runCommand({u"export"_s, input, u"--format"_s, u"ndjson"_s});
    QCOMPARE(streamed.exitCode, 3);
    QVERIFY2(streamed.err.contains(where), streamed.err.constData());
    QVERIFY(streamed.out.startsWith(R"({"kind":"event","type":"tick","data":"n=1","id":"1","attempt":1,"t_ms":100,)"));
    QVERIFY(!streamed.out.contains("late"));
}

void TestDiffExport::exportRewritesRecording()
{
    const QString copy = file(u"rewritten.sserec"_s);
    Run run = runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"sserec"_s, u"-o"_s, copy});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    run = runCommand({u"diff"_s, file(u"a.sserec"_s), copy, u"--timing"_s, u"0"_s});
    QCOMPARE(run.out, QByteArray("A: 3 events, B: 3 events; equal\n"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(runCommand({u"export"_s, copy, u"--format"_s, u"raw"_s}).out,
             runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"raw"_s}).out);
    // The copy says when the session was recorded, not when it was copied.
    const auto header = [](const QString &path) {
        QFile recording(path);
        return recording.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(recording.readLine()).object()
                                                   : QJsonObject();
    };
    const QString created = header(file(u"a.sserec"_s)).value(u"created"_s).toString();
    QVERIFY(!created.isEmpty());
    QTest::qWait(5); // a copy made now would say a later millisecond
    QVERIFY(runCommand({u"export"_s, file(u"a.sserec"_s), u"--format"_s, u"sserec"_s, u"-o"_s, copy}).exitCode == 0);
    QCOMPARE(header(copy).value(u"created"_s).toString(), created);
}

QTEST_GUILESS_MAIN(TestDiffExport)
#include "tst_diffexport.moc"
