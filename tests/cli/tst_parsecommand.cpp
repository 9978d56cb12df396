// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandrun.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Result = CommandRun;

} // namespace

class TestParseCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsFromStdin();
    void chunkSizeDoesNotChangeOutput_data();
    void chunkSizeDoesNotChangeOutput();
    void count();
    void showRecords();
    void limitErrorExitsOne();
    void countIsTheSameForAnyReadSize();
    void repeatedShow();
    void unwritableOutput();
    void badArguments_data();
    void badArguments();
    void unreadableInput();
    void helpAndVersion();
};

void TestParseCommand::eventsFromStdin()
{
    const Result r = runSsescope({u"parse"_s}, "data: hello\n\nevent: close\ndata: bye\nid: 7\n\ndata: \"q\"\\\n\n");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             QByteArray("{\"type\":\"message\",\"data\":\"hello\",\"id\":\"\"}\n"
                        "{\"type\":\"close\",\"data\":\"bye\",\"id\":\"7\"}\n"
                        "{\"type\":\"message\",\"data\":\"\\\"q\\\"\\\\\",\"id\":\"7\"}\n"));
    QCOMPARE(r.err, QByteArray());
}

void TestParseCommand::chunkSizeDoesNotChangeOutput_data()
{
    QTest::addColumn<QString>("sample");
    QTest::newRow("openai") << u"openai-chat.sse"_s;
    QTest::newRow("django counter") << u"django-counter.sse"_s;
    QTest::newRow("edge cases") << u"edge-cases.sse"_s;
}

void TestParseCommand::chunkSizeDoesNotChangeOutput()
{
    QFETCH(QString, sample);
    const QString path = QStringLiteral(SSESCOPE_SAMPLES) + u'/' + sample;
    const Result whole = runSsescope({u"parse"_s, u"--show"_s, u"all"_s, path});
    QCOMPARE(whole.exitCode, 0);
    QVERIFY(whole.out.count('\n') >= 3);
    for (const QString &size : {u"1"_s, u"2"_s, u"7"_s, u"4096"_s}) {
        const Result split = runSsescope({u"parse"_s, u"--show"_s, u"all"_s, u"--chunk-size"_s, size, path});
        QCOMPARE(split.exitCode, 0);
        QCOMPARE(split.out, whole.out);
    }
}

void TestParseCommand::count()
{
    const Result r = runSsescope({u"parse"_s, u"--count"_s, u"-"_s}, ": ping\ndata: a\n\ndata: b\n\n: pong\n");
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.endsWith('\n'));
    QCOMPARE(r.out.count('\n'), 1);
    const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(summary.value(u"events"_s).toInt(), 2);
    QCOMPARE(summary.value(u"comments"_s).toInt(), 2);
    QCOMPARE(summary.value(u"bytes"_s).toInt(), 32);
    QCOMPARE(summary.value(u"errors"_s).toInt(), 0);
    QVERIFY(summary.value(u"seconds"_s).toDouble() >= 0.0);
}

void TestParseCommand::showRecords()
{
    const Result r = runSsescope({u"parse"_s, u"--show"_s, u"comments,retry,diagnostics"_s},
                                 ": hi\nretry: 3000\nfoo: x\ndata: a\n\n");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             QByteArray("{\"kind\":\"comment\",\"text\":\" hi\",\"offset\":0}\n"
                        "{\"kind\":\"retry\",\"ms\":3000,\"offset\":5}\n"
                        "{\"kind\":\"diagnostic\",\"code\":\"unknown-field\","
                        "\"message\":\"unknown field \\\"foo\\\" ignored\",\"offset\":17}\n"
                        "{\"type\":\"message\",\"data\":\"a\",\"id\":\"\"}\n"));
}

void TestParseCommand::limitErrorExitsOne()
{
    const QByteArray input = "data: 0123456789abcdef\n\ndata: ok\n\n";
    const Result fail = runSsescope({u"parse"_s, u"--max-line-length"_s, u"10"_s}, input);
    QCOMPARE(fail.exitCode, 1);
    QCOMPARE(fail.out, QByteArray());
    QCOMPARE(fail.err,
             QByteArray("ssescope parse: line at byte 0 is longer than the line limit of 10 bytes "
                        "(line-too-long)\n"));
    const Result skip
        = runSsescope({u"parse"_s, u"--max-line-length"_s, u"10"_s, u"--on-overflow"_s, u"skip"_s}, input);
    QCOMPARE(skip.exitCode, 1);
    QCOMPARE(skip.out, QByteArray("{\"type\":\"message\",\"data\":\"ok\",\"id\":\"\"}\n"));
}

