// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/eventlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

SseEvent makeEvent(const QByteArray &id, const QByteArray &data, const QByteArray &type = "message")
{
    SseEvent e;
    e.type = type;
    e.lastEventId = id;
    e.data = data;
    return e;
}

QString cell(const EventListModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestEventListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsArriveInOneBatch();
    void columns();
    void capacityEvictsOldestBeforeInserting();
    void pauseKeepsReceiving();
    void clear();
};

void TestEventListModel::rowsArriveInOneBatch()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 1; i <= 1000; ++i)
        model.appendEvent(makeEvent(QByteArray::number(i), "tick"), 1, i * 1000000, i);
    QCOMPARE(model.rowCount(), 0); // nothing until the batch is shown
    QCOMPARE(model.pending(), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1000, 5000);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0].at(1).toInt(), 0);
    QCOMPARE(inserted[0].at(2).toInt(), 999);
    QCOMPARE(model.pending(), 0);
}

void TestEventListModel::columns()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    StreamStateChange open;
    open.state = StreamState::Open;
    open.reason = u"status 200"_s;
    open.monotonicNs = 1'000'000;
    open.wallMs = QDateTime(QDate(2026, 11, 21), QTime(15, 4, 5, 6)).toMSecsSinceEpoch();
    model.appendState(open);
    model.appendEvent(makeEvent("7", "{\"a\":1}\nsecond line", "update"), 1, 3'500'000, open.wallMs + 2);
    model.appendComment(" ping", 1, 4'000'000, open.wallMs + 3);
    model.appendEvent(makeEvent("8", "next", "update"), 1, 6'000'000, open.wallMs + 5);
    model.flush();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(EventListModel::ColumnCount));
    QCOMPARE(model.headerData(EventListModel::PreviewColumn, Qt::Horizontal).toString(), u"Data"_s);
    QCOMPARE(cell(model, 0, EventListModel::NumberColumn), u"1"_s);
    QCOMPARE(cell(model, 0, EventListModel::TimeColumn), u"15:04:05.006"_s);
    QCOMPARE(cell(model, 0, EventListModel::TypeColumn), u"[open]"_s);
    QCOMPARE(cell(model, 0, EventListModel::PreviewColumn), u"status 200"_s);
    QCOMPARE(cell(model, 0, EventListModel::DeltaColumn), QString());
    QCOMPARE(cell(model, 0, EventListModel::SizeColumn), QString());
    QCOMPARE(model.data(model.index(0, EventListModel::SizeColumn), EventListModel::RawValueRole).toLongLong(), 0);
    // Delta is since the previous row of the same kind: the first event has none, the second counts from it
    // over the comment between.
    QCOMPARE(cell(model, 1, EventListModel::DeltaColumn), QString());
    QCOMPARE(cell(model, 3, EventListModel::DeltaColumn), u"+2.500 ms"_s);
    QCOMPARE(cell(model, 1, EventListModel::TypeColumn), u"update"_s);
    QCOMPARE(cell(model, 1, EventListModel::IdColumn), u"7"_s);
    QCOMPARE(cell(model, 1, EventListModel::SizeColumn), u"19"_s);
    QCOMPARE(cell(model, 1, EventListModel::PreviewColumn), u"{\"a\":1}⏎second line"_s);
    QCOMPARE(model.data(model.index(1, EventListModel::SizeColumn), EventListModel::RawValueRole).toLongLong(), 19);
    QCOMPARE(model.data(model.index(3, EventListModel::DeltaColumn), EventListModel::RawValueRole).toLongLong(),
             2500000);
    QCOMPARE(model.data(model.index(1, EventListModel::DeltaColumn), EventListModel::RawValueRole).toLongLong(), -1);
    QCOMPARE(model.data(model.index(1, 0), EventListModel::DataRole).toByteArray(),
             QByteArray("{\"a\":1}\nsecond line"));
    QCOMPARE(model.data(model.index(2, 0), EventListModel::KindRole).toInt(), int(StreamLog::Kind::Comment));
    QCOMPARE(cell(model, 2, EventListModel::TypeColumn), u": comment"_s);
}

void TestEventListModel::capacityEvictsOldestBeforeInserting()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(5);
    for (int i = 1; i <= 4; ++i)
        model.appendEvent(makeEvent(QByteArray::number(i), "a"), 1, i, i);
    model.flush();
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy evicted(&model, &EventListModel::rowsEvicted);
    for (int i = 5; i <= 12; ++i)
        model.appendEvent(makeEvent(QByteArray::number(i), "a"), 1, i, i);
    model.flush();
    // 12 received, 5 kept: the 4 shown rows leave first, then 3 waiting ones are never shown.
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed[0].at(2).toInt(), 3);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(evicted.size(), 1);
    QCOMPARE(evicted[0].at(0).toLongLong(), 7);
    QCOMPARE(model.evicted(), 7);
    QCOMPARE(cell(model, 0, EventListModel::IdColumn), u"8"_s);
    QCOMPARE(cell(model, 0, EventListModel::NumberColumn), u"8"_s);
    QCOMPARE(cell(model, 4, EventListModel::IdColumn), u"12"_s);
}

void TestEventListModel::pauseKeepsReceiving()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFlushInterval(1);
    model.setPaused(true);
    for (int i = 1; i <= 3; ++i)
        model.appendEvent(makeEvent(QByteArray::number(i), "a"), 1, i, i);
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pending(), 3);
    model.setPaused(false);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.pending(), 0);
}

void TestEventListModel::clear()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 1; i <= 3; ++i)
        model.appendEvent(makeEvent(QByteArray::number(i), "a"), 1, i, i);
    model.flush();
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.appendEvent(makeEvent("4", "a"), 1, 4, 4);
    model.flush();
    QCOMPARE(cell(model, 0, EventListModel::NumberColumn), u"4"_s);
}

QTEST_MAIN(TestEventListModel)
#include "tst_eventlistmodel.moc"
