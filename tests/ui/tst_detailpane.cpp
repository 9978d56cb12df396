// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspect/bytetext.h"
#include "inspect/detailpane.h"
#include "models/eventlistmodel.h"
#include "models/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Qt::Literals::StringLiterals;

namespace {

const qint64 WallMs = QDateTime(QDate(2026, 11, 21), QTime(15, 4, 5, 6)).toMSecsSinceEpoch();
const QString WallText = QDateTime::fromMSecsSinceEpoch(WallMs).toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s);

void addChunk(EventListModel &model, const QByteArray &bytes, qint64 offset)
{
    StreamChunk chunk;
    chunk.bytes = bytes;
    chunk.offset = offset;
    chunk.attempt = 1;
    chunk.wallMs = WallMs;
    model.appendChunk(chunk);
}

void addEvent(EventListModel &model, const QByteArray &data, const QByteArray &id = {}, qint64 offset = 0,
              qint64 endOffset = 0)
{
    SseEvent e;
    e.type = "message";
    e.lastEventId = id;
    e.data = data;
    e.offset = offset;
    e.endOffset = endOffset;
    model.appendEvent(e, 1, 0, WallMs);
}

QString cell(const QAbstractItemModel &model, const QModelIndex &index, int column)
{
    return model.index(index.row(), column, index.parent()).data().toString();
}

} // namespace

class TestDetailPane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonEvent();
    void rowEvictedAfterShowing();
    void largeChunkShowsTheRowsPart();
    void hexOfShortPayload();
    void notJson_data();
    void notJson();
    void stateAndComment();
    void hugeEvent();
    void hugeJson();
    void binaryGarbage();
    void clearEmpties();
    void jsonTreeModel();
    void escapes();
    void sizes();
};

