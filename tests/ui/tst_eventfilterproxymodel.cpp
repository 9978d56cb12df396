// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Sequences = QList<qint64>;
using Mode = JsonFieldMatcher::Mode;
using NearMiss = JsonFieldMatcher::NearMiss;

SseEvent makeEvent(const QByteArray &type, const QByteArray &id, const QByteArray &data)
{
    SseEvent e;
    e.type = type;
    e.lastEventId = id;
    e.data = data;
    return e;
}

void addEvent(EventListModel &model, const QByteArray &data, const QByteArray &type = "message",
              const QByteArray &id = {})
{
    model.appendEvent(makeEvent(type, id, data), 1, 0, 0);
}

void addState(EventListModel &model, StreamState state, const QString &reason)
{
    StreamStateChange change;
    change.state = state;
    change.reason = reason;
    change.attempt = 1;
    model.appendState(change);
}

void addChunk(EventListModel &model, const QByteArray &bytes)
{
    StreamChunk chunk;
    chunk.bytes = bytes;
    chunk.attempt = 1;
    model.appendChunk(chunk);
}

// The # of every row the proxy shows, in its order.
Sequences shown(const QAbstractItemModel &proxy)
{
    Sequences rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.append(proxy.index(row, EventListModel::NumberColumn).data(EventListModel::RawValueRole).toLongLong());
    return rows;
}

// Rows 1-7: a state, JSON, text, a comment, an id, CJK and Latin-1 letters.
void fillTextRows(EventListModel &model)
{
    addState(model, StreamState::Open, u"status 200"_s);
    addEvent(model, R"({"choices":[{"delta":{"content":"Hello"}}]})", "message", "1");
    addEvent(model, "World peace", "update", "2");
    model.appendComment(" ping", 1, 0, 0);
    addEvent(model, "nothing", "message", "hello-3");
    addEvent(model, u"当前行号是1"_s.toUtf8(), "message", "4");
    addEvent(model, u"Grüße ÄBC"_s.toUtf8(), "message", "5");
    model.flush();
}

// Rows 1-7: deltas of a chat completion, one not JSON, one a comment.
void fillDeltaRows(EventListModel &model)
{
    const auto delta = [&model](const QByteArray &content) {
        addEvent(model, R"({"choices":[{"index":0,"delta":{"content":)" + content + R"(}}]})");
    };
    delta(R"("Server")"); // 1
    delta(R"("-Sent")"); // 2
    delta(R"(" Events")"); // 3
    delta(R"(" events ")"); // 4
    delta("42"); // 5
    addEvent(model, "[DONE]"); // 6
    model.appendComment(R"({"choices":[{"delta":{"content":" Events"}}]})", 1, 0, 0); // 7
    model.flush();
}

} // namespace

Q_DECLARE_METATYPE(JsonFieldMatcher::Mode)
Q_DECLARE_METATYPE(JsonFieldMatcher::NearMiss)

class TestEventFilterProxyModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindsShownByDefault();
    void textFilter_data();
    void textFilter();
    void invalidRegularExpression();
    void hiddenTypes();
    void jsonFilter_data();
    void jsonFilter();
    void invalidPointer();
    void jsonModes_data();
    void jsonModes();
    void jsonNearMisses_data();
    void jsonNearMisses();
    void invalidJsonRegularExpression();
    void sortsJsonColumns();
    void sortsNumbers();
    void sortsText();
    void batchesAndEvictionWhileFiltered();
    void manyRowsAreDecidedInSlices();
    void otherSourceModelsAreNotFiltered();
};

