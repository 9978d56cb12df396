// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/jsonfieldmatcher.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

using Mode = JsonFieldMatcher::Mode;
using NearMiss = JsonFieldMatcher::NearMiss;
Q_DECLARE_METATYPE(JsonFieldMatcher::Mode)
Q_DECLARE_METATYPE(JsonFieldMatcher::NearMiss)

namespace {

JsonField notFound(JsonField::Kind kind)
{
    JsonField field;
    field.kind = kind;
    return field;
}

} // namespace

class TestJsonFieldMatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void summary();
    void invalidRegularExpressionMatchesNothing();
};

void TestJsonFieldMatcher::matches_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("wanted");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<NearMiss>("nearMiss");

    const QJsonValue events(u" Events"_s);
    // equals
    QTest::newRow("equals exact") << events << Mode::Equals << u" Events"_s << true << true << NearMiss::None;
    QTest::newRow("equals misses surrounding spaces")
        << events << Mode::Equals << u"Events"_s << true << false << NearMiss::Whitespace;
    QTest::newRow("equals spaces any case")
        << events << Mode::Equals << u"events"_s << false << false << NearMiss::Whitespace;
    QTest::newRow("equals other case") << QJsonValue(u"Events"_s) << Mode::Equals << u"events"_s << true << false
                                       << NearMiss::Case;
    QTest::newRow("equals any case") << QJsonValue(u"Events"_s) << Mode::Equals << u"events"_s << false << true
                                     << NearMiss::None;
    QTest::newRow("equals part") << QJsonValue(u"Server-Sent Events"_s) << Mode::Equals << u"Sent"_s << true << false
                                 << NearMiss::Contained;
    QTest::newRow("equals nothing like it")
        << QJsonValue(u"tick"_s) << Mode::Equals << u"tock"_s << true << false << NearMiss::None;
    QTest::newRow("equals number as number")
        << QJsonValue(1) << Mode::Equals << u"1.0"_s << true << true << NearMiss::None;
    QTest::newRow("equals exponent") << QJsonValue(1000) << Mode::Equals << u"1e3"_s << true << true << NearMiss::None;
    QTest::newRow("equals number in a string")
        << QJsonValue(u"1.0"_s) << Mode::Equals << u"1"_s << true << false << NearMiss::NumberAsText;
    QTest::newRow("equals string that is the number's text")
        << QJsonValue(u"1"_s) << Mode::Equals << u"1"_s << true << true << NearMiss::None;
    QTest::newRow("equals true") << QJsonValue(true) << Mode::Equals << u"true"_s << true << true << NearMiss::None;
    QTest::newRow("equals null") << QJsonValue(QJsonValue::Null) << Mode::Equals << u"null"_s << true << true
                                 << NearMiss::None;
    QTest::newRow("equals empty asks for any value")
        << QJsonValue(QJsonValue::Null) << Mode::Equals << QString() << true << true << NearMiss::None;
    QTest::newRow("equals object as compact JSON")
        << QJsonValue(QJsonObject{{u"a"_s, 1}}) << Mode::Equals << u"{\"a\":1}"_s << true << true << NearMiss::None;
    // contains
    QTest::newRow("contains") << events << Mode::Contains << u"Event"_s << true << true << NearMiss::None;
    QTest::newRow("contains any case") << events << Mode::Contains << u"EVENT"_s << false << true << NearMiss::None;
    QTest::newRow("contains other case") << events << Mode::Contains << u"EVENT"_s << true << false << NearMiss::Case;
    QTest::newRow("contains nothing") << events << Mode::Contains << u"tick"_s << false << false << NearMiss::None;
    QTest::newRow("contains in a number")
        << QJsonValue(2048) << Mode::Contains << u"04"_s << true << true << NearMiss::None;
    QTest::newRow("contains in an array")
        << QJsonValue(QJsonArray{u"a"_s, u"bc"_s}) << Mode::Contains << u"\"bc\""_s << true << true << NearMiss::None;
    // regex
    QTest::newRow("regex") << events << Mode::Regex << u"^\\s+Ev"_s << true << true << NearMiss::None;
    QTest::newRow("regex anchored misses") << events << Mode::Regex << u"^Ev"_s << true << false << NearMiss::None;
    QTest::newRow("regex other case") << events << Mode::Regex << u"events$"_s << true << false << NearMiss::Case;
    QTest::newRow("regex any case") << events << Mode::Regex << u"events$"_s << false << true << NearMiss::None;
    QTest::newRow("regex on a number") << QJsonValue(3.25) << Mode::Regex << u"^3\\.2"_s << true << true
                                       << NearMiss::None;
    // exists
    QTest::newRow("exists string") << events << Mode::Exists << u"ignored"_s << true << true << NearMiss::None;
    QTest::newRow("exists null") << QJsonValue(QJsonValue::Null) << Mode::Exists << QString() << true << true
                                 << NearMiss::None;
    QTest::newRow("exists missing") << QJsonValue(QJsonValue::Undefined) << Mode::Exists << QString() << true << false
                                    << NearMiss::None;
    QTest::newRow("contains missing") << QJsonValue(QJsonValue::Undefined) << Mode::Contains << QString() << true
                                      << false << NearMiss::None;
}