void TestDetailPane::jsonEvent()
{
    // A comment in its own read, then the event cut across two reads.
    const QByteArray data = R"({"a":1,"b":[true,null],"c":{"d":"x"}})";
    const QByteArray stream = "id: 7\ndata: " + data + "\n\n";
    EventListModel model;
    addChunk(model, ": hi\n", 0);
    model.appendComment(" hi", 1, 0, WallMs, 0);
    addChunk(model, stream.first(20), 5);
    addChunk(model, stream.sliced(20), 25);
    addEvent(model, data, "7", 5, 5 + stream.size() - 1);
    model.flush();

    DetailPane pane;
    pane.showRow(&model, 4);
    QCOMPARE(pane.shownSequence(), 5);
    QCOMPARE(pane.headerText(),
             u"Event #5 · type message · id 7 · 37 bytes · "_s + WallText + u" · attempt 1 · stream bytes 5–55"_s);
    QCOMPARE(pane.textEdit()->toPlainText(), QString::fromUtf8(data));
    QVERIFY(pane.textEdit()->isReadOnly());
    QCOMPARE(pane.textEdit()->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    QCOMPARE(pane.cutNote(), QString());

    QVERIFY(pane.isJsonAvailable());
    QVERIFY(pane.tabs()->isTabEnabled(DetailPane::JsonTab));
    const JsonTreeModel &json = *pane.jsonModel();
    QCOMPARE(json.rowCount(), 3);
    const QModelIndex a = json.index(0, 0);
    const QModelIndex b = json.index(1, 0);
    const QModelIndex c = json.index(2, 0);
    QCOMPARE(cell(json, a, 0), u"a"_s);
    QCOMPARE(cell(json, a, 1), u"1"_s);
    QCOMPARE(cell(json, a, 2), u"number"_s);
    QCOMPARE(cell(json, b, 1), u"[2]"_s);
    QCOMPARE(cell(json, b, 2), u"array"_s);
    QCOMPARE(json.rowCount(b), 2);
    QCOMPARE(cell(json, json.index(0, 0, b), 0), u"0"_s);
    QCOMPARE(cell(json, json.index(0, 0, b), 1), u"true"_s);
    QCOMPARE(cell(json, json.index(0, 0, b), 2), u"boolean"_s);
    QCOMPARE(cell(json, json.index(1, 0, b), 1), u"null"_s);
    QCOMPARE(cell(json, c, 1), u"{1}"_s);
    const QModelIndex d = json.index(0, 0, c);
    QCOMPARE(cell(json, d, 0), u"d"_s);
    QCOMPARE(cell(json, d, 1), u"x"_s);
    QCOMPARE(cell(json, d, 2), u"string"_s);
    QCOMPARE(d.data(JsonTreeModel::PointerRole).toString(), u"/c/d"_s);
    // Small enough to open whole.
    QVERIFY(pane.jsonView()->isExpanded(b));
    QVERIFY(pane.jsonView()->isExpanded(c));

    QCOMPARE(pane.hexText().count(u'\n'), 3);
    QVERIFY(pane.hexText().startsWith(
        u"00000000  7b 22 61 22 3a 31 2c 22  62 22 3a 5b 74 72 75 65  |{\"a\":1,\"b\":[true|\n"_s));

    QCOMPARE(pane.chunkCount(), 2);
    QCOMPARE(pane.tabs()->tabText(DetailPane::ChunksTab), u"Chunks (2)"_s);
    const QString chunks = pane.chunksText();
    QVERIFY2(chunks.contains(u"Chunk #3 · "_s + WallText + u" · stream bytes 5–25 · 20 bytes"_s), qPrintable(chunks));
    QVERIFY2(chunks.contains(u"Chunk #4 · "_s + WallText + u" · stream bytes 25–56 · 31 bytes"_s), qPrintable(chunks));
    QVERIFY2(chunks.contains(u"id: 7\\n\ndata: {\"a\":1,\""_s), qPrintable(chunks));
    QVERIFY2(chunks.contains(u"b\":[true,null],\"c\":{\"d\":\"x\"}}\\n\n\\n"_s), qPrintable(chunks));
    QVERIFY(!chunks.contains(u": hi"_s));

    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Data), QString::fromUtf8(data));
    const QString pretty = u"{\n    \"a\": 1,\n    \"b\": [\n        true,\n        null\n    ],\n    \"c\": {\n"_s
                           u"        \"d\": \"x\"\n    }\n}\n"_s;
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::PrettyJson), pretty);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Hex), pane.hexText());
    const QString ndjson
        = uR"({"seq":5,"kind":"event","type":"message","data":"{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"x\"}}","id":"7","attempt":1,"wall_ms":%1,"offset":5,"end_offset":55})"_s
              .arg(WallMs);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Ndjson), ndjson);

    // The comment arrived in the first read only.
    pane.showRow(&model, 1);
    QCOMPARE(pane.chunkCount(), 1);
    QCOMPARE(pane.headerText(), u"Comment #2 · 3 bytes · "_s + WallText + u" · attempt 1 · stream bytes 0–4"_s);
}

void TestDetailPane::rowEvictedAfterShowing()
{
    EventListModel model;
    addChunk(model, "data: {\"k\":2}\n\n", 0);
    addEvent(model, R"({"k":2})", {}, 0, 14);
    model.flush();
    DetailPane pane;
    pane.showRow(&model, 1);
    const QString header = pane.headerText();
    const QString hex = pane.hexText();
    model.clear();
    addEvent(model, "something else");
    model.flush();
    QCOMPARE(pane.headerText(), header);
    QCOMPARE(pane.textEdit()->toPlainText(), u"{\"k\":2}"_s);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Data), u"{\"k\":2}"_s);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Hex), hex);
    QCOMPARE(pane.chunkCount(), 1);
    QCOMPARE(pane.jsonModel()->rowCount(), 1);
    // A row that is gone clears the pane.
    pane.showRow(&model, 1);
    QCOMPARE(pane.shownSequence(), 0);
    QCOMPARE(pane.headerText(), u"No row selected"_s);
}

void TestDetailPane::largeChunkShowsTheRowsPart()
{
    const QByteArray stream = QByteArray(6000, 'a') + "data: x\n\n" + QByteArray(3991, 'b');
    EventListModel model;
    addChunk(model, stream, 0);
    addEvent(model, "x", {}, 6000, 6008);
    model.flush();
    DetailPane pane;
    pane.showRow(&model, 1);
    QCOMPARE(pane.chunkCount(), 1);
    const QString chunks = pane.chunksText();
    const QString expected = u"… 5744 bytes before …\n"_s + QString(256, u'a') + u"data: x\\n\n\\n\n"_s
        + QString(4096 - 256 - 9, u'b') + u"\n… 160 bytes after …"_s;
    QVERIFY2(chunks.contains(expected), qPrintable(chunks));
}