void TestEventFilterProxyModel::kindsShownByDefault()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&proxy, &EventFilterProxyModel::filterChanged);
    addState(model, StreamState::Connecting, u"GET"_s);
    addChunk(model, "data: a\n\n");
    addEvent(model, "a");
    model.appendComment(" ping", 1, 0, 0);
    addState(model, StreamState::Open, u"200"_s);
    model.flush();
    QVERIFY(proxy.isKindVisible(StreamLog::Kind::Event));
    QVERIFY(proxy.isKindVisible(StreamLog::Kind::Comment));
    QVERIFY(proxy.isKindVisible(StreamLog::Kind::State));
    QVERIFY(!proxy.isKindVisible(StreamLog::Kind::Chunk));
    QCOMPARE(shown(proxy), Sequences({1, 3, 4, 5}));
    proxy.setKindVisible(StreamLog::Kind::Chunk, true);
    QCOMPARE(shown(proxy), Sequences({1, 2, 3, 4, 5}));
    proxy.setKindVisible(StreamLog::Kind::Comment, false);
    proxy.setKindVisible(StreamLog::Kind::State, false);
    QCOMPARE(shown(proxy), Sequences({2, 3}));
    proxy.setKindVisible(StreamLog::Kind::Event, false);
    QCOMPARE(shown(proxy), Sequences({2}));
    QCOMPARE(changed.size(), 4);
    proxy.setKindVisible(StreamLog::Kind::Event, false); // no change, no refilter
    QCOMPARE(changed.size(), 4);
    QVERIFY(!proxy.isFiltering());
}

void TestEventFilterProxyModel::textFilter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<Sequences>("expected");

    QTest::newRow("empty") << QString() << false << false << Sequences({1, 2, 3, 4, 5, 6, 7});
    QTest::newRow("any case, data and id") << u"hello"_s << false << false << Sequences({2, 5});
    QTest::newRow("exact case") << u"Hello"_s << false << true << Sequences({2});
    QTest::newRow("exact case misses") << u"HELLO"_s << false << true << Sequences();
    QTest::newRow("comment") << u"PING"_s << false << false << Sequences({4});
    QTest::newRow("type") << u"update"_s << false << false << Sequences({3});
    QTest::newRow("state reason") << u"status"_s << false << false << Sequences({1});
    QTest::newRow("state name") << u"open"_s << false << false << Sequences({1});
    QTest::newRow("CJK") << u"行号"_s << false << false << Sequences({6});
    QTest::newRow("non-ASCII any case") << u"äbc"_s << false << false << Sequences({7});
    QTest::newRow("non-ASCII exact case") << u"äbc"_s << false << true << Sequences();
    QTest::newRow("quote in JSON") << u"\"content\":\"hello\""_s << false << false << Sequences({2});
    QTest::newRow("regex anchor") << u"^World"_s << true << false << Sequences({3});
    QTest::newRow("regex any case") << u"h.llo"_s << true << false << Sequences({2, 5});
    QTest::newRow("regex exact case") << u"h.llo"_s << true << true << Sequences({5});
    QTest::newRow("regex digits at end") << u"\\d$"_s << true << false << Sequences({1, 2, 3, 5, 6, 7});
    QTest::newRow("regex CJK class") << u"[行列]号"_s << true << false << Sequences({6});
    QTest::newRow("regex text taken literally") << u"h.llo"_s << false << false << Sequences();
}

void TestEventFilterProxyModel::textFilter()
{
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(bool, caseSensitive);
    QFETCH(Sequences, expected);

    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillTextRows(model);
    proxy.setTextFilter(text, regex, caseSensitive);
    QCOMPARE(shown(proxy), expected);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(proxy.isFiltering(), !text.isEmpty());
    proxy.setTextFilter(QString(), false);
    QCOMPARE(proxy.rowCount(), 7);
}

void TestEventFilterProxyModel::invalidRegularExpression()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillTextRows(model);
    proxy.setTextFilter(u"(hello"_s, true);
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(proxy.filterError(), u"Regular expression: missing closing parenthesis at offset 6"_s);
    // The same text as plain text is fine.
    proxy.setTextFilter(u"(hello"_s, false);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setTextFilter(u"(hel+o)"_s, true);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(shown(proxy), Sequences({2, 5}));
}

