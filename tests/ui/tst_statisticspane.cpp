// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/attempttablemodel.h"
#include "stats/ratechart.h"
#include "stats/statisticspane.h"
#include "util/manualclock.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QTableView>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using Figure = StatisticsPane::Figure;

namespace {

constexpr qint64 Ms = 1'000'000;

// 21 November 2026, 15:04:05.006 local time: the clock's monotonic zero.
qint64 wallStart()
{
    return QDateTime(QDate(2026, 11, 21), QTime(15, 4, 5, 6)).toMSecsSinceEpoch();
}

// A stream session driven by a manual clock: every report carries the clock's times, as SseClient's do.
class Session
{
public:
    Session(StatisticsPane &pane, ManualClock &clock)
        : m_pane(pane)
        , m_clock(clock)
    {
    }

    void at(qint64 ms) { m_clock.advance(ms - m_clock.monotonicNs() / Ms); }

    void state(StreamState state, int attempt, const QString &reason, int status = 0, qint64 delayMs = -1)
    {
        StreamStateChange change;
        change.state = state;
        change.attempt = attempt;
        change.reason = reason;
        change.httpStatus = status;
        change.delayMs = delayMs;
        change.monotonicNs = m_clock.monotonicNs();
        change.wallMs = m_clock.wallMs();
        m_pane.addState(change);
    }

    void response(int attempt, int status, const QByteArray &phrase,
                  const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        StreamResponse response;
        response.attempt = attempt;
        response.status = status;
        response.reasonPhrase = phrase;
        response.url = QUrl(u"http://127.0.0.1:8080/events"_s);
        response.headers = headers;
        response.monotonicNs = m_clock.monotonicNs();
        m_pane.addResponse(response);
    }

    void chunkAndEvent(int attempt, const QByteArray &bytes, const QByteArray &data)
    {
        StreamChunk chunk;
        chunk.attempt = attempt;
        chunk.bytes = bytes;
        chunk.monotonicNs = m_clock.monotonicNs();
        chunk.wallMs = m_clock.wallMs();
        m_pane.addChunk(chunk);
        SseEvent sse;
        sse.type = "message";
        sse.data = data;
        m_pane.addEvent(sse, m_clock.monotonicNs());
    }

    void comment(const QByteArray &text) { m_pane.addComment(text, m_clock.monotonicNs()); }

private:
    StatisticsPane &m_pane;
    ManualClock &m_clock;
};

// Attempt 1: connects at 0, 200 at 40 ms, then an event of 50 data bytes in a 60-byte read every 100 ms from
// 100 ms to 10 s (100 events, 10 per second), the server ends it at 10.5 s, reconnect in 2 s. Attempt 2 at 12.5 s
// gets a 502 at 12.55 s and fails at 12.6 s.
void feedFirstHalf(Session &session)
{
    session.at(0);
    session.state(StreamState::Connecting, 1, u"GET http://127.0.0.1:8080/events"_s);
    session.at(40);
    session.response(1, 200, "OK",
                     {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}, {"X-Request-Id", "abc-1"}});
    session.state(StreamState::Open, 1, u"status 200, text/event-stream"_s, 200);
    for (int k = 0; k < 50; ++k) {
        session.at(100 + k * 100);
        session.chunkAndEvent(1, QByteArray(60, 'x'), QByteArray(50, 'd'));
    }
}

