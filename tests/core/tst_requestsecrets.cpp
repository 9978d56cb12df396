// SPDX-License-Identifier: GPL-3.0-or-later
// Which parts of a request are credentials, and taking them out of a request and putting them back: what the
// saved requests, recordings and exports leave out.
#include "net/requestsecrets.h"
#include "recording/sessionformat.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;
using Place = RequestSecret::Place;

bool isPlaceholder(QByteArrayView value)
{
    return value.startsWith("$");
}

} // namespace

class TestRequestSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isSecretHeader_data();
    void isSecretHeader();
    void take_data();
    void take();
    void restore();
    void restoreOnlyWhereMissing();
    void recordingsRedactTheSameHeaders();
};

void TestRequestSecrets::isSecretHeader_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");
    QTest::newRow("Authorization") << QByteArray("Authorization") << true;
    QTest::newRow("lower case") << QByteArray("authorization") << true;
    QTest::newRow("Proxy-Authorization") << QByteArray("Proxy-Authorization") << true;
    QTest::newRow("Cookie") << QByteArray("Cookie") << true;
    QTest::newRow("Set-Cookie") << QByteArray("Set-Cookie") << true;
    QTest::newRow("X-API-Key") << QByteArray("X-API-Key") << true;
    QTest::newRow("Api-Key") << QByteArray("Api-Key") << true;
    QTest::newRow("X-Apikey") << QByteArray("X-Apikey") << true;
    QTest::newRow("X-Auth-Token") << QByteArray("X-Auth-Token") << true;
    QTest::newRow("X-CSRF-Token") << QByteArray("X-CSRF-Token") << true;
    QTest::newRow("Client-Secret") << QByteArray("Client-Secret") << true;
    QTest::newRow("Content-Type") << QByteArray("Content-Type") << false;
    QTest::newRow("Accept") << QByteArray("Accept") << false;
    QTest::newRow("anthropic-version") << QByteArray("anthropic-version") << false;
    QTest::newRow("User-Agent") << QByteArray("User-Agent") << false;
    QTest::newRow("Last-Event-ID") << QByteArray("Last-Event-ID") << false;
}

void TestRequestSecrets::isSecretHeader()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(RequestSecrets::isSecretHeader(name), secret);
}

void TestRequestSecrets::take_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<QString>("urlAfter");
    QTest::addColumn<Headers>("headersAfter");
    QTest::addColumn<QString>("proxyAfter");
    QTest::addColumn<QList<RequestSecret>>("secrets");

    const Headers none;
    QTest::newRow("nothing secret") << u"https://h/x"_s << Headers{{"Accept", "a"}, {"X-Id", "7"}} << QString()
                                    << u"https://h/x"_s << Headers{{"Accept", "a"}, {"X-Id", "7"}} << QString()
                                    << QList<RequestSecret>();
    QTest::newRow("headers") << u"https://h/x"_s
                             << Headers{{"Content-Type", "application/json"},
                                        {"Authorization", "Bearer abc"},
                                        {"Cookie", "session=s3cr3t"},
                                        {"X-API-Key", "k-123"}}
                             << QString() << u"https://h/x"_s
                             << Headers{{"Content-Type", "application/json"},
                                        {"Authorization", ""},
                                        {"Cookie", ""},
                                        {"X-API-Key", ""}}
                             << QString()
                             << QList<RequestSecret>{{Place::Header, "Authorization", 1, "Bearer abc"},
                                                     {Place::Header, "Cookie", 2, "session=s3cr3t"},
                                                     {Place::Header, "X-API-Key", 3, "k-123"}};
    QTest::newRow("an empty header is no secret")
        << u"https://h/x"_s << Headers{{"Authorization", ""}} << QString() << u"https://h/x"_s
        << Headers{{"Authorization", ""}} << QString() << QList<RequestSecret>();
    QTest::newRow("a placeholder stays") << u"https://h/x"_s << Headers{{"x-api-key", "$KEY"}, {"X-Token", "t"}}
                                         << QString() << u"https://h/x"_s
                                         << Headers{{"x-api-key", "$KEY"}, {"X-Token", ""}} << QString()
                                         << QList<RequestSecret>{{Place::Header, "X-Token", 1, "t"}};
    QTest::newRow("URL password") << u"https://me:pa%40ss@h/x?q=1"_s << none << QString() << u"https://me@h/x?q=1"_s
                                  << none << QString() << QList<RequestSecret>{{Place::UrlPassword, {}, -1, "pa@ss"}};
    QTest::newRow("user without a password") << u"https://me@h/x"_s << none << QString() << u"https://me@h/x"_s << none
                                             << QString() << QList<RequestSecret>();
    QTest::newRow("proxy password") << u"https://h/x"_s << none << u"http://u:p@proxy:3128"_s << u"https://h/x"_s
                                    << none << u"http://u@proxy:3128"_s
                                    << QList<RequestSecret>{{Place::ProxyPassword, {}, -1, "p"}};
}

