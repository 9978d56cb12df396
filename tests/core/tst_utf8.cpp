// SPDX-License-Identifier: GPL-3.0-or-later
#include "sse/utf8.h"

#include <QStringDecoder>
#include <QTest>

#include <array>

class TestUtf8 final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data();
    void sanitize();
    void cutsOnABoundary_data();
    void cutsOnABoundary();
    void validAsQtDecodes();
    void isAsciiOverBlocks();
};

// Every sequence of a lead byte and two more (each from a range that crosses every boundary), alone and
// between ASCII and CJK text, is valid exactly when Qt's UTF-8 decoder takes it without an error.
void TestUtf8::validAsQtDecodes()
{
    QList<uchar> bytes;
    for (int b = 0; b < 0x100; b += (b >= 0x78 && b <= 0xC8) || b >= 0xDC ? 1 : 8)
        bytes << uchar(b);
    int checked = 0;
    for (const uchar lead : bytes) {
        for (const uchar second : bytes) {
            for (const uchar third : {uchar(0x41), uchar(0x7F), uchar(0x80), uchar(0x9F), uchar(0xA0), uchar(0xBF),
                                      uchar(0xC0), uchar(0xE5)}) {
                const QByteArray sequence{reinterpret_cast<const char *>(std::array{lead, second, third}.data()), 3};
                const QByteArray texts[]{sequence, "a" + sequence + "b", "\xE4\xBD\xA0" + sequence + " "};
                for (const QByteArray &text : texts) {
                    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
                    const QString decoded = decoder.decode(text);
                    Q_UNUSED(decoded);
                    QCOMPARE(Utf8::isValid(text), !decoder.hasError());
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 100000);
}

void TestUtf8::isAsciiOverBlocks()
{
    // Blocks of 256 bytes are tested whole: a high byte anywhere, in a block or in the tail, is found.
    for (const int size : {0, 7, 255, 256, 257, 1000, 4096}) {
        QByteArray text(size, 'a');
        QVERIFY(Utf8::isAscii(text));
        for (int at = 0; at < size; at += qMax(1, size / 37)) {
            QByteArray marked = text;
            marked[at] = char(0x80);
            QVERIFY2(!Utf8::isAscii(marked), qPrintable(QStringLiteral("%1 at %2").arg(size).arg(at)));
        }
    }
}

void TestUtf8::sanitize_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("valid");

    const QByteArray r = "\xEF\xBF\xBD";
    QTest::newRow("empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("ascii") << QByteArray("hello world, long enough for words")
                           << QByteArray("hello world, long enough for words") << true;
    QTest::newRow("two bytes") << QByteArray("\xC3\xA9") << QByteArray("\xC3\xA9") << true;
    QTest::newRow("three bytes") << QByteArray("\xE5\xBD\x93") << QByteArray("\xE5\xBD\x93") << true;
    QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x98\x80") << QByteArray("\xF0\x9F\x98\x80") << true;
    QTest::newRow("U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF") << QByteArray("\xF4\x8F\xBF\xBF") << true;
    QTest::newRow("lone continuation") << QByteArray("a\x80"
                                                     "b")
                                       << "a" + r + "b" << false;
    QTest::newRow("ff") << QByteArray("\xFF") << r << false;
    QTest::newRow("c0 c1 are never valid") << QByteArray("\xC0\x80\xC1\xBF") << r + r + r + r << false;
    QTest::newRow("truncated at end") << QByteArray("x\xE5\xBD") << "x" + r << false;
    QTest::newRow("truncated before ascii") << QByteArray("\xF0\x9F\x98!") << r + "!" << false;
    QTest::newRow("overlong three") << QByteArray("\xE0\x80\xAF") << r + r + r << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << r + r + r << false;
    QTest::newRow("past 10FFFF") << QByteArray("\xF4\x90\x80\x80") << r + r + r + r << false;
    QTest::newRow("f5") << QByteArray("\xF5\x80") << r + r << false;
    QTest::newRow("bad byte after ascii run") << QByteArray("0123456789abcdef\xFE"
                                                            "0123456789")
                                              << "0123456789abcdef" + r + "0123456789" << false;
    QTest::newRow("lead then lead") << QByteArray("\xE5\xE5\xBD\x93") << r + "\xE5\xBD\x93" << false;
}

void TestUtf8::sanitize()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QFETCH(bool, valid);
    QCOMPARE(Utf8::isValid(input), valid);
    QByteArray out = "prefix:";
    Utf8::appendSanitized(out, input);
    QCOMPARE(out, "prefix:" + expected);
    QVERIFY(Utf8::isValid(out));
}

void TestUtf8::cutsOnABoundary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QByteArray>("prefix");
    // 当 is three bytes, 😀 four.
    const QByteArray text = "a\xE5\xBD\x93\xF0\x9F\x98\x80z";
    QTest::newRow("shorter than the limit") << text << 100 << text;
    QTest::newRow("exactly the size") << text << int(text.size()) << text;
    QTest::newRow("ASCII") << QByteArray("abcdef") << 3 << QByteArray("abc");
    QTest::newRow("before a character") << text << 1 << QByteArray("a");
    QTest::newRow("inside three bytes") << text << 2 << QByteArray("a");
    QTest::newRow("inside three bytes, last") << text << 3 << QByteArray("a");
    QTest::newRow("after three bytes") << text << 4 << QByteArray("a\xE5\xBD\x93");
    QTest::newRow("inside four bytes") << text << 7 << QByteArray("a\xE5\xBD\x93");
    QTest::newRow("zero") << text << 0 << QByteArray();
    QTest::newRow("negative") << text << -5 << QByteArray();
    // Bytes that are not UTF-8 are cut where asked: only continuation bytes are stepped over.
    QTest::newRow("lone continuations") << QByteArray("\x80\x80\x80") << 2 << QByteArray();
    QTest::newRow("not UTF-8") << QByteArray("\xFF\xFE"
                                             "ab")
                               << 1 << QByteArray("\xFF");
}

void TestUtf8::cutsOnABoundary()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, limit);
    QFETCH(QByteArray, prefix);
    QCOMPARE(Utf8::prefix(bytes, limit).toByteArray(), prefix);
    QCOMPARE(Utf8::boundaryAtOrBefore(bytes, limit), prefix.size());
}

QTEST_GUILESS_MAIN(TestUtf8)
#include "tst_utf8.moc"