void feedSecondHalf(Session &session)
{
    for (int k = 50; k < 100; ++k) {
        session.at(100 + k * 100);
        session.chunkAndEvent(1, QByteArray(60, 'x'), QByteArray(50, 'd'));
        if (k == 60)
            session.comment(" ping");
    }
    session.at(10'050);
    session.comment(" bye");
    session.at(10'500);
    session.state(StreamState::WaitingToReconnect, 1, u"the server ended the stream; attempt 2 in 2.0 s"_s, 200, 2000);
    session.at(12'500);
    session.state(StreamState::Connecting, 2, u"attempt 2: GET http://127.0.0.1:8080/events"_s);
    session.at(12'550);
    session.response(2, 502, "Bad Gateway", {{"Server", "nginx"}, {"Content-Type", "text/html"}});
    session.at(12'600);
    session.state(StreamState::Failed, 2, u"status 502 Bad Gateway"_s, 502);
}

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->data(model->index(row, column)).toString();
}

} // namespace

class TestStatisticsPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyPane();
    void session();
    void byteUnitFollowsTheRate();
    void attemptsModelFollowsTheStats();
    void darkPaletteGivesADarkChart();
    void resetClearsEverything();
    void recordingStandsStill();
};

void TestStatisticsPane::initTestCase()
{
    // Figures are formatted in the user's locale: pin one.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestStatisticsPane::emptyPane()
{
    ManualClock clock(wallStart());
    StatisticsPane pane;
    pane.setClock(&clock);
    QCOMPARE(pane.figureText(Figure::Events), u"0"_s);
    QCOMPARE(pane.figureText(Figure::BodyBytes), u"0 bytes"_s);
    QCOMPARE(pane.figureText(Figure::TimeToFirstByte), u"—"_s);
    QCOMPARE(pane.figureText(Figure::InterArrivalP50), u"—"_s);
    QCOMPARE(pane.figureText(Figure::EventsPerSecondNow), u"0.0"_s);
    QCOMPARE(pane.attemptModel()->rowCount(), 0);
    QCOMPARE(pane.chart()->eventSeries()->count(), 0);
    QCOMPARE(pane.headerTitle(), u"Select an attempt to see its response headers."_s);
}

void TestStatisticsPane::session()
{
    ManualClock clock(wallStart());
    StatisticsPane pane;
    pane.setClock(&clock);
    QAbstractItemModelTester tester(pane.attemptModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    Session session(pane, clock);

    // Half way: 50 events in 5 s, at 10 per second.
    feedFirstHalf(session);
    session.at(5'100);
    pane.refresh();
    QCOMPARE(pane.figureText(Figure::Events), u"50"_s);
    QCOMPARE(pane.figureText(Figure::BodyBytes), u"2.93 KiB"_s); // 3,000 bytes
    QCOMPARE(pane.figureText(Figure::EventsPerSecondNow), u"10.0"_s);
    QCOMPARE(pane.figureText(Figure::EventsPerSecondAverage), u"10.0"_s);
    QCOMPARE(pane.figureText(Figure::BytesPerSecondNow), u"600 bytes/s"_s);
    QCOMPARE(pane.figureText(Figure::BytesPerSecondAverage), u"600 bytes/s"_s);
    QCOMPARE(pane.attemptModel()->rowCount(), 1);
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::DurationColumn), u"5.1 s"_s);
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::EndColumn), u"(open)"_s);
    // Seconds 0-4 are complete; the series starts at the first byte, 100 ms after the clock's zero.
    QLineSeries *events = pane.chart()->eventSeries();
    QLineSeries *bytes = pane.chart()->byteSeries();
    QCOMPARE(events->count(), 5);
    for (int s = 0; s < 5; ++s) {
        QCOMPARE(events->at(s), QPointF(double(wallStart() + 100 + s * 1000), 10.0));
        QCOMPARE(bytes->at(s), QPointF(double(wallStart() + 100 + s * 1000), 600.0));
    }
    QCOMPARE(pane.chart()->byteDivisor(), 1.0);
    QCOMPARE(pane.chart()->byteAxis()->titleText(), u"bytes/s"_s);
    QVERIFY(pane.chart()->eventAxis()->max() >= 10.0);
    QVERIFY(pane.chart()->byteAxis()->max() >= 600.0);
    // A young stream is drawn on a one-minute axis ending now.
    QCOMPARE(pane.chart()->timeAxis()->max(), QDateTime::fromMSecsSinceEpoch(wallStart() + 5'100));
    QCOMPARE(pane.chart()->timeAxis()->min(), QDateTime::fromMSecsSinceEpoch(wallStart() + 5'100 - 60'000));

    // The rest, and 2.5 s after the failure.
    feedSecondHalf(session);
    session.at(15'100);
    pane.refresh();
    QCOMPARE(pane.figureText(Figure::Events), u"100"_s);
    QCOMPARE(pane.figureText(Figure::Comments), u"2"_s);
    QCOMPARE(pane.figureText(Figure::BodyBytes), u"5.86 KiB"_s); // 6,000 bytes
    QCOMPARE(pane.figureText(Figure::EventData), u"4.88 KiB"_s); // 5,000 bytes
    QCOMPARE(pane.figureText(Figure::Chunks), u"100"_s);
    QCOMPARE(pane.figureText(Figure::Attempts), u"2"_s);
    QCOMPARE(pane.figureText(Figure::TimeToFirstByte), u"100 ms"_s);
    QCOMPARE(pane.figureText(Figure::TimeToFirstEvent), u"100 ms"_s);
    QCOMPARE(pane.figureText(Figure::EventsPerSecondNow), u"0.0"_s); // seconds 10-14 had none
    // From the first byte (0.1 s) to the failure (12.6 s): 100 events and 6,000 bytes in 12.5 s.
    QCOMPARE(pane.figureText(Figure::EventsPerSecondAverage), u"8.0"_s);
    QCOMPARE(pane.figureText(Figure::BytesPerSecondNow), u"0 bytes/s"_s);
    QCOMPARE(pane.figureText(Figure::BytesPerSecondAverage), u"480 bytes/s"_s);
    QCOMPARE(pane.figureText(Figure::InterArrivalP50), u"100 ms"_s);
    QCOMPARE(pane.figureText(Figure::InterArrivalP95), u"100 ms"_s);
    QCOMPARE(pane.figureText(Figure::InterArrivalP99), u"100 ms"_s);
    QCOMPARE(pane.figureText(Figure::InterArrivalMax), u"100 ms"_s);

    const QAbstractItemModel *model = pane.attemptModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->columnCount(), int(AttemptTableModel::ColumnCount));
    QCOMPARE(model->headerData(AttemptTableModel::DelayColumn, Qt::Horizontal).toString(), u"Reconnect after"_s);
    const QStringList first{u"1"_s,
                            u"15:04:05.006"_s,
                            u"200 OK"_s,
                            u"10.5 s"_s,
                            u"100"_s,
                            u"2 s"_s,
                            u"the server ended the stream; attempt 2 in 2.0 s"_s};
    const QStringList second{u"2"_s, u"15:04:17.506"_s, u"502 Bad Gateway"_s,       u"100 ms"_s,
                             u"0"_s, QString(),         u"status 502 Bad Gateway"_s};
    for (int column = 0; column < AttemptTableModel::ColumnCount; ++column) {
        QCOMPARE(cell(model, 0, column), first[column]);
        QCOMPARE(cell(model, 1, column), second[column]);
    }
    QCOMPARE(
        model->data(model->index(0, AttemptTableModel::DurationColumn), AttemptTableModel::RawValueRole).toLongLong(),
        10'500 * Ms);
    QCOMPARE(model->data(model->index(1, AttemptTableModel::StatusColumn), AttemptTableModel::RawValueRole).toInt(),
             502);
    QCOMPARE(model->data(model->index(1, AttemptTableModel::DelayColumn), AttemptTableModel::RawValueRole).toLongLong(),
             -1);

    // Selecting an attempt shows its headers.
    pane.attemptView()->selectRow(0);
    QCOMPARE(pane.headerTitle(), u"Attempt 1: 200 OK from http://127.0.0.1:8080/events"_s);
    QTreeWidget *headers = pane.headerView();
    QCOMPARE(headers->topLevelItemCount(), 3);
    QCOMPARE(headers->topLevelItem(0)->text(0), u"Content-Type"_s);
    QCOMPARE(headers->topLevelItem(0)->text(1), u"text/event-stream"_s);
    QCOMPARE(headers->topLevelItem(2)->text(0), u"X-Request-Id"_s);
    QCOMPARE(headers->topLevelItem(2)->text(1), u"abc-1"_s);
    pane.attemptView()->selectRow(1);
    QCOMPARE(pane.headerTitle(), u"Attempt 2: 502 Bad Gateway from http://127.0.0.1:8080/events"_s);
    QCOMPARE(headers->topLevelItemCount(), 2);
    QCOMPARE(headers->topLevelItem(0)->text(1), u"nginx"_s);
    // A refresh keeps the selection and what it shows.
    pane.refresh();
    QCOMPARE(headers->topLevelItemCount(), 2);
    pane.attemptView()->clearSelection();
    QCOMPARE(headers->topLevelItemCount(), 0);

    // 15 complete seconds: ten with 10 events, then five quiet ones.
    QCOMPARE(events->count(), 15);
    for (int s = 0; s < 15; ++s) {
        const double x = double(wallStart() + 100 + s * 1000);
        QCOMPARE(events->at(s), QPointF(x, s < 10 ? 10.0 : 0.0));
        QCOMPARE(bytes->at(s), QPointF(x, s < 10 ? 600.0 : 0.0));
    }
}

void TestStatisticsPane::byteUnitFollowsTheRate()
{
    ManualClock clock(wallStart());
    StatisticsPane pane;
    pane.setClock(&clock);
    Session session(pane, clock);
    session.state(StreamState::Connecting, 1, {});
    // 3 MiB in second 0, 1.5 MiB in second 1.
    session.chunkAndEvent(1, QByteArray(3 << 20, 'x'), "a");
    session.at(1'000);
    session.chunkAndEvent(1, QByteArray(3 << 19, 'x'), "b");
    session.at(2'000);
    pane.refresh();
    QCOMPARE(pane.chart()->byteDivisor(), 1024.0 * 1024.0);
    QCOMPARE(pane.chart()->byteAxis()->titleText(), u"MiB/s"_s);
    QCOMPARE(pane.chart()->byteSeries()->count(), 2);
    QCOMPARE(pane.chart()->byteSeries()->at(0).y(), 3.0);
    QCOMPARE(pane.chart()->byteSeries()->at(1).y(), 1.5);
    QCOMPARE(pane.figureText(Figure::BytesPerSecondNow), u"2.25 MiB/s"_s);
}

void TestStatisticsPane::attemptsModelFollowsTheStats()
{
    ManualClock clock(wallStart());
    StatisticsPane pane;
    pane.setClock(&clock);
    QAbstractItemModelTester tester(pane.attemptModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    Session session(pane, clock);
    // More attempts than are kept: the oldest rows go, and the numbers stay the client's.
    const int total = int(StreamStats::MaxAttempts) + 3;
    for (int i = 1; i <= 10; ++i) {
        session.at(i * 10);
        session.state(StreamState::Connecting, i, {});
        session.at(i * 10 + 5);
        session.state(StreamState::WaitingToReconnect, i, u"cannot connect: refused"_s, 0, 5);
    }
    pane.refresh();
    QCOMPARE(pane.attemptModel()->rowCount(), 10);
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::StatusColumn), u"no response"_s);
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::DelayColumn), u"5 ms"_s);
    for (int i = 11; i <= total; ++i) {
        session.at(i * 10);
        session.state(StreamState::Connecting, i, {});
        session.at(i * 10 + 5);
        session.state(StreamState::WaitingToReconnect, i, u"cannot connect: refused"_s, 0, 5);
    }
    session.at(total * 10 + 10);
    session.state(StreamState::Connecting, total + 1, {});
    session.at(total * 10 + 30);
    pane.refresh();
    QCOMPARE(pane.attemptModel()->rowCount(), int(StreamStats::MaxAttempts));
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::NumberColumn), u"5"_s);
    const int last = int(StreamStats::MaxAttempts) - 1;
    QCOMPARE(cell(pane.attemptModel(), last, AttemptTableModel::NumberColumn), QString::number(total + 1));
    QCOMPARE(cell(pane.attemptModel(), last, AttemptTableModel::StatusColumn), QString());
    QCOMPARE(cell(pane.attemptModel(), last, AttemptTableModel::DurationColumn), u"20 ms"_s);
    QCOMPARE(cell(pane.attemptModel(), last, AttemptTableModel::EndColumn), u"(connecting)"_s);
    QCOMPARE(pane.figureText(Figure::Attempts), u"1,004"_s);
    pane.attemptView()->selectRow(last);
    QCOMPARE(pane.headerTitle(), u"Attempt %1: waiting for the response."_s.arg(total + 1));
}

void TestStatisticsPane::darkPaletteGivesADarkChart()
{
    StatisticsPane pane;
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xf0, 0xf0, 0xf0));
    pane.setPalette(light);
    QCOMPARE(pane.chart()->chart()->theme(), QChart::ChartThemeLight);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1c));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    pane.setPalette(dark);
    QCOMPARE(pane.chart()->chart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(pane.chart()->chart()->backgroundBrush().color(), QColor(0x18, 0x18, 0x1c));
    QCOMPARE(pane.chart()->timeAxis()->labelsBrush().color(), QColor(0xe0, 0xe0, 0xe0));
}

