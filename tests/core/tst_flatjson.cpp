// SPDX-License-Identifier: GPL-3.0-or-later
// FlatJson against QJsonDocument: every text it reads it reads as the general parser does, and every text it
// declines is one the general parser must judge (nested values, fractions, escaped keys, bad text). Then a
// session file's reads decoded from their text equal those decoded from their JSON document.
#include "recording/recorddecoder.h"
#include "util/flatjson.h"
#include "util/jsontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// The reads a sink is handed, and nothing else.
class ChunkSink final : public SessionSink
{
public:
    void chunkRead(const StreamChunk &chunk) override { chunks << chunk; }
    QList<StreamChunk> chunks;
};

// Whether what FlatJson read equals what QJsonDocument reads, member by member.
void compareWithDocument(const FlatJson &flat, QByteArrayView text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const FlatJson::Member *member = flat.find(it.key().toUtf8());
        QVERIFY2(member, qPrintable(it.key()));
        switch (member->kind) {
        case FlatJson::Kind::String:
            QCOMPARE(FlatJson::string(*member).value_or("(lone surrogate)"), it.value().toString().toUtf8());
            break;
        case FlatJson::Kind::Integer:
            QVERIFY(it.value().isDouble());
            QCOMPARE(member->integer, it.value().toInteger());
            break;
        case FlatJson::Kind::Bool:
            QCOMPARE(member->integer != 0, it.value().toBool());
            break;
        case FlatJson::Kind::Null:
            QVERIFY(it.value().isNull());
            break;
        }
    }
}

} // namespace

class TestFlatJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAsTheGeneralParser_data();
    void readsAsTheGeneralParser();
    void declines_data();
    void declines();
    void randomStringsRoundTrip();
    void chunkRecordsDecodeAlike_data();
    void chunkRecordsDecodeAlike();
};

void TestFlatJson::readsAsTheGeneralParser_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("chunk record") << QByteArray(
        R"({"t":"chunk","ns":1200,"wall":1764800000000,"attempt":1,"offset":0,"data":"data: hi\n\n"})");
    QTest::newRow("spaces") << QByteArray(" {\t\"a\" : 1 ,\r\n \"b\" : \"x\" } ");
    QTest::newRow("escapes") << QByteArray(R"({"s":"q\" b\\ s\/ \b\f\n\r\t"})");
    QTest::newRow("unicode escapes") << QByteArray(R"({"s":"\u00e9\u4e2d\u0000\ud83d\ude00"})");
    QTest::newRow("raw UTF-8") << QByteArray(R"({"s":"当前行号是 😀"})");
    QTest::newRow("negative and zero") << QByteArray(R"({"a":-42,"b":0,"c":-0})");
    QTest::newRow("largest taken") << QByteArray(R"({"a":999999999999999999})");
    QTest::newRow("booleans and null") << QByteArray(R"({"a":true,"b":false,"c":null})");
    QTest::newRow("empty string") << QByteArray(R"({"a":""})");
}

void TestFlatJson::readsAsTheGeneralParser()
{
    QFETCH(QByteArray, text);
    const std::optional<FlatJson> flat = FlatJson::parse(text);
    QVERIFY(flat);
    compareWithDocument(*flat, text);
}

void TestFlatJson::declines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("nested object") << QByteArray(R"({"a":{"b":1}})");
    QTest::newRow("array") << QByteArray(R"({"h":[["a","b"]]})");
    QTest::newRow("fraction") << QByteArray(R"({"a":1.5})");
    QTest::newRow("exponent") << QByteArray(R"({"a":1e3})");
    QTest::newRow("too many digits") << QByteArray(R"({"a":1234567890123456789})");
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("escaped key") << QByteArray(R"({"\u0074":"chunk"})");
    QTest::newRow("duplicate key") << QByteArray(R"({"a":1,"a":2})");
    QTest::newRow("lone surrogate kept for the general parser") << QByteArray(R"({"a":"\ud800"})");
    QTest::newRow("raw control byte") << QByteArray("{\"a\":\"x\ny\"}");
    QTest::newRow("bad escape") << QByteArray(R"({"a":"\x"})");
    QTest::newRow("short unicode escape") << QByteArray(R"({"a":"\u12"})");
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xC3\x28\"}");
    QTest::newRow("unterminated string") << QByteArray(R"({"a":"abc)");
    QTest::newRow("no closing brace") << QByteArray(R"({"a":1)");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("text after") << QByteArray(R"({"a":1} x)");
    QTest::newRow("not an object") << QByteArray(R"(["a"])");
    QTest::newRow("bare word") << QByteArray(R"({"a":truth})");
    QTest::newRow("empty") << QByteArray();
}

