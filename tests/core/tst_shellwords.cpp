// SPDX-License-Identifier: GPL-3.0-or-later
// Splitting a command line into words as a shell does, without expanding anything: POSIX quoting, $'...',
// continuations, comments and the operators that end a command; cmd.exe ^ quoting as Windows browsers copy it;
// and quoting a word so that a POSIX shell gives it back.
#include "net/shellwords.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestShellWords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void errors_data();
    void errors();
    void quote_data();
    void quote();
};

void TestShellWords::split_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QString>("stoppedAt");

    const QString none;
    QTest::newRow("words") << u"a  b\tc"_s << QStringList{u"a"_s, u"b"_s, u"c"_s} << none;
    QTest::newRow("nothing") << u" \n "_s << QStringList() << none;
    QTest::newRow("single quotes keep everything") << u"'a b \\n $x \"'"_s << QStringList{u"a b \\n $x \""_s} << none;
    QTest::newRow("double quotes unescape \\ \" $ `")
        << u"\"a\\\"b\\\\c\\$d\\`e\\nf\""_s << QStringList{u"a\"b\\c$d`e\\nf"_s} << none;
    QTest::newRow("continuation inside double quotes") << u"\"a\\\nb\""_s << QStringList{u"ab"_s} << none;
    QTest::newRow("backslash outside quotes") << u"a\\ b \\'c"_s << QStringList{u"a b"_s, u"'c"_s} << none;
    QTest::newRow("quotes join into one word") << u"a'b'\"c\"$'d'"_s << QStringList{u"abcd"_s} << none;
    QTest::newRow("empty quotes are words") << u"'' \"\" $''"_s << QStringList{QString(), QString(), QString()} << none;
    QTest::newRow("continuation") << u"a \\\n  b\\\nc"_s << QStringList{u"a"_s, u"bc"_s} << none;
    QTest::newRow("continuation with CRLF") << u"a \\\r\n  b"_s << QStringList{u"a"_s, u"b"_s} << none;
    QTest::newRow("$' simple escapes") << u"$'a\\tb\\nc\\\\d\\'e\\\"f\\?\\a\\e'"_s
                                       << QStringList{u"a\tb\nc\\d'e\"f?\a\x1b"_s} << none;
    QTest::newRow("$' bytes make UTF-8") << u"$'\\xc3\\xa9\\101\\0101'"_s << QStringList{u"\u00e9A\u00081"_s} << none;
    QTest::newRow("$' code points") << u"$'\\u4f60\\U0001F600'"_s << QStringList{u"\u4f60\U0001F600"_s} << none;
    QTest::newRow("$' surrogate") << u"$'\\ud800'"_s << QStringList{u"\ufffd"_s} << none;
    QTest::newRow("$' unknown escape kept") << u"$'\\q\\x'"_s << QStringList{u"\\q\\x"_s} << none;
    QTest::newRow("$ expands nothing") << u"$HOME ${X} $"_s << QStringList{u"$HOME"_s, u"${X}"_s, u"$"_s} << none;
    QTest::newRow("comment") << u"a # b 'c\nd"_s << QStringList{u"a"_s, u"d"_s} << none;
    QTest::newRow("# inside a word") << u"a#b"_s << QStringList{u"a#b"_s} << none;
    QTest::newRow("pipe") << u"curl http://h/ | jq ."_s << QStringList{u"curl"_s, u"http://h/"_s} << u"| jq ."_s;
    QTest::newRow("redirect") << u"a >out"_s << QStringList{u"a"_s} << u">out"_s;
    QTest::newRow("&& and ;") << u"a&&b"_s << QStringList{u"a"_s} << u"&&b"_s;
    QTest::newRow("; right after a word") << u"a; b"_s << QStringList{u"a"_s} << u"; b"_s;
    QTest::newRow("lone & ends it") << u"a &"_s << QStringList{u"a"_s} << u"&"_s;
    QTest::newRow("& inside a word") << u"a&b=1"_s << QStringList{u"a&b=1"_s} << none;
    QTest::newRow("what was stopped at is cut")
        << u"a |   x  \n  y and a good deal more"_s << QStringList{u"a"_s} << u"| x y and a good dea"_s;
    QTest::newRow("quoted operators") << u"'|' \";\" \\>"_s << QStringList{u"|"_s, u";"_s, u">"_s} << none;

    // cmd.exe, as "Copy as cURL (cmd)" writes it.
    QTest::newRow("cmd carets") << u"curl ^\"http://h/?a=1^&b=2^\" ^\n  -H ^\"X: y^\""_s
                                << QStringList{u"curl"_s, u"http://h/?a=1&b=2"_s, u"-H"_s, u"X: y"_s} << none;
    QTest::newRow("cmd CRLF continuation")
        << u"curl ^\r\n  -N ^\r\n  http://h/"_s << QStringList{u"curl"_s, u"-N"_s, u"http://h/"_s} << none;
    QTest::newRow("cmd quoted quote") << u"curl ^\"a\\^\"b^\""_s << QStringList{u"curl"_s, u"a\"b"_s} << none;
    QTest::newRow("cmd backslashes before a quote")
        << u"curl ^\"a\\\\\\^\"b^\" ^\n c\\d"_s << QStringList{u"curl"_s, u"a\\\"b"_s, u"c\\d"_s} << none;
    QTest::newRow("cmd even backslashes")
        << u"curl ^\n \"a\\\\\" b"_s << QStringList{u"curl"_s, u"a\\"_s, u"b"_s} << none;
    QTest::newRow("cmd quoted spaces") << u"curl ^\"a b^\" c"_s << QStringList{u"curl"_s, u"a b"_s, u"c"_s} << none;
}

