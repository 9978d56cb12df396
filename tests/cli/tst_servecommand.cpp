// SPDX-License-Identifier: GPL-3.0-or-later
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestServeCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesLogsAndStopsOnTerminate();
    void badArguments_data();
    void badArguments();
};

void TestServeCommand::servesLogsAndStopsOnTerminate()
{
#ifndef Q_OS_UNIX
    QSKIP("QProcess::terminate() sends SIGTERM on Unix only");
#endif
    QProcess serve;
    serve.start(QStringLiteral(SSESCOPE_BINARY), {u"serve"_s, u"--port"_s, u"0"_s});
    QVERIFY(serve.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains("Press Ctrl-C to stop."), 10000);
    const auto match
        = QRegularExpression(u"listening on http://127\\.0\\.0\\.1:(\\d+)/"_s).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    QVERIFY(out.contains("/v1/chat/completions"));
    const quint16 port = match.captured(1).toUShort();

    QTcpSocket client;
    client.connectToHost(u"127.0.0.1"_s, port);
    client.write("GET /ticker?count=0&interval=50 HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).contains("data: tick 2"), 10000);
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    out += serve.readAllStandardOutput();
    QVERIFY2(out.contains(" GET /ticker?count=0&interval=50 -> ticker\n"), out.constData());
    QVERIFY2(out.contains(" ticker ended: status 200, producer stopped, "), out.constData());
    QVERIFY2(out.contains(" stopped: 1 open stream closed\n"), out.constData());
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).endsWith("\r\n0\r\n\r\n"), 10000);
}

void TestServeCommand::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("bad port") << QStringList{u"--port"_s, u"70000"_s} << 2
                              << QByteArray("--port takes a number from 0 to 65535, not '70000'");
    QTest::newRow("bad address") << QStringList{u"--bind"_s, u"localhost:80"_s} << 2
                                 << QByteArray("--bind takes an IP address");
    QTest::newRow("extra argument") << QStringList{u"now"_s} << 2 << QByteArray("unexpected argument 'now'");
    QTest::newRow("address not here") << QStringList{u"--bind"_s, u"192.0.2.1"_s, u"--port"_s, u"0"_s} << 4
                                      << QByteArray("cannot listen on 192.0.2.1 port 0");
}

void TestServeCommand::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QProcess serve;
    serve.start(QStringLiteral(SSESCOPE_BINARY), QStringList{u"serve"_s} + arguments);
    QVERIFY(serve.waitForFinished(10000));
    QCOMPARE(serve.exitCode(), exitCode);
    const QByteArray error = serve.readAllStandardError();
    QVERIFY2(error.contains(message), error.constData());
}

QTEST_GUILESS_MAIN(TestServeCommand)
#include "tst_servecommand.moc"