void TestEventFilterProxyModel::hiddenTypes()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addState(model, StreamState::Open, u"200"_s);
    addEvent(model, "a", "message");
    addEvent(model, "b", "update");
    addEvent(model, "c", "delta");
    model.appendComment("x", 1, 0, 0);
    addEvent(model, "d", "update");
    model.flush();
    proxy.setHiddenTypes({"update"});
    QCOMPARE(shown(proxy), Sequences({1, 2, 4, 5}));
    QVERIFY(proxy.isFiltering());
    // A state's name is not an event type: hiding "open" leaves the state row.
    proxy.setHiddenTypes({"update", "open", "message"});
    QCOMPARE(shown(proxy), Sequences({1, 4, 5}));
    // A type first seen now is shown.
    addEvent(model, "e", "fresh");
    addEvent(model, "f", "message");
    model.flush();
    QCOMPARE(shown(proxy), Sequences({1, 4, 5, 7}));
    proxy.setHiddenTypes({});
    QCOMPARE(shown(proxy), Sequences({1, 2, 3, 4, 5, 6, 7, 8}));
    QVERIFY(!proxy.isFiltering());
}

void TestEventFilterProxyModel::jsonFilter_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<Sequences>("expected");

    QTest::newRow("off") << QString() << QString() << Sequences({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    QTest::newRow("nested exists") << u"/choices/0/delta/content"_s << QString() << Sequences({3, 4});
    QTest::newRow("nested string") << u"/choices/0/delta/content"_s << u"Hi"_s << Sequences({3});
    QTest::newRow("string is exact") << u"/choices/0/delta/content"_s << u"hi"_s << Sequences();
    QTest::newRow("bool true") << u"/done"_s << u"true"_s << Sequences({4});
    QTest::newRow("bool false") << u"/done"_s << u"false"_s << Sequences({3});
    QTest::newRow("null") << u"/done"_s << u"null"_s << Sequences({5});
    QTest::newRow("integer") << u"/n"_s << u"10"_s << Sequences({5});
    QTest::newRow("integer as string too") << u"/n"_s << u"1"_s << Sequences({3, 10});
    QTest::newRow("number compares as number") << u"/n"_s << u"1.0"_s << Sequences({3});
    QTest::newRow("fraction") << u"/n"_s << u"2.5"_s << Sequences({4});
    QTest::newRow("exponent") << u"/n"_s << u"1e1"_s << Sequences({5});
    QTest::newRow("array index") << u"/choices/0/index"_s << u"1"_s << Sequences({5});
    QTest::newRow("top-level array") << u"/0"_s << u"1"_s << Sequences({6});
    QTest::newRow("escaped slash") << u"/2/a~1b"_s << u"slash"_s << Sequences({6});
    QTest::newRow("escaped tilde") << u"/2/m~0n"_s << u"tilde"_s << Sequences({6});
    QTest::newRow("container value") << u"/choices/0/delta"_s << u"{}"_s << Sequences({5});
    QTest::newRow("missing field") << u"/missing"_s << QString() << Sequences();
    QTest::newRow("index past the end") << u"/choices/1"_s << QString() << Sequences();
    QTest::newRow("leading zero index") << u"/choices/00"_s << QString() << Sequences();
    QTest::newRow("slash forgotten") << u"choices/0/index"_s << u"0"_s << Sequences({3, 4});
}

void TestEventFilterProxyModel::jsonFilter()
{
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(Sequences, expected);

    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addState(model, StreamState::Open, u"200"_s);
    model.appendComment(R"({"n":1})", 1, 0, 0); // JSON in a comment is not an event
    addEvent(model, R"({"choices":[{"delta":{"content":"Hi"},"index":0}],"done":false,"n":1})");
    addEvent(model, R"({"choices":[{"delta":{"content":"there"},"index":0}],"done":true,"n":2.5})");
    addEvent(model, R"( {"choices":[{"delta":{},"index":1}],"done":null,"n":10})");
    addEvent(model, R"([1,2,{"a/b":"slash","m~n":"tilde"}])");
    addEvent(model, "hello");
    addEvent(model, R"({"broken":)");
    addEvent(model, "[DONE]");
    addEvent(model, R"({"n":"1"})");
    model.flush();
    proxy.setJsonFilter(pointer, value);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(shown(proxy), expected);
    // The value alone changes: rows are found again from what the pointer found.
    proxy.setJsonFilter(pointer, value);
    QCOMPARE(shown(proxy), expected);
    if (!pointer.isEmpty()) {
        proxy.setJsonFilter(pointer, u"no such value"_s);
        QCOMPARE(shown(proxy), Sequences());
        proxy.setJsonFilter(pointer, value);
        QCOMPARE(shown(proxy), expected);
    }
}

void TestEventFilterProxyModel::invalidPointer()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addEvent(model, R"({"a~b":1})");
    model.flush();
    proxy.setJsonFilter(u"/a~b"_s, QString());
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(proxy.filterError(), u"JSON pointer: \"~\" must be followed by 0 (for ~) or 1 (for /)"_s);
    proxy.setTextFilter(u"["_s, true);
    QCOMPARE(proxy.filterError(),
             u"Regular expression: missing terminating ] for character class at offset 1; JSON pointer: \"~\" must "
             "be followed by 0 (for ~) or 1 (for /)"_s);
    proxy.setTextFilter(QString(), true);
    proxy.setJsonFilter(u"/a~0b"_s, u"1"_s);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(proxy.rowCount(), 1);
}