void TestShellWords::split()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QFETCH(QString, stoppedAt);
    QString error;
    const std::optional<ShellWords::Split> split = ShellWords::split(command, &error);
    QVERIFY2(split, qPrintable(error));
    QCOMPARE(split->words, words);
    QCOMPARE(split->stoppedAt, stoppedAt);
}

void TestShellWords::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("error");
    QTest::newRow("single quote") << u"a 'b"_s << u"The single quote (') at line 1, column 3 is never closed."_s;
    QTest::newRow("on a later line") << u"a \\\n  b 'c"_s
                                     << u"The single quote (') at line 2, column 5 is never closed."_s;
    QTest::newRow("double quote") << u"\"abc\\\""_s << u"The double quote (\") at line 1, column 1 is never closed."_s;
    QTest::newRow("$'") << u"x $'abc\\'"_s << u"The quote $' at line 1, column 3 is never closed."_s;
}

void TestShellWords::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!ShellWords::split(command, &actual));
    QCOMPARE(actual, error);
}

void TestShellWords::quote_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("empty") << QString() << u"''"_s;
    QTest::newRow("bare") << u"-H"_s << u"-H"_s;
    QTest::newRow("bare punctuation") << u"user@h:80/p,q+r=s%_.x"_s << u"user@h:80/p,q+r=s%_.x"_s;
    QTest::newRow("space") << u"a b"_s << u"'a b'"_s;
    QTest::newRow("single quote") << u"it's"_s << u"'it'\\''s'"_s;
    QTest::newRow("query") << u"http://h/?a=1&b=2"_s << u"'http://h/?a=1&b=2'"_s;
    QTest::newRow("shell characters") << u"$x `y` \"z\" \\ ! *"_s << u"'$x `y` \"z\" \\ ! *'"_s;
    QTest::newRow("line break") << u"a\nb"_s << u"'a\nb'"_s;
    QTest::newRow("not ASCII") << u"caf\u00e9"_s << u"'caf\u00e9'"_s;
}

void TestShellWords::quote()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(ShellWords::quote(word), quoted);
    // What a shell reads back is the word.
    QString error;
    const std::optional<ShellWords::Split> split = ShellWords::split(u"x "_s + quoted, &error);
    QVERIFY2(split, qPrintable(error));
    QCOMPARE(split->words, (QStringList{u"x"_s, word}));
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
