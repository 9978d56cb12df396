// SPDX-License-Identifier: GPL-3.0-or-later
// The fault model: how connections are counted at their resume position, and that a seed gives the same cuts
// again to a client that behaves the same, and another seed other cuts.
#include "mockproducer.h"
#include "rawhttpclient.h"
#include "resumeledger.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// A guard only: a cut or finished connection closes long before this.
constexpr int CloseTimeoutMs = 30000;

// "GET /ticker?seed=1 @5": method, target and, after the last '@', the Last-Event-ID (none when empty); a body
// may follow the target after a space.
MockRequest request(const QString &step)
{
    const qsizetype at = step.lastIndexOf(u'@');
    const QStringList parts = step.left(at).trimmed().split(u' ');
    MockRequest result;
    result.method = parts.value(0).toLatin1();
    result.url = QUrl(u"http://127.0.0.1"_s + parts.value(1));
    result.body = parts.mid(2).join(u' ').toUtf8();
    const QByteArray lastEventId = step.mid(at + 1).toUtf8();
    if (!lastEventId.isEmpty())
        result.headers.append({"last-event-id", lastEventId});
    return result;
}

} // namespace

class TestResumeLedger final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAttemptsAtAPosition_data();
    void countsAttemptsAtAPosition();
    void cutsRepeatWithTheSeed_data();
    void cutsRepeatWithTheSeed();

private:
    // Follows a ticker with a plain socket, which always behaves the same: after each cut it connects again
    // with the last whole event's id as Last-Event-ID. cuts gets that id for every cut, ids every event's id.
    void follow(MockProducer &producer, const QByteArray &target, int maxConnections, QList<qint64> *cuts,
                QList<qint64> *ids);
};

void TestResumeLedger::countsAttemptsAtAPosition_data()
{
    // Each step is a connection, or "forget " and a connection whose stream reached its end.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QList<quint32>>("attempts");
    QTest::newRow("first connection") << QStringList{u"GET /a @"_s} << QList<quint32>{0};
    QTest::newRow("again and again at the start")
        << QStringList{u"GET /a @"_s, u"GET /a @"_s, u"GET /a @"_s} << QList<quint32>{0, 1, 2};
    QTest::newRow("progress starts the count again")
        << QStringList{u"GET /a @"_s, u"GET /a @"_s, u"GET /a @5"_s, u"GET /a @5"_s, u"GET /a @9"_s}
        << QList<quint32>{0, 1, 0, 1, 0};
    QTest::newRow("a new run from the start")
        << QStringList{u"GET /a @"_s, u"GET /a @3"_s, u"GET /a @3"_s, u"GET /a @"_s} << QList<quint32>{0, 0, 1, 0};
    QTest::newRow("ids that are not numbers")
        << QStringList{u"GET /a @chatcmpl-1"_s, u"GET /a @chatcmpl-1"_s, u"GET /a @chatcmpl-2"_s}
        << QList<quint32>{0, 1, 0};
    QTest::newRow("paths counted apart") << QStringList{u"GET /a @"_s, u"GET /b @"_s, u"GET /a @"_s, u"GET /b @5"_s,
                                                        u"GET /a @"_s}
                                         << QList<quint32>{0, 0, 1, 0, 2};
    QTest::newRow("queries counted apart")
        << QStringList{u"GET /a?seed=1 @"_s, u"GET /a?seed=2 @"_s, u"GET /a?seed=1 @"_s} << QList<quint32>{0, 0, 1};
    QTest::newRow("methods and bodies counted apart")
        << QStringList{u"POST /a {\"n\":1} @"_s, u"POST /a {\"n\":2} @"_s, u"GET /a @"_s, u"POST /a {\"n\":1} @"_s}
        << QList<quint32>{0, 0, 0, 1};
    QTest::newRow("a stream that reached its end is forgotten")
        << QStringList{u"GET /a @"_s, u"GET /a @"_s, u"forget GET /a @"_s, u"GET /a @"_s} << QList<quint32>{0, 1, 0};
    QTest::newRow("forgetting one request leaves the others")
        << QStringList{u"GET /a @"_s, u"GET /b @"_s, u"forget GET /b @"_s, u"GET /a @"_s, u"GET /b @"_s}
        << QList<quint32>{0, 0, 1, 0};
}