void TestDetailPane::hexOfShortPayload()
{
    EventListModel model;
    addEvent(model, "{\"a\":1}\nsecond line");
    addEvent(model, QByteArray("\x00\x01\x7f\xff", 4));
    addEvent(model, QByteArray(16, 'z'));
    model.flush();
    DetailPane pane;
    pane.showRow(&model, 0);
    const QString expected = u"00000000  7b 22 61 22 3a 31 7d 0a  73 65 63 6f 6e 64 20 6c  |{\"a\":1}.second l|\n"_s
                             u"00000010  69 6e 65                                          |ine|\n"_s;
    QCOMPARE(pane.hexText(), expected);
    pane.showRow(&model, 1);
    QCOMPARE(pane.hexText(), u"00000000  00 01 7f ff                                       |....|\n"_s);
    pane.showRow(&model, 2);
    QCOMPARE(pane.hexText(), u"00000000  7a 7a 7a 7a 7a 7a 7a 7a  7a 7a 7a 7a 7a 7a 7a 7a  |zzzzzzzzzzzzzzzz|\n"_s);
    QCOMPARE(ByteText::hexDump("A", 0x123456789),
             u"123456789  41                                                |A|\n"_s);
    QCOMPARE(ByteText::hexDump({}), QString());
}

void TestDetailPane::notJson_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("why");

    QTest::newRow("text") << QByteArray("hello") << u"The data is not a JSON object or array."_s;
    QTest::newRow("number") << QByteArray("42") << u"The data is not a JSON object or array."_s;
    QTest::newRow("done marker") << QByteArray("[DONE]") << u"The data is not JSON: illegal number at offset 1."_s;
    QTest::newRow("cut object") << QByteArray("{\"a\":") << u"The data is not JSON: unterminated object at offset 5."_s;
    QTest::newRow("empty") << QByteArray() << u"The data is not a JSON object or array."_s;
}

void TestDetailPane::notJson()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, why);

    EventListModel model;
    addEvent(model, R"({"ok":true})");
    addEvent(model, data);
    model.flush();
    DetailPane pane;
    pane.showRow(&model, 0);
    pane.tabs()->setCurrentIndex(DetailPane::JsonTab);
    QCOMPARE(pane.tabs()->currentIndex(), int(DetailPane::JsonTab));
    pane.showRow(&model, 1);
    QVERIFY(!pane.isJsonAvailable());
    QVERIFY(!pane.tabs()->isTabEnabled(DetailPane::JsonTab));
    QCOMPARE(pane.tabs()->tabToolTip(DetailPane::JsonTab), why);
    QCOMPARE(pane.tabs()->currentIndex(), int(DetailPane::TextTab));
    QCOMPARE(pane.jsonModel()->rowCount(), 0);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::PrettyJson), QString());
    QCOMPARE(pane.textEdit()->toPlainText(), QString::fromUtf8(data));
}

void TestDetailPane::stateAndComment()
{
    EventListModel model;
    StreamStateChange change;
    change.state = StreamState::WaitingToReconnect;
    change.reason = u"the server closed the stream; retrying in 3000 ms"_s;
    change.attempt = 2;
    change.wallMs = WallMs;
    model.appendState(change);
    model.flush();
    DetailPane pane;
    pane.showRow(&model, 0);
    QCOMPARE(pane.headerText(), u"State #1 · waiting-to-reconnect · "_s + WallText + u" · attempt 2"_s);
    QCOMPARE(pane.textEdit()->toPlainText(), change.reason);
    QCOMPARE(pane.chunkCount(), 0);
    QCOMPARE(pane.chunksText(), u"Only events, comments and diagnostics arrive in network reads."_s);
    const QString ndjson
        = uR"({"seq":1,"kind":"state","state":"waiting-to-reconnect","reason":"the server closed the stream; retrying in 3000 ms","attempt":2,"wall_ms":%1})"_s
              .arg(WallMs);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Ndjson), ndjson);
}