void TestEventFilterProxyModel::jsonModes_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<Sequences>("expected");

    QTest::newRow("contains") << Mode::Contains << u"Events"_s << true << Sequences({3});
    QTest::newRow("contains any case") << Mode::Contains << u"Events"_s << false << Sequences({3, 4});
    QTest::newRow("contains a number's text") << Mode::Contains << u"4"_s << false << Sequences({5});
    QTest::newRow("contains empty: any value") << Mode::Contains << QString() << true << Sequences({1, 2, 3, 4, 5});
    QTest::newRow("equals finds nothing without the spaces") << Mode::Equals << u"Events"_s << true << Sequences();
    QTest::newRow("equals with the spaces") << Mode::Equals << u" Events"_s << true << Sequences({3});
    QTest::newRow("equals any case") << Mode::Equals << u" EVENTS"_s << false << Sequences({3});
    QTest::newRow("equals number") << Mode::Equals << u"42.0"_s << true << Sequences({5});
    QTest::newRow("regex") << Mode::Regex << u"^\\W*[Ee]vents\\s*$"_s << true << Sequences({3, 4});
    QTest::newRow("regex case") << Mode::Regex << u"^-?s"_s << true << Sequences();
    QTest::newRow("regex any case") << Mode::Regex << u"^-?s"_s << false << Sequences({1, 2});
    QTest::newRow("exists") << Mode::Exists << u"ignored"_s << true << Sequences({1, 2, 3, 4, 5});
}

void TestEventFilterProxyModel::jsonModes()
{
    QFETCH(Mode, mode);
    QFETCH(QString, value);
    QFETCH(bool, caseSensitive);
    QFETCH(Sequences, expected);

    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillDeltaRows(model);
    QSignalSpy changed(&proxy, &EventFilterProxyModel::filterChanged);
    proxy.setJsonFilter(u"/choices/0/delta/content"_s, value, mode, caseSensitive);
    QCOMPARE(shown(proxy), expected);
    QCOMPARE(proxy.jsonMode(), mode);
    QCOMPARE(proxy.isJsonCaseSensitive(), caseSensitive);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(changed.size(), 1);
    // The mode alone changes: the values found are compared again.
    const Mode other = mode == Mode::Exists ? Mode::Equals : Mode::Exists;
    proxy.setJsonFilter(u"/choices/0/delta/content"_s, value, other, caseSensitive);
    QCOMPARE(changed.size(), 2);
    proxy.setJsonFilter(u"/choices/0/delta/content"_s, value, mode, caseSensitive);
    QCOMPARE(shown(proxy), expected);
    // A matching row that arrives later is filtered the same way.
    addEvent(model, R"({"choices":[{"delta":{"content":" Events"}}]})");
    model.flush();
    QCOMPARE(shown(proxy).contains(8), expected.contains(3));
}