void TestJsonFieldMatcher::matches()
{
    QFETCH(QJsonValue, value);
    QFETCH(Mode, mode);
    QFETCH(QString, wanted);
    QFETCH(bool, caseSensitive);

    const JsonFieldMatcher matcher(mode, wanted, caseSensitive);
    const JsonField field = JsonField::of(value);
    QTEST(matcher.matches(field), "matches");
    QTEST(matcher.nearMiss(field), "nearMiss");
}

void TestJsonFieldMatcher::summary()
{
    const JsonFieldMatcher matcher(Mode::Equals, u"Events"_s, true);
    JsonFieldMatcher::Summary summary;
    for (const QString &text :
         {u" Events"_s, u"Events "_s, u"events"_s, u"Server-Sent Events"_s, u"tick"_s, u" Events"_s})
        matcher.count(summary, JsonField::of(text));
    matcher.count(summary, JsonField::of(QJsonValue(7)));
    matcher.count(summary, notFound(JsonField::Kind::Missing));
    matcher.count(summary, notFound(JsonField::Kind::NotJson));
    QCOMPARE(summary.events, 9);
    QCOMPARE(summary.json, 8);
    QCOMPARE(summary.found, 7);
    QCOMPARE(summary.matched, 0);
    QCOMPARE(summary.nearMisses[size_t(NearMiss::Whitespace)], 3);
    QCOMPARE(summary.nearMisses[size_t(NearMiss::Case)], 1);
    QCOMPARE(summary.nearMisses[size_t(NearMiss::Contained)], 1);
    QCOMPARE(summary.mostCommon(), NearMiss::Whitespace);
    QCOMPARE(summary.examples[size_t(NearMiss::Whitespace)], u" Events"_s);
    QVERIFY(!summary.onlyKind(JsonField::Kind::String));
    QCOMPARE(summary.kinds, (1u << unsigned(JsonField::Kind::String)) | (1u << unsigned(JsonField::Kind::Number)));

    JsonFieldMatcher::Summary none;
    QCOMPARE(none.mostCommon(), NearMiss::None);
    JsonFieldMatcher(Mode::Equals, u"x"_s, true).count(none, JsonField::of(QJsonValue(1)));
    QVERIFY(none.onlyKind(JsonField::Kind::Number));
}

void TestJsonFieldMatcher::invalidRegularExpressionMatchesNothing()
{
    const JsonFieldMatcher matcher(Mode::Regex, u"(open"_s, false);
    QVERIFY(!matcher.regularExpression().isValid());
    QVERIFY(!matcher.matches(JsonField::of(u"(open"_s)));
    QCOMPARE(matcher.nearMiss(JsonField::of(u"(open"_s)), NearMiss::None);
}

QTEST_GUILESS_MAIN(TestJsonFieldMatcher)
#include "tst_jsonfieldmatcher.moc"
