// SPDX-License-Identifier: GPL-3.0-or-later
#include "language.h"
#include "models/eventlistmodel.h"
#include "statetext.h"

#include <QApplication>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestStateText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void adviceComesFromTheCause_data();
    void adviceComesFromTheCause();
    void waitingSaysWhatFollows();
    void unknownCauseKeepsTheRecordedReason();
    void chineseSentences_data();
    void chineseSentences();
    void stateRowsInChinese();
    void englishCountsAgree_data();
    void englishCountsAgree();
};

namespace {

StreamStateChange change(StreamState state, StreamCause cause, int status = 0,
                         StreamFollowUp followUp = StreamFollowUp::None)
{
    StreamStateChange c;
    c.state = state;
    c.cause = cause;
    c.httpStatus = status;
    c.followUp = followUp;
    c.attempt = 1;
    c.reason = u"an English sentence the window must not search"_s;
    return c;
}

} // namespace

void TestStateText::cleanup()
{
    Language::install(qApp, u"en"_s);
}

void TestStateText::adviceComesFromTheCause_data()
{
    QTest::addColumn<StreamStateChange>("change");
    QTest::addColumn<QString>("advice");

    QTest::newRow("cannot connect") << change(StreamState::WaitingToReconnect, StreamCause::CannotConnect, 0,
                                              StreamFollowUp::Reconnect)
                                    << u"Nothing answers at this address"_s;
    QTest::newRow("gave up connecting") << change(StreamState::Failed, StreamCause::CannotConnect, 0,
                                                  StreamFollowUp::AttemptsExhausted)
                                        << u"Nothing answers at this address"_s;
    QTest::newRow("wrong type") << change(StreamState::Failed, StreamCause::WrongContentType, 200)
                                << u"not an event stream"_s;
    // With "Retry 5xx" on, a 5xx fails only when something else keeps the client from trying again.
    QTest::newRow("503, reconnecting off")
        << change(StreamState::Failed, StreamCause::WrongStatus, 503, StreamFollowUp::ReconnectingOff)
        << u"reconnecting is off"_s;
    QTest::newRow("503 to a POST") << change(StreamState::Failed, StreamCause::WrongStatus, 503,
                                             StreamFollowUp::WouldRepeatRequest)
                                   << u"Allow reconnecting POST requests"_s;
    QTest::newRow("tls") << change(StreamState::Failed, StreamCause::TlsFailed) << u"certificate is not trusted"_s;
    QTest::newRow("limit") << change(StreamState::Failed, StreamCause::OverLimit) << u"size limit"_s;
    QTest::newRow("url") << change(StreamState::Failed, StreamCause::NotHttpUrl) << u"http:// or https://"_s;
    QTest::newRow("401") << change(StreamState::Failed, StreamCause::WrongStatus, 401) << u"Authorization"_s;
    QTest::newRow("500") << change(StreamState::Failed, StreamCause::WrongStatus, 500) << u"Retry 5xx"_s;
    QTest::newRow("500 retried") << change(StreamState::WaitingToReconnect, StreamCause::WrongStatus, 500,
                                           StreamFollowUp::Reconnect)
                                 << QString();
    QTest::newRow("204") << change(StreamState::StoppedByServer, StreamCause::NoContent, 204) << u"204"_s;
    QTest::newRow("idle") << change(StreamState::WaitingToReconnect, StreamCause::IdleTimeout, 200,
                                    StreamFollowUp::Reconnect)
                          << u"read timeout"_s;
    QTest::newRow("post not repeated") << change(StreamState::Finished, StreamCause::ServerEnded, 200,
                                                 StreamFollowUp::WouldRepeatRequest)
                                       << u"POST"_s;
    QTest::newRow("ended") << change(StreamState::Finished, StreamCause::ServerEnded, 200,
                                     StreamFollowUp::ReconnectingOff)
                           << QString();
    QTest::newRow("stop rule") << change(StreamState::Finished, StreamCause::StopRuleData) << QString();
}

void TestStateText::adviceComesFromTheCause()
{
    QFETCH(StreamStateChange, change);
    QFETCH(QString, advice);
    const QString given = StateText::advice(change);
    if (advice.isEmpty())
        QVERIFY2(given.isEmpty(), qPrintable(given));
    else
        QVERIFY2(given.contains(advice), qPrintable(given));
}