void TestEventFilterProxyModel::jsonNearMisses_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<NearMiss>("nearMiss");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("found");
    QTest::addColumn<int>("json");

    const QString content = u"/choices/0/delta/content"_s;
    QTest::newRow("surrounding spaces") << content << Mode::Equals << u"Events"_s << false << NearMiss::Whitespace << 2
                                        << 5 << 6;
    QTest::newRow("surrounding spaces, exact case")
        << content << Mode::Equals << u"Events"_s << true << NearMiss::Whitespace << 1 << 5 << 6;
    QTest::newRow("case") << content << Mode::Equals << u"-sent"_s << true << NearMiss::Case << 1 << 5 << 6;
    QTest::newRow("case in contains") << content << Mode::Contains << u"SERVER"_s << true << NearMiss::Case << 1 << 5
                                      << 6;
    QTest::newRow("part of a value") << content << Mode::Equals << u"Sent"_s << false << NearMiss::Contained << 1 << 5
                                     << 6;
    QTest::newRow("number in a string") << u"/n"_s << Mode::Equals << u"7"_s << true << NearMiss::NumberAsText << 1 << 1
                                        << 6;
    QTest::newRow("nothing close") << content << Mode::Equals << u"tick"_s << true << NearMiss::None << 0 << 5 << 6;
    QTest::newRow("pointer nowhere") << u"/choices/0/text"_s << Mode::Exists << QString() << true << NearMiss::None << 0
                                     << 0 << 6;
}

void TestEventFilterProxyModel::jsonNearMisses()
{
    QFETCH(QString, pointer);
    QFETCH(Mode, mode);
    QFETCH(QString, value);
    QFETCH(bool, caseSensitive);
    QFETCH(NearMiss, nearMiss);
    QFETCH(int, rows);

    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillDeltaRows(model);
    // A string that reads as a number, and rows a type filter hides, which are not counted.
    addEvent(model, R"({"choices":[],"n":" 7.0"})", "stats"); // 8
    addEvent(model, R"({"choices":[{"delta":{"content":"Events"}}]})", "hidden"); // 9
    model.flush();
    proxy.setHiddenTypes({"hidden"});
    proxy.setJsonFilter(pointer, value, mode, caseSensitive);
    QCOMPARE(proxy.rowCount(), 0);
    const JsonFieldMatcher::Summary summary = proxy.jsonSummary();
    QCOMPARE(summary.events, 7); // events 1-6 and 8
    QTEST(int(summary.json), "json");
    QTEST(int(summary.found), "found");
    QCOMPARE(summary.matched, 0);
    QCOMPARE(summary.mostCommon(), nearMiss);
    QCOMPARE(summary.nearMisses[size_t(nearMiss)], nearMiss == NearMiss::None ? 0 : rows);
    // Off, the JSON filter has nothing to say.
    proxy.setJsonFilter(QString(), QString());
    QCOMPARE(proxy.jsonSummary().events, 0);
}

void TestEventFilterProxyModel::invalidJsonRegularExpression()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillDeltaRows(model);
    proxy.setJsonFilter(u"/choices/0/delta/content"_s, u"(Ev"_s, Mode::Regex, false);
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(proxy.filterError(), u"JSON value regular expression: missing closing parenthesis at offset 3"_s);
    proxy.setJsonFilter(u"/choices/0/delta/content"_s, u"(Ev"_s, Mode::Contains, false);
    QCOMPARE(proxy.filterError(), QString());
    QCOMPARE(proxy.rowCount(), 0);
}

void TestEventFilterProxyModel::sortsJsonColumns()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addEvent(model, R"({"v":10})"); // 1
    addEvent(model, R"({"v":9})"); // 2
    addEvent(model, R"({"v":"b"})"); // 3
    addEvent(model, "not JSON"); // 4
    addEvent(model, R"({"v":-1.5})"); // 5
    addEvent(model, R"({"v":"a"})"); // 6
    addEvent(model, R"({})"); // 7
    model.flush();
    model.addJsonColumn({u"/v"_s, {}});
    const int column = EventListModel::ColumnCount;
    proxy.sort(column, Qt::AscendingOrder);
    // Rows without the value first, then numbers as numbers (9 before 10), then text.
    Sequences order = shown(proxy);
    std::sort(order.begin(), order.begin() + 2);
    QCOMPARE(order, Sequences({4, 7, 5, 2, 1, 6, 3}));
    proxy.sort(column, Qt::DescendingOrder);
    QCOMPARE(shown(proxy).first(5), Sequences({3, 6, 1, 2, 5}));
    // A new row takes its sorted place.
    addEvent(model, R"({"v":9.5})");
    model.flush();
    QCOMPARE(shown(proxy).mid(2, 3), Sequences({1, 8, 2}));
    // The sorted column goes: the rows stay.
    model.removeJsonColumn(0);
    QCOMPARE(proxy.rowCount(), 8);
}