void TestStatisticsPane::resetClearsEverything()
{
    ManualClock clock(wallStart());
    StatisticsPane pane;
    pane.setClock(&clock);
    QAbstractItemModelTester tester(pane.attemptModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    Session session(pane, clock);
    feedFirstHalf(session);
    session.at(5'100);
    pane.refresh();
    pane.attemptView()->selectRow(0);
    QCOMPARE(pane.headerView()->topLevelItemCount(), 3);
    pane.reset();
    QCOMPARE(pane.stats().events(), 0);
    QCOMPARE(pane.attemptModel()->rowCount(), 0);
    QCOMPARE(pane.figureText(Figure::Events), u"0"_s);
    QCOMPARE(pane.chart()->eventSeries()->count(), 0);
    QCOMPARE(pane.headerView()->topLevelItemCount(), 0);
    // And a new session shows from its start.
    session.state(StreamState::Connecting, 1, {});
    pane.refresh();
    QCOMPARE(pane.attemptModel()->rowCount(), 1);
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::StartedColumn), u"15:04:10.106"_s);
}

// A recording that ends mid-stream (Record stopped, or the recorder killed) leaves an attempt running: its
// figures are the recording's and stay as they were when the records stopped, however long the tab is open.
void TestStatisticsPane::recordingStandsStill()
{
    ManualClock clock(wallStart());
    StatisticsPane pane;
    pane.setClock(&clock);
    pane.setRecorded(true);
    Session session(pane, clock);
    feedFirstHalf(session); // the last record at 5 s: the attempt has not ended
    pane.refresh();
    const QString duration = cell(pane.attemptModel(), 0, AttemptTableModel::DurationColumn);
    const QString average = pane.figureText(Figure::EventsPerSecondAverage);
    const QString now = pane.figureText(Figure::EventsPerSecondNow);
    QCOMPARE(duration, u"5 s"_s);
    QCOMPARE(average, u"10.2"_s); // 50 events from the first byte at 100 ms to the last record at 5 s
    clock.advance(60'000); // the tab stays open a minute
    pane.refresh();
    QCOMPARE(cell(pane.attemptModel(), 0, AttemptTableModel::DurationColumn), duration);
    QCOMPARE(pane.figureText(Figure::EventsPerSecondAverage), average);
    QCOMPARE(pane.figureText(Figure::EventsPerSecondNow), now);
    QVERIFY(pane.chart()->eventSeries()->count() <= 6); // no minute of empty seconds after the records
    pane.reset(); // a live session next: the clock is "now" again
    QVERIFY(!pane.figureText(Figure::EventsPerSecondAverage).isEmpty());
}

QTEST_MAIN(TestStatisticsPane)
#include "tst_statisticspane.moc"