void TestParseCommand::countIsTheSameForAnyReadSize()
{
    const QByteArray input = "data: ok\n\ndata: " + QByteArray(100, 'x') + "\n\ndata: never\n\n";
    for (const QString &size : {u"1"_s, u"7"_s, u"65536"_s}) {
        const Result r
            = runSsescope({u"parse"_s, u"--count"_s, u"--max-line-length"_s, u"20"_s, u"--chunk-size"_s, size}, input);
        QCOMPARE(r.exitCode, 1);
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(u"events"_s).toInt(), 1);
        QCOMPARE(summary.value(u"errors"_s).toInt(), 1);
        QCOMPARE(summary.value(u"bytes"_s).toInt(), 10); // the bytes before the line that failed
    }
}

void TestParseCommand::repeatedShow()
{
    const Result r = runSsescope({u"parse"_s, u"--show"_s, u"retry"_s, u"--show"_s, u"comments"_s}, ": hi\nretry: 5\n");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             QByteArray("{\"kind\":\"comment\",\"text\":\" hi\",\"offset\":0}\n"
                        "{\"kind\":\"retry\",\"ms\":5,\"offset\":5}\n"));
}

void TestParseCommand::unwritableOutput()
{
    if (!QFile::exists(u"/dev/full"_s))
        QSKIP("needs /dev/full");
    QProcess process;
    process.setStandardOutputFile(u"/dev/full"_s);
    process.start(QStringLiteral(SSESCOPE_BINARY), {u"parse"_s});
    QVERIFY(process.waitForStarted());
    process.write("data: hi\n\n");
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitCode(), 5);
    QVERIFY(process.readAllStandardError().startsWith("ssescope parse: cannot write to standard output: "));
}

void TestParseCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("unknown option") << QStringList{u"parse"_s, u"--nope"_s} << QByteArray("Unknown option 'nope'");
    QTest::newRow("chunk size zero") << QStringList{u"parse"_s, u"--chunk-size"_s, u"0"_s}
                                     << QByteArray("--chunk-size takes a whole number from 1 to 1073741824, not '0'");
    QTest::newRow("chunk size text") << QStringList{u"parse"_s, u"--chunk-size"_s, u"big"_s} << QByteArray("not 'big'");
    QTest::newRow("bad show") << QStringList{u"parse"_s, u"--show"_s, u"events"_s}
                              << QByteArray("--show takes comments, retry, diagnostics or all, not 'events'");
    QTest::newRow("bad overflow") << QStringList{u"parse"_s, u"--on-overflow"_s, u"ignore"_s}
                                  << QByteArray("--on-overflow takes fail or skip");
    QTest::newRow("two inputs") << QStringList{u"parse"_s, u"a"_s, u"b"_s} << QByteArray("one input at a time");
    QTest::newRow("unknown command") << QStringList{u"pars"_s} << QByteArray("unknown command 'pars'");
}

void TestParseCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Result r = runSsescope(arguments);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.out, QByteArray());
    if (!r.err.contains(message))
        qWarning() << r.err;
    QVERIFY(r.err.contains(message));
}

void TestParseCommand::unreadableInput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result missing = runSsescope({u"parse"_s, dir.filePath(u"missing.sse"_s)});
    QCOMPARE(missing.exitCode, 3);
    QVERIFY(missing.err.contains("cannot read"));
    QVERIFY(missing.err.contains("missing.sse"));
    const Result directory = runSsescope({u"parse"_s, dir.path()});
    QCOMPARE(directory.exitCode, 3);
    QVERIFY(directory.err.startsWith("ssescope parse: "));
}

void TestParseCommand::helpAndVersion()
{
    const Result help = runSsescope({u"parse"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith("Usage: ssescope parse [options] [FILE|-]\n"));
    for (const char *option :
         {"--count", "--chunk-size", "--show", "--max-line-length", "--max-event-size", "--on-overflow", "Exit codes"})
        QVERIFY2(help.out.contains(option), option);
    // "help COMMAND" gives that command's help, not the overview.
    const Result helpTopic = runSsescope({u"help"_s, u"parse"_s});
    QCOMPARE(helpTopic.exitCode, 0);
    QCOMPARE(helpTopic.out, help.out);
    const Result helpUnknown = runSsescope({u"help"_s, u"nosuch"_s});
    QCOMPARE(helpUnknown.exitCode, 2);
    QVERIFY2(helpUnknown.err.contains("unknown command 'nosuch'"), helpUnknown.err.constData());
    const Result overview = runSsescope({u"--help"_s});
    QCOMPARE(overview.exitCode, 0);
    QVERIFY(overview.out.contains("parse [FILE|-]"));
    const Result version = runSsescope({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("ssescope "));
    QCOMPARE(version.out.count('.'), 2);
}

QTEST_GUILESS_MAIN(TestParseCommand)
#include "tst_parsecommand.moc"