void TestStateText::waitingSaysWhatFollows()
{
    StreamStateChange c
        = change(StreamState::WaitingToReconnect, StreamCause::CannotConnect, 0, StreamFollowUp::Reconnect);
    c.detail = u"Connection refused"_s;
    c.delayMs = 1500;
    QCOMPARE(StateText::cause(c), u"cannot connect: Connection refused"_s);
    QCOMPARE(StateText::followUp(c), u"attempt 2 in 1.5 s"_s);
    QCOMPARE(StateText::sentence(c), u"cannot connect: Connection refused; attempt 2 in 1.5 s"_s);
    c.retryAfter = true;
    QCOMPARE(StateText::followUp(c), u"attempt 2 in 1.5 s, as the server's Retry-After asks"_s);
}

void TestStateText::unknownCauseKeepsTheRecordedReason()
{
    StreamStateChange c;
    c.state = StreamState::Failed;
    c.reason = u"as an older recording said it"_s;
    QCOMPARE(StateText::sentence(c), c.reason);
    QVERIFY(StateText::advice(c).isEmpty());
}

void TestStateText::chineseSentences_data()
{
    QTest::addColumn<StreamStateChange>("change");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("sentence");

    StreamStateChange waiting
        = change(StreamState::WaitingToReconnect, StreamCause::CannotConnect, 0, StreamFollowUp::Reconnect);
    waiting.detail = u"Connection refused"_s;
    waiting.delayMs = 1500;
    QTest::newRow("waiting") << waiting << u"等待重新连接"_s
                             << u"无法连接：Connection refused；1.5 秒后进行第 2 次尝试"_s;
    StreamStateChange gaveUp
        = change(StreamState::Failed, StreamCause::ServerEnded, 200, StreamFollowUp::AttemptsExhausted);
    gaveUp.attempt = 3;
    QTest::newRow("gave up") << gaveUp << u"失败"_s << u"服务器结束了流；尝试 3 次后放弃"_s;
    StreamStateChange type = change(StreamState::Failed, StreamCause::WrongContentType, 200);
    type.detail = u"text/html"_s;
    QTest::newRow("wrong type") << type << u"失败"_s
                                << u"HTTP 200 的 Content-Type 是 text/html，不是 text/event-stream"_s;
    StreamStateChange stop = change(StreamState::Finished, StreamCause::StopRuleCount);
    stop.detail = u"5"_s;
    QTest::newRow("stop") << stop << u"已完成"_s << u"停止规则：已收到 5 个事件"_s;
}

// States, causes and what follows are the user's language, as every other word of the window.
void TestStateText::chineseSentences()
{
    QFETCH(StreamStateChange, change);
    QFETCH(QString, title);
    QFETCH(QString, sentence);
    QCOMPARE(Language::install(qApp, u"zh_CN"_s), u"zh_CN"_s);
    QCOMPARE(StateText::title(change.state), title);
    QCOMPARE(StateText::sentence(change), sentence);
    QVERIFY(!StateText::advice(change).contains(u"the"_s));
}

// The table's state rows are worded like the state line, in the user's language.
void TestStateText::stateRowsInChinese()
{
    QCOMPARE(Language::install(qApp, u"zh_CN"_s), u"zh_CN"_s);
    EventListModel model;
    StreamStateChange waiting
        = change(StreamState::WaitingToReconnect, StreamCause::CannotConnect, 0, StreamFollowUp::Reconnect);
    waiting.detail = u"Connection refused"_s;
    waiting.delayMs = 1500;
    model.appendState(waiting);
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, EventListModel::TypeColumn)).toString(), u"[等待重连]"_s);
    QCOMPARE(model.data(model.index(0, EventListModel::PreviewColumn)).toString(),
             u"无法连接：Connection refused；1.5 秒后进行第 2 次尝试"_s);
}

void TestStateText::englishCountsAgree_data()
{
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("followUp");
    QTest::newRow("one") << 1 << u"gave up after 1 attempt"_s;
    QTest::newRow("two") << 2 << u"gave up after 2 attempts"_s;
}

// English has its plural forms too: "1 attempt", "2 attempts", never "attempt(s)".
void TestStateText::englishCountsAgree()
{
    QFETCH(int, attempts);
    QFETCH(QString, followUp);
    Language::install(qApp, u"en"_s);
    StreamStateChange gaveUp
        = change(StreamState::Failed, StreamCause::ServerEnded, 200, StreamFollowUp::AttemptsExhausted);
    gaveUp.attempt = attempts;
    QCOMPARE(StateText::followUp(gaveUp), followUp);
}

QTEST_MAIN(TestStateText)
#include "tst_statetext.moc"