void TestFlatJson::declines()
{
    QFETCH(QByteArray, text);
    const std::optional<FlatJson> flat = FlatJson::parse(text);
    // A lone surrogate parses as a member but cannot be turned into bytes here.
    if (flat) {
        const FlatJson::Member *member = flat->find("a");
        QVERIFY(member && member->kind == FlatJson::Kind::String);
        QVERIFY(!FlatJson::string(*member));
    }
}

// Strings of any bytes, written as the session writer writes them, read back the same.
void TestFlatJson::randomStringsRoundTrip()
{
    QRandomGenerator random(7);
    static const QByteArrayList pieces{
        "a", " ",  "\"", "\\",           "/",      "\n",  "\r", "\t", QByteArray("\0", 1), "\x01",
        "é", "中", "😀",  "\xEF\xBF\xBD", "data: ", "\x7f"};
    for (int round = 0; round < 2000; ++round) {
        QByteArray value;
        for (int i = random.bounded(12); i > 0; --i)
            value += pieces.at(random.bounded(int(pieces.size())));
        QByteArray text = R"({"t":"chunk","data":)";
        JsonText::appendString(text, value);
        text += R"(,"offset":)" + QByteArray::number(random.bounded(1 << 30)) + '}';
        const std::optional<FlatJson> flat = FlatJson::parse(text);
        QVERIFY2(flat, text.constData());
        QCOMPARE(FlatJson::string(*flat->find("data")).value_or("(declined)"), value);
        compareWithDocument(*flat, text);
    }
}

void TestFlatJson::chunkRecordsDecodeAlike_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("fromText");
    QTest::newRow("text data") << QByteArray(
        R"({"t":"chunk","ns":5,"wall":7,"attempt":2,"offset":10,"data":"data: é\n\n"})")
                               << true;
    QTest::newRow("base64 data") << QByteArray(R"({"t":"chunk","ns":5,"attempt":1,"offset":0,"data_b64":"/w=="})")
                                 << true;
    QTest::newRow("fields missing read as 0") << QByteArray(R"({"t":"chunk","data":"x"})") << true;
    QTest::newRow("a key of a newer writer") << QByteArray(R"({"t":"chunk","data":"x","later":"y"})") << true;
    QTest::newRow("nested value left to the document")
        << QByteArray(R"({"t":"chunk","data":"x","later":{"y":1}})") << false;
    QTest::newRow("a fraction left to the document") << QByteArray(R"({"t":"chunk","ns":1.0,"data":"x"})") << false;
    QTest::newRow("not a read") << QByteArray(R"({"t":"state","state":"open"})") << false;
}

void TestFlatJson::chunkRecordsDecodeAlike()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, fromText);
    ChunkSink direct;
    QCOMPARE(RecordDecoder::decodeChunkText(text, direct), fromText);
    if (!fromText) {
        QVERIFY(direct.chunks.isEmpty());
        return;
    }
    ChunkSink general;
    QString error;
    QCOMPARE(RecordDecoder::decode(QJsonDocument::fromJson(text).object(), 2, 0, general, &error),
             RecordDecoder::Outcome::Handed);
    QCOMPARE(direct.chunks.size(), 1);
    QCOMPARE(general.chunks.size(), 1);
    const StreamChunk &a = direct.chunks.first();
    const StreamChunk &b = general.chunks.first();
    QCOMPARE(a.bytes, b.bytes);
    QCOMPARE(a.offset, b.offset);
    QCOMPARE(a.attempt, b.attempt);
    QCOMPARE(a.monotonicNs, b.monotonicNs);
    QCOMPARE(a.wallMs, b.wallMs);
}

QTEST_GUILESS_MAIN(TestFlatJson)
#include "tst_flatjson.moc"