void TestDetailPane::hugeEvent()
{
    EventListModel model;
    const QByteArray data(5 << 20, 'x');
    addEvent(model, data);
    model.flush();
    DetailPane pane;
    pane.resize(800, 600);
    pane.show();
    pane.showRow(&model, 0);
    QCOMPARE(pane.textEdit()->toPlainText().size(), 256 << 10);
    QCOMPARE(pane.textEdit()->lineWrapMode(), QPlainTextEdit::NoWrap);
    QCOMPARE(pane.hexText().count(u'\n'), (256 << 10) / 16);
    QCOMPARE(pane.cutNote(),
             u"This row holds 5 MiB: the Text and Hex tabs show the first 256 KiB (4.8 MiB left "
             "out). The copy buttons copy all of it."_s);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Data).size(), data.size());
    QVERIFY(!pane.isJsonAvailable());
    QCOMPARE(pane.headerText(),
             u"Event #1 · type message · 5 MiB · "_s + WallText + u" · attempt 1 · stream bytes 0–0"_s);
}

void TestDetailPane::hugeJson()
{
    QByteArray data = "[";
    for (int i = 0; data.size() < (5 << 20); ++i)
        data += QByteArray::number(i) + ',';
    const int elements = int(data.count(',')) + 1;
    data += R"({"last":["deep",{"deeper":true}]}])";
    EventListModel model;
    addEvent(model, data);
    model.flush();
    DetailPane pane;
    pane.resize(800, 600);
    pane.show();
    pane.tabs()->setCurrentIndex(DetailPane::JsonTab);
    pane.showRow(&model, 0);
    QVERIFY(pane.isJsonAvailable());
    QCOMPARE(pane.jsonModel()->rowCount(), elements);
    const QModelIndex last = pane.jsonModel()->index(elements - 1, 0);
    QCOMPARE(cell(*pane.jsonModel(), last, 1), u"{1}"_s);
    QCOMPARE(last.data(JsonTreeModel::PointerRole).toString(), u"/%1"_s.arg(elements - 1));
    QVERIFY(!pane.jsonView()->isExpanded(last));
    QVERIFY(!pane.cutNote().isEmpty());
}

void TestDetailPane::binaryGarbage()
{
    QRandomGenerator random(42);
    QByteArray garbage(3 << 20, Qt::Uninitialized);
    for (char &byte : garbage)
        byte = char(random.bounded(256));
    EventListModel model;
    addChunk(model, garbage, 0);
    addChunk(model, QByteArray("data: \xff\xfe ok\n\n", 13), garbage.size());
    model.flush();
    DetailPane pane;
    pane.resize(800, 600);
    pane.show();
    pane.showRow(&model, 0);
    QCOMPARE(pane.headerText(),
             u"Chunk #1 · 3 MiB · "_s + WallText + u" · attempt 1 · stream bytes 0–%1"_s.arg(garbage.size()));
    QVERIFY(pane.textEdit()->toPlainText().contains(u"\\x"_s));
    QCOMPARE(pane.hexText().count(u'\n'), (256 << 10) / 16);
    QVERIFY(pane.cutNote().startsWith(u"This row holds 3 MiB"_s));
    QVERIFY(!pane.isJsonAvailable());
    QCOMPARE(pane.chunkCount(), 0);
    pane.showRow(&model, 1);
    QCOMPARE(pane.textEdit()->toPlainText(), u"data: \\xff\\xfe ok\\n\n\\n\n"_s);
    QCOMPARE(pane.cutNote(), QString());
    const QString ndjson = pane.copyText(DetailPane::CopyFormat::Ndjson);
    QVERIFY2(ndjson.contains(u"\"kind\":\"chunk\",\"size\":13,\"text\":\"data: \uFFFD\uFFFD ok\\n\\n\""_s),
             qPrintable(ndjson));
}

void TestDetailPane::clearEmpties()
{
    EventListModel model;
    addEvent(model, R"({"a":1})");
    model.flush();
    DetailPane pane;
    QCOMPARE(pane.headerText(), u"No row selected"_s);
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Data), QString());
    pane.showRow(&model, 0);
    QVERIFY(pane.isJsonAvailable());
    pane.clear();
    QCOMPARE(pane.shownSequence(), 0);
    QCOMPARE(pane.headerText(), u"No row selected"_s);
    QCOMPARE(pane.textEdit()->toPlainText(), QString());
    QCOMPARE(pane.hexText(), QString());
    QCOMPARE(pane.jsonModel()->rowCount(), 0);
    QVERIFY(!pane.tabs()->isTabEnabled(DetailPane::JsonTab));
    QCOMPARE(pane.copyText(DetailPane::CopyFormat::Ndjson), QString());
    pane.showRow(nullptr, 0);
    QCOMPARE(pane.shownSequence(), 0);
}