void TestResumeLedger::countsAttemptsAtAPosition()
{
    QFETCH(QStringList, steps);
    QFETCH(QList<quint32>, attempts);
    ResumeLedger ledger;
    QList<quint32> counted;
    for (const QString &step : std::as_const(steps)) {
        if (step.startsWith(u"forget "_s))
            ledger.forget(request(step.mid(7)));
        else
            counted << ledger.arrive(request(step));
    }
    QCOMPARE(counted, attempts);
}

void TestResumeLedger::follow(MockProducer &producer, const QByteArray &target, int maxConnections, QList<qint64> *cuts,
                              QList<qint64> *ids)
{
    QByteArray lastEventId;
    for (int connection = 0; connection < maxConnections; ++connection) {
        RawHttpClient client(
            producer.port(),
            RawHttpClient::get(
                target, lastEventId.isEmpty() ? QByteArray() : QByteArray("Last-Event-ID: " + lastEventId + "\r\n")));
        QSignalSpy disconnected(&client.socket(), &QTcpSocket::disconnected);
        while (!client.closed())
            QVERIFY(disconnected.wait(CloseTimeoutMs));
        bool complete = false;
        const QList<QByteArray> lines = client.body(&complete).split('\n');
        // Only events ended by their blank line count; a cut one is what a client must discard.
        QByteArray pending;
        for (const QByteArray &line : lines) {
            if (line.startsWith("id: ")) {
                pending = line.mid(4);
            } else if (line.isEmpty() && !pending.isEmpty()) {
                lastEventId = pending;
                *ids << pending.toLongLong();
                pending.clear();
            }
        }
        if (complete)
            return;
        *cuts << lastEventId.toLongLong();
    }
    QFAIL("the ticker did not reach its end");
}

void TestResumeLedger::cutsRepeatWithTheSeed_data()
{
    QTest::addColumn<quint32>("firstSeed");
    QTest::addColumn<quint32>("secondSeed");
    QTest::addColumn<bool>("oneProducer");
    QTest::addColumn<bool>("same");
    QTest::newRow("same seed, a producer each") << 3u << 3u << false << true;
    QTest::newRow("same seed, one producer") << 3u << 3u << true << true;
    QTest::newRow("other seed, a producer each") << 3u << 4u << false << false;
    QTest::newRow("other seed, one producer") << 3u << 4u << true << false;
}

void TestResumeLedger::cutsRepeatWithTheSeed()
{
    QFETCH(quint32, firstSeed);
    QFETCH(quint32, secondSeed);
    QFETCH(bool, oneProducer);
    QFETCH(bool, same);
    constexpr qint64 Events = 400;
    constexpr int MaxConnections = 2000;
    const auto target = [](quint32 seed) {
        return u"/ticker?interval=0&drop_chance=50&seed=%1&count=%2"_s.arg(seed).arg(Events).toUtf8();
    };
    QList<qint64> expectedIds;
    for (qint64 id = 1; id <= Events; ++id)
        expectedIds << id;

    MockProducer first;
    QVERIFY(first.start());
    QList<qint64> firstCuts;
    QList<qint64> firstIds;
    follow(first, target(firstSeed), MaxConnections, &firstCuts, &firstIds);
    if (QTest::currentTestFailed())
        return;
    MockProducer second;
    if (!oneProducer)
        QVERIFY(second.start());
    QList<qint64> secondCuts;
    QList<qint64> secondIds;
    follow(oneProducer ? first : second, target(secondSeed), MaxConnections, &secondCuts, &secondIds);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(firstIds, expectedIds);
    QCOMPARE(secondIds, expectedIds);
    // About one cut per event at 50%: a run long enough for two seeds to differ.
    QVERIFY2(firstCuts.size() > 200, qPrintable(QString::number(firstCuts.size())));
    QCOMPARE(firstCuts == secondCuts, same);
}

QTEST_GUILESS_MAIN(TestResumeLedger)
#include "tst_resumeledger.moc"