void TestEventFilterProxyModel::sortsNumbers()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Sizes 10, 2, 100, 9, 0 (the state), 21, then 3 to 7: # goes past 9.
    addEvent(model, QByteArray(10, 'a'));
    addEvent(model, QByteArray(2, 'a'));
    addEvent(model, QByteArray(100, 'a'));
    addEvent(model, QByteArray(9, 'a'));
    addState(model, StreamState::Open, u"a long reason that has no size"_s);
    addEvent(model, QByteArray(21, 'a'));
    for (int size = 3; size <= 7; ++size)
        addEvent(model, QByteArray(size, 'a'));
    model.flush();
    proxy.sort(EventListModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(shown(proxy), Sequences({5, 2, 7, 8, 9, 10, 11, 4, 1, 6, 3}));
    proxy.sort(EventListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(shown(proxy).first(4), Sequences({3, 6, 1, 4}));
    proxy.sort(EventListModel::NumberColumn, Qt::DescendingOrder);
    QCOMPARE(shown(proxy), Sequences({11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
    // New rows take their sorted place; a filter keeps the order.
    addEvent(model, QByteArray(50, 'a'));
    model.flush();
    QCOMPARE(shown(proxy).first(2), Sequences({12, 11}));
    proxy.sort(EventListModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(shown(proxy).first(3), Sequences({3, 12, 6}));
    proxy.setKindVisible(StreamLog::Kind::State, false);
    QCOMPARE(shown(proxy).last(3), Sequences({8, 7, 2}));
}

void TestEventFilterProxyModel::sortsText()
{
    EventListModel model;
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addState(model, StreamState::Open, u"200"_s);
    addEvent(model, "b", "update", "10");
    addEvent(model, "a", "delta", "9");
    model.appendComment("x", 1, 0, 0);
    addEvent(model, "c", "message", "2");
    model.flush();
    // Events by type, then comments, then states.
    proxy.sort(EventListModel::TypeColumn, Qt::AscendingOrder);
    QCOMPARE(shown(proxy), Sequences({3, 5, 2, 4, 1}));
    // Ids are text: "10" before "2"; the comment and the state have none.
    proxy.sort(EventListModel::IdColumn, Qt::AscendingOrder);
    Sequences byId = shown(proxy);
    std::sort(byId.begin(), byId.begin() + 2);
    QCOMPARE(byId, Sequences({1, 4, 2, 5, 3}));
    proxy.sort(EventListModel::PreviewColumn, Qt::AscendingOrder);
    QCOMPARE(shown(proxy), Sequences({1, 3, 2, 5, 4}));
    proxy.sort(EventListModel::PreviewColumn, Qt::DescendingOrder);
    QCOMPARE(shown(proxy), Sequences({4, 5, 2, 3, 1}));
}

void TestEventFilterProxyModel::batchesAndEvictionWhileFiltered()
{
    EventListModel model;
    model.setCapacity(10);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setJsonFilter(u"/k"_s, u"yes"_s);
    // Every third event (# 3, 6, 9, ...) says yes.
    const auto batch = [&model](int first, int last) {
        for (int i = first; i <= last; ++i)
            addEvent(model, (i % 3 == 0 ? R"({"k":"yes","i":)" : R"({"k":"no","i":)") + QByteArray::number(i) + '}');
        model.flush();
    };
    batch(1, 7);
    QCOMPARE(shown(proxy), Sequences({3, 6}));
    batch(8, 14); // 4 evicted from the front
    QCOMPARE(model.evicted(), 4);
    QCOMPARE(shown(proxy), Sequences({6, 9, 12}));
    proxy.sort(EventListModel::NumberColumn, Qt::DescendingOrder);
    QCOMPARE(shown(proxy), Sequences({12, 9, 6}));
    batch(15, 30); // more than the capacity at once
    QCOMPARE(model.evicted(), 20);
    QCOMPARE(shown(proxy), Sequences({30, 27, 24, 21}));
    // Results remembered per row stay with their rows after evictions.
    proxy.setJsonFilter(u"/k"_s, u"no"_s);
    QCOMPARE(shown(proxy), Sequences({29, 28, 26, 25, 23, 22}));
    proxy.setJsonFilter(u"/i"_s, u"23"_s);
    QCOMPARE(shown(proxy), Sequences({23}));
    proxy.setTextFilter(u"\"i\":2"_s, false);
    proxy.setJsonFilter(QString(), QString());
    QCOMPARE(shown(proxy), Sequences({29, 28, 27, 26, 25, 24, 23, 22, 21}));
    model.clear();
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setTextFilter(QString(), false);
    proxy.setJsonFilter(u"/k"_s, u"yes"_s);
    batch(31, 33);
    QCOMPARE(shown(proxy), Sequences({33}));
}

// A filter over many rows must not hold the event loop: the rows are decided a slice at a time, the shown rows
// stay as they were meanwhile, and rows that arrive or leave meanwhile end up decided like the rest.
void TestEventFilterProxyModel::manyRowsAreDecidedInSlices()
{
    EventListModel model;
    const int rows = 100000;
    model.setCapacity(rows);
    const auto batch = [&model](int first, int last) {
        for (int i = first; i <= last; ++i)
            addEvent(model, (i % 3 == 0 ? R"({"k":"yes","i":)" : R"({"k":"no","i":)") + QByteArray::number(i) + '}');
        model.flush();
    };
    batch(1, rows);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy progress(&proxy, &EventFilterProxyModel::filterProgress);
    QSignalSpy changed(&proxy, &EventFilterProxyModel::filterChanged);

    proxy.setJsonFilter(u"/k"_s, u"yes"_s);
    // Parsing 100,000 rows takes far longer than one slice: the call returns with the rows as they were.
    QVERIFY(proxy.isApplyingFilter());
    QCOMPARE(proxy.rowCount(), rows);
    QCOMPARE(progress.size(), 1);
    QCOMPARE(changed.size(), 0);
    // Meanwhile 300 rows arrive and push 300 out of the front.
    batch(rows + 1, rows + 300);
    QCOMPARE(model.evicted(), 300);
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isApplyingFilter(), 60000);
    QVERIFY(progress.size() > 1);
    QCOMPARE(changed.size(), 1);
    const Sequences result = shown(proxy);
    QCOMPARE(result.size(), rows / 3);
    QCOMPARE(result.first(), 303);
    QCOMPARE(result.last(), rows + 299);
    for (const qint64 sequence : result)
        QVERIFY2(sequence % 3 == 0, qPrintable(QString::number(sequence)));

    // A change while deciding starts over with the new criteria (a new pointer: every row is parsed again).
    proxy.setJsonFilter(u"/i"_s, u"99"_s);
    QVERIFY(proxy.isApplyingFilter());
    proxy.setJsonFilter(u"/i"_s, u"1234"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isApplyingFilter(), 60000);
    QCOMPARE(shown(proxy), Sequences({1234}));
}

void TestEventFilterProxyModel::otherSourceModelsAreNotFiltered()
{
    EventListModel events;
    QSortFilterProxyModel other;
    other.setSourceModel(&events);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&other);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    addChunk(events, "x");
    addEvent(events, "y");
    events.flush();
    proxy.setTextFilter(u"nothing matches"_s, false);
    QCOMPARE(proxy.rowCount(), 2);
}

QTEST_MAIN(TestEventFilterProxyModel)
#include "tst_eventfilterproxymodel.moc"