void TestDetailPane::jsonTreeModel()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QJsonArray big;
    for (int i = 0; i < 20000; ++i)
        big.append(i);
    QJsonObject root;
    root[u"zeta"_s] = u"line one\nline two"_s;
    root[u"alpha"_s] = QJsonObject{{u"a/b"_s, 1}, {u"m~n"_s, QJsonArray{false}}};
    root[u"big"_s] = big;
    root[u"empty"_s] = QJsonObject();
    model.setDocument(QJsonDocument(root));
    // QJsonObject keeps its keys sorted.
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Key"_s);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"Value"_s);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), u"Type"_s);
    QCOMPARE(cell(model, model.index(0, 0), 0), u"alpha"_s);
    QCOMPARE(cell(model, model.index(1, 0), 0), u"big"_s);
    QCOMPARE(cell(model, model.index(2, 0), 0), u"empty"_s);
    QCOMPARE(cell(model, model.index(3, 0), 1), u"line one⏎line two"_s);
    QCOMPARE(model.index(3, 0).data(JsonTreeModel::ValueTextRole).toString(), u"line one\nline two"_s);
    const QModelIndex alpha = model.index(0, 0);
    QCOMPARE(model.index(0, 0, alpha).data(JsonTreeModel::PointerRole).toString(), u"/alpha/a~1b"_s);
    const QModelIndex tilde = model.index(1, 0, alpha);
    QCOMPARE(model.index(0, 0, tilde).data(JsonTreeModel::PointerRole).toString(), u"/alpha/m~0n/0"_s);
    QCOMPARE(model.index(0, 0, tilde).parent(), tilde);
    QCOMPARE(model.index(0, 2, tilde).parent(), tilde);
    QCOMPARE(model.index(0, 1, alpha).data(JsonTreeModel::JsonValueRole).value<QJsonValue>(), QJsonValue(1));
    const QModelIndex bigIndex = model.index(1, 0);
    QCOMPARE(model.rowCount(bigIndex), 20000);
    QCOMPARE(cell(model, bigIndex, 1), u"[20000]"_s);
    QCOMPARE(cell(model, model.index(19999, 0, bigIndex), 1), u"19999"_s);
    QCOMPARE(model.rowCount(model.index(1, 1)), 0); // only the first column has children
    QVERIFY(!model.hasChildren(model.index(2, 0)));
    QCOMPARE(model.index(0, 0, model.index(2, 0)), QModelIndex());
    QCOMPARE(model.index(0, 0, bigIndex).data(Qt::ToolTipRole).toString(), u"/big/0"_s);
    model.setDocument(QJsonDocument(QJsonArray{u"x"_s, QJsonArray{}}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, model.index(1, 0), 2), u"array"_s);
    QCOMPARE(model.index(0, 0).data(JsonTreeModel::PointerRole).toString(), u"/0"_s);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestDetailPane::escapes()
{
    const QByteArray bytes = QByteArray("a\r\n\tb\x01\x7f") + "\xc3\xa9" + "\xe4\xb8" + "\xff" + "\\";
    QCOMPARE(ByteText::escaped(bytes), u"a\\r\\n\n\\tb\\x01\\x7fé\\xe4\\xb8\\xff\\"_s);
    QCOMPARE(ByteText::escaped(u"当前行号"_s.toUtf8()), u"当前行号"_s);
    QCOMPARE(ByteText::escaped(QByteArray("\0", 1)), u"\\x00"_s);
}

void TestDetailPane::sizes()
{
    QCOMPARE(ByteText::sizeText(0), u"0 bytes"_s);
    QCOMPARE(ByteText::sizeText(1023), u"1023 bytes"_s);
    QCOMPARE(ByteText::sizeText(1024), u"1 KiB"_s);
    QCOMPARE(ByteText::sizeText(1536), u"1.5 KiB"_s);
    QCOMPARE(ByteText::sizeText(5 << 20), u"5 MiB"_s);
    QCOMPARE(ByteText::sizeText(qint64(3) << 30), u"3 GiB"_s);
}

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