void TestRequestSecrets::take()
{
    QFETCH(QString, url);
    QFETCH(Headers, headers);
    QFETCH(QString, proxy);
    QFETCH(QString, urlAfter);
    QFETCH(Headers, headersAfter);
    QFETCH(QString, proxyAfter);
    QFETCH(QList<RequestSecret>, secrets);

    StreamRequest request;
    request.url = QUrl(url);
    request.headers = headers;
    request.proxyUrl = QUrl(proxy);
    const StreamRequest original = request;
    QCOMPARE(RequestSecrets::take(request, isPlaceholder), secrets);
    QCOMPARE(request.url.toString(), urlAfter);
    QCOMPARE(request.headers, headersAfter);
    QCOMPARE(request.proxyUrl.toString(), proxyAfter);

    // Putting them back gives the request as it was.
    QCOMPARE(RequestSecrets::restore(request, secrets), QList<RequestSecret>());
    QCOMPARE(request.url, original.url);
    QCOMPARE(request.headers, original.headers);
    QCOMPARE(request.proxyUrl, original.proxyUrl);
}

void TestRequestSecrets::restore()
{
    // Without keep, every credential goes, placeholders included.
    StreamRequest request;
    request.url = QUrl(u"https://user:pw@api.example.com/v1"_s);
    request.headers = {{"Authorization", "Bearer $KEY"}, {"Accept", "x"}};
    const QList<RequestSecret> secrets = RequestSecrets::take(request);
    QCOMPARE(secrets.size(), 2);
    QCOMPARE(request.headers, (Headers{{"Authorization", ""}, {"Accept", "x"}}));

    StreamRequest other = request;
    QCOMPARE(RequestSecrets::restore(other, secrets), QList<RequestSecret>());
    QCOMPARE(other.url.toString(), u"https://user:pw@api.example.com/v1"_s);
    QCOMPARE(other.headers.first().second, QByteArray("Bearer $KEY"));
}

void TestRequestSecrets::restoreOnlyWhereMissing()
{
    const QList<RequestSecret> secrets{{Place::Header, "Authorization", 0, "Bearer abc"},
                                       {Place::Header, "Cookie", 1, "a=b"},
                                       {Place::UrlPassword, {}, -1, "pw"},
                                       {Place::ProxyPassword, {}, -1, "pp"}};
    StreamRequest request;
    // The user typed a new token, renamed the second header and took the user out of the URL: those stay.
    request.url = QUrl(u"https://other.example.com/"_s);
    request.headers = {{"authorization", "Bearer new"}, {"X-Other", ""}};
    request.proxyUrl = QUrl(u"http://u:mine@proxy:1"_s);
    QCOMPARE(RequestSecrets::restore(request, secrets), secrets);
    QCOMPARE(request.headers, (Headers{{"authorization", "Bearer new"}, {"X-Other", ""}}));
    QCOMPARE(request.url.toString(), u"https://other.example.com/"_s);
    QCOMPARE(request.proxyUrl.toString(), u"http://u:mine@proxy:1"_s);

    request.headers = {{"AUTHORIZATION", ""}};
    request.proxyUrl = QUrl(u"http://u@proxy:1"_s);
    QCOMPARE(RequestSecrets::restore(request, secrets), (QList<RequestSecret>{secrets.at(1), secrets.at(2)}));
    QCOMPARE(request.headers, (Headers{{"AUTHORIZATION", "Bearer abc"}}));
    QCOMPARE(request.proxyUrl.toString(), u"http://u:pp@proxy:1"_s);
}

void TestRequestSecrets::recordingsRedactTheSameHeaders()
{
    Headers headers{{"Authorization", "Bearer abc"}, {"Accept", "x"}, {"X-Auth-Token", "t"}, {"Cookie", "c=1"}};
    QCOMPARE(SessionFormat::redactHeaders(headers), (QByteArrayList{"authorization", "x-auth-token", "cookie"}));
    QCOMPARE(headers,
             (Headers{{"Authorization", "<redacted>"},
                      {"Accept", "x"},
                      {"X-Auth-Token", "<redacted>"},
                      {"Cookie", "<redacted>"}}));
}

QTEST_GUILESS_MAIN(TestRequestSecrets)
#include "tst_requestsecrets.moc"
