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
    void sizes_data();
    void sizes();
    void jsonColumns_data();
    void jsonColumns();
    void jsonColumnsChange();
    void jsonColumnsAfterEviction();
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
    QCOMPARE(cell(model, 1, EventListModel::SizeColumn), u"19 B"_s);
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

void TestEventListModel::sizes_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("german");

    QTest::newRow("empty") << 0 << u"0 B"_s << u"0 B"_s;
    QTest::newRow("small") << 999 << u"999 B"_s << u"999 B"_s;
    QTest::newRow("two thousand, whole") << 2000 << u"2,000 B"_s << u"2.000 B"_s;
    QTest::newRow("largest in bytes") << 9999 << u"9,999 B"_s << u"9.999 B"_s;
    QTest::newRow("KiB") << 10000 << u"9.8 KiB"_s << u"9,8 KiB"_s;
    QTest::newRow("MiB") << 2000000 << u"1.9 MiB"_s << u"1,9 MiB"_s;
}

void TestEventListModel::sizes()
{
    QFETCH(int, bytes);
    QFETCH(QString, english);
    QFETCH(QString, german);

    const QLocale before;
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvent(makeEvent("1", QByteArray(bytes, 'a')), 1, 0, 0);
    model.appendEvent(makeEvent("2", QByteArray(bytes + 1, 'a')), 1, 0, 0);
    model.flush();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(cell(model, 0, EventListModel::SizeColumn), english);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(cell(model, 0, EventListModel::SizeColumn), german);
    QLocale::setDefault(before);
    // Sorting and filtering read the number, not the text.
    QCOMPARE(model.data(model.index(0, EventListModel::SizeColumn), EventListModel::RawValueRole).toLongLong(), bytes);
    QCOMPARE(model.data(model.index(0, EventListModel::SizeColumn), Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestEventListModel::jsonColumns_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QVariant>("raw");

    const QByteArray chunk
        = R"({"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" Events"},"finish_reason":null}],"usage":{"completion_tokens":12}})";
    QTest::newRow("string unquoted") << chunk << u"/choices/0/delta/content"_s << u" Events"_s
                                     << QVariant(u" Events"_s);
    QTest::newRow("null") << chunk << u"/choices/0/finish_reason"_s << u"null"_s << QVariant(u"null"_s);
    QTest::newRow("number") << chunk << u"/usage/completion_tokens"_s << u"12"_s << QVariant(12.0);
    QTest::newRow("object compact") << chunk << u"/choices/0/delta"_s << u"{\"content\":\" Events\"}"_s
                                    << QVariant(u"{\"content\":\" Events\"}"_s);
    QTest::newRow("array compact") << QByteArray(R"({"a":[1, {"b" : 2}]})") << u"/a"_s << u"[1,{\"b\":2}]"_s
                                   << QVariant(u"[1,{\"b\":2}]"_s);
    QTest::newRow("array element") << QByteArray(R"([10,20])") << u"/1"_s << u"20"_s << QVariant(20.0);
    QTest::newRow("nested missing") << chunk << u"/choices/0/delta/role"_s << QString() << QVariant();
    QTest::newRow("not JSON") << QByteArray("tick 1") << u"/a"_s << QString() << QVariant();
    QTest::newRow("line break") << QByteArray(R"({"t":"a\nb"})") << u"/t"_s << u"a⏎b"_s << QVariant(u"a\nb"_s);
    QTest::newRow("long value cut") << QByteArray("{\"t\":\"" + QByteArray(400, 'x') + "\"}") << u"/t"_s
                                    << QString(QString(JsonFieldCache::MaxChars, u'x') + u'…')
                                    << QVariant(QString(JsonFieldCache::MaxChars, u'x'));
}

void TestEventListModel::jsonColumns()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, pointer);
    QFETCH(QString, shown);
    QFETCH(QVariant, raw);

    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    StreamStateChange open;
    open.state = StreamState::Open;
    model.appendState(open);
    model.appendEvent(makeEvent("1", data), 1, 0, 0);
    model.appendComment(data, 1, 0, 0);
    model.flush();
    QSignalSpy inserted(&model, &QAbstractItemModel::columnsInserted);
    QVERIFY(model.addJsonColumn({pointer, u"Field"_s}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.columnCount(), EventListModel::ColumnCount + 1);
    const int column = EventListModel::ColumnCount;
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), u"Field"_s);
    QCOMPARE(cell(model, 1, column), shown);
    QCOMPARE(model.data(model.index(1, column), EventListModel::RawValueRole), raw);
    // Rows that are not events have no JSON value, whatever their text.
    QCOMPARE(cell(model, 0, column), QString());
    QCOMPARE(cell(model, 2, column), QString());
    // The row's kind and data are there in every column.
    QCOMPARE(model.data(model.index(1, column), EventListModel::KindRole).toInt(), int(StreamLog::Kind::Event));
    QCOMPARE(model.data(model.index(1, column), EventListModel::DataRole).toByteArray(), data);
}

