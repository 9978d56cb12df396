// SPDX-License-Identifier: GPL-3.0-or-later
// Which lines of two values a side-by-side view marks: common start and end, changed, added and removed lines,
// and the limit past which everything in between is marked.
#include "compare/linediff.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Runs = QList<std::pair<int, int>>;

// Marked lines as "1 0 0 1": 1 for a line without a counterpart.
QString written(const QList<bool> &marked)
{
    QStringList out;
    for (const bool line : marked)
        out << (line ? u"1"_s : u"0"_s);
    return out.join(u' ');
}

} // namespace

class TestLineDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unmatchedLines_data();
    void unmatchedLines();
    void runs_data();
    void runs();
};

void TestLineDiff::unmatchedLines_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<qsizetype>("maxPairs");
    QTest::addColumn<QString>("markedA");
    QTest::addColumn<QString>("markedB");

    const qsizetype many = 1000000;
    QTest::newRow("equal") << u"a\nb\nc"_s << u"a\nb\nc"_s << many << u"0 0 0"_s << u"0 0 0"_s;
    QTest::newRow("one changed") << u"a\nb\nc"_s << u"a\nx\nc"_s << many << u"0 1 0"_s << u"0 1 0"_s;
    QTest::newRow("one added") << u"a\nc"_s << u"a\nb\nc"_s << many << u"0 0"_s << u"0 1 0"_s;
    QTest::newRow("one removed") << u"a\nb\nc"_s << u"a\nc"_s << many << u"0 1 0"_s << u"0 0"_s;
    // Between the common start and end, the longest common subsequence keeps what both share.
    QTest::newRow("inside the middle") << u"{\nx\n1\ny\n2\n}"_s << u"{\n1\nz\n2\n}"_s << many << u"0 1 0 1 0 0"_s
                                       << u"0 0 1 0 0"_s;
    QTest::newRow("all different") << u"a\nb"_s << u"c"_s << many << u"1 1"_s << u"1"_s;
    // Past the limit, the middle is marked whole.
    QTest::newRow("past the limit") << u"{\nx\n1\ny\n2\n}"_s << u"{\n1\nz\n2\n}"_s << qsizetype(5) << u"0 1 1 1 0 0"_s
                                    << u"0 1 1 0 0"_s;
}

void TestLineDiff::unmatchedLines()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(qsizetype, maxPairs);
    QFETCH(QString, markedA);
    QFETCH(QString, markedB);
    const auto [inA, inB] = LineDiff::unmatchedLines(a.split(u'\n'), b.split(u'\n'), maxPairs);
    QCOMPARE(written(inA), markedA);
    QCOMPARE(written(inB), markedB);
}

void TestLineDiff::runs_data()
{
    QTest::addColumn<QList<bool>>("marked");
    QTest::addColumn<int>("offset");
    QTest::addColumn<Runs>("expected");
    QTest::newRow("none") << QList<bool>{false, false} << 0 << Runs();
    QTest::newRow("one run") << QList<bool>{false, true, true} << 0 << Runs{{1, 2}};
    QTest::newRow("two runs, offset") << QList<bool>{true, false, true} << 4 << Runs{{4, 4}, {6, 6}};
}

void TestLineDiff::runs()
{
    QFETCH(QList<bool>, marked);
    QFETCH(int, offset);
    QFETCH(Runs, expected);
    QCOMPARE(LineDiff::runs(marked, offset), expected);
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