void TestEventListModel::jsonColumnsChange()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvent(makeEvent("1", R"({"type":"content_block_delta","delta":{"text":"Hi"}})"), 1, 0, 0);
    model.appendEvent(makeEvent("2", "plain"), 1, 0, 0);
    model.flush();
    const int first = EventListModel::ColumnCount;
    QVERIFY(!model.addJsonColumn({u"/a~2"_s, {}}));
    QCOMPARE(model.columnCount(), first);
    model.setJsonColumns({{u"/type"_s, u"Type"_s}, {u"/bad~"_s, u"Bad"_s}, {u"/delta/text"_s, {}}});
    QCOMPARE(model.jsonColumns(), JsonColumns({{u"/type"_s, u"Type"_s}, {u"/delta/text"_s, {}}}));
    QCOMPARE(model.columnCount(), first + 2);
    QCOMPARE(model.headerData(first + 1, Qt::Horizontal).toString(), u"/delta/text"_s); // no title: the pointer
    QCOMPARE(model.headerData(first + 1, Qt::Horizontal, Qt::ToolTipRole).toString(),
             u"JSON pointer /delta/text in each event's data"_s);
    QCOMPARE(cell(model, 0, first), u"content_block_delta"_s);
    QCOMPARE(cell(model, 0, first + 1), u"Hi"_s);
    QCOMPARE(model.data(model.index(0, first + 1), Qt::ToolTipRole).toString(), u"Hi"_s);
    QCOMPARE(model.data(model.index(1, first + 1), Qt::ToolTipRole).toString(), u"The data is not JSON"_s);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
    QVERIFY(model.changeJsonColumn(0, {u"/delta"_s, u"Delta"_s}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(header.size(), 1);
    QCOMPARE(model.headerData(first, Qt::Horizontal).toString(), u"Delta"_s);
    QCOMPARE(cell(model, 0, first), u"{\"text\":\"Hi\"}"_s);
    QCOMPARE(cell(model, 0, first + 1), u"Hi"_s);
    // A new title alone: the values stay.
    QVERIFY(model.changeJsonColumn(0, {u"/delta"_s, u"D"_s}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(model.index(0, first), Qt::ToolTipRole).toString(), u"{\"text\":\"Hi\"}"_s);
    QCOMPARE(model.data(model.index(1, first + 1), Qt::ToolTipRole).toString(), u"The data is not JSON"_s);
    QVERIFY(!model.changeJsonColumn(2, {u"/x"_s, {}}));

    QSignalSpy removed(&model, &QAbstractItemModel::columnsRemoved);
    model.removeJsonColumn(0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.columnCount(), first + 1);
    QCOMPARE(cell(model, 0, first), u"Hi"_s);
    model.setJsonColumns({});
    QCOMPARE(model.columnCount(), first);
}

void TestEventListModel::jsonColumnsAfterEviction()
{
    EventListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(4);
    model.addJsonColumn({u"/i"_s, {}});
    const int column = EventListModel::ColumnCount;
    for (int batch = 0; batch < 3; ++batch) {
        for (int i = batch * 3 + 1; i <= batch * 3 + 3; ++i)
            model.appendEvent(makeEvent(QByteArray::number(i), "{\"i\":" + QByteArray::number(i) + '}'), 1, 0, 0);
        model.flush();
        // Each row shows its own value after older rows were evicted.
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(cell(model, row, column), cell(model, row, EventListModel::IdColumn));
    }
    QCOMPARE(model.evicted(), 5);
    model.clear();
    model.appendEvent(makeEvent("x", R"({"i":"after clear"})"), 1, 0, 0);
    model.flush();
    QCOMPARE(cell(model, 0, column), u"after clear"_s);
}

QTEST_MAIN(TestEventListModel)
#include "tst_eventlistmodel.moc"
