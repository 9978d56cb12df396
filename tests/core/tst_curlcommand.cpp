// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/curlcommand.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// Every field a curl command can carry, one per line, so that a failed comparison shows the difference.
QString describe(const StreamRequest &request)
{
    QStringList lines{u"url "_s + request.url.toString(), u"method "_s + QString::fromUtf8(request.method)};
    for (const auto &[name, value] : request.headers)
        lines << u"header "_s + QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value);
    lines << u"body "_s + QString::fromUtf8(request.body);
    if (!request.lastEventId.isEmpty())
        lines << u"last-event-id "_s + QString::fromUtf8(request.lastEventId);
    if (!request.caFile.isEmpty())
        lines << u"cacert "_s + request.caFile;
    if (request.ignoreTlsErrors)
        lines << u"insecure"_s;
    if (request.proxyMode == StreamRequest::ProxyMode::None)
        lines << u"proxy none"_s;
    if (request.proxyMode == StreamRequest::ProxyMode::Given)
        lines << u"proxy "_s + request.proxyUrl.toString();
    return lines.join(u'\n');
}

QString expected(const QString &url, const QString &method, const QStringList &headers, const QString &body,
                 const QStringList &extra = {})
{
    QStringList lines{u"url "_s + url, u"method "_s + method};
    for (const QString &header : headers)
        lines << u"header "_s + header;
    lines << u"body "_s + body;
    return (lines + extra).join(u'\n');
}

const QString OpenAiBody = u"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse."
                           u"\"},{\"role\":\"user\",\"content\":\"What is SSE?\"}],\"stream\":true,"
                           u"\"temperature\":0.2}"_s;

StreamRequest makeRequest(const QString &url, const QByteArray &method = "GET")
{
    StreamRequest request;
    request.url = QUrl(url);
    request.method = method;
    return request;
}

} // namespace

class TestCurlCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void warnings_data();
    void warnings();
    void splitWords_data();
    void splitWords();
    void hostileInput();
    void hugeBody();
    void toCommand_data();
    void toCommand();
    void roundTrip_data();
    void roundTrip();
    void quotingSurvivesAShell();
};

void TestCurlCommand::parse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain GET") << u"curl https://example.com/stream"_s
                               << expected(u"https://example.com/stream"_s, u"GET"_s, {}, {});
    QTest::newRow("output options change nothing")
        << u"curl -N -s -S -v -L --compressed -i --no-progress-meter http://h/x"_s
        << expected(u"http://h/x"_s, u"GET"_s, {}, {});
    QTest::newRow("grouped short options")
        << u"curl -sSNk http://h/x"_s << expected(u"http://h/x"_s, u"GET"_s, {}, {}, {u"insecure"_s});
    QTest::newRow("attached values") << u"curl -XPUT -HAccept:text/plain http://h/x"_s
                                     << expected(u"http://h/x"_s, u"PUT"_s, {u"Accept: text/plain"_s}, {});
    QTest::newRow("no scheme means http")
        << u"curl localhost:8080/events"_s << expected(u"http://localhost:8080/events"_s, u"GET"_s, {}, {});
    QTest::newRow("--url") << u"curl --url 'http://h/a?b=1&c=2' -N"_s
                           << expected(u"http://h/a?b=1&c=2"_s, u"GET"_s, {}, {});
    QTest::newRow("prompt and curl.exe") << u"$ /usr/bin/curl.exe http://h/"_s
                                         << expected(u"http://h/"_s, u"GET"_s, {}, {});

    const QString devTools = u"curl 'https://api.openai.com/v1/chat/completions' \\\n"
                             u"  -H 'accept: text/event-stream' \\\n"
                             u"  -H 'accept-language: en-US,en;q=0.9' \\\n"
                             u"  -H 'authorization: Bearer sk-proj-abc123' \\\n"
                             u"  -H 'content-type: application/json' \\\n"
                             u"  -H 'origin: https://chat.example.com' \\\n"
                             u"  -H 'priority: u=1, i' \\\n"
                             u"  -H 'sec-ch-ua: \"Chromium\";v=\"124\", \"Not-A.Brand\";v=\"99\"' \\\n"
                             u"  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0.0.0 Safari/537.36' \\\n"
                             u"  --data-raw '"_s
        + OpenAiBody + u"'"_s;
    const QStringList devToolsHeaders{
        u"accept: text/event-stream"_s,
        u"accept-language: en-US,en;q=0.9"_s,
        u"authorization: Bearer sk-proj-abc123"_s,
        u"content-type: application/json"_s,
        u"origin: https://chat.example.com"_s,
        u"priority: u=1, i"_s,
        u"sec-ch-ua: \"Chromium\";v=\"124\", \"Not-A.Brand\";v=\"99\""_s,
        u"user-agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0.0.0 Safari/537.36"_s,
    };
    QTest::newRow("Chrome DevTools, bash")
        << devTools
        << expected(u"https://api.openai.com/v1/chat/completions"_s, u"POST"_s, devToolsHeaders, OpenAiBody);

    QString crlf = devTools;
    crlf.replace(u"\n"_s, u"\r\n"_s);
    QTest::newRow("Chrome DevTools, CRLF line ends")
        << crlf << expected(u"https://api.openai.com/v1/chat/completions"_s, u"POST"_s, devToolsHeaders, OpenAiBody);

    QTest::newRow("Firefox DevTools")
        << u"curl 'https://api.openai.com/v1/chat/completions' --compressed -X POST "
           u"-H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' "
           u"-H 'Accept: text/event-stream' -H 'Content-Type: application/json' "
           u"-H 'Authorization: Bearer sk-proj-abc123' -H 'Connection: keep-alive' --data-raw '"_s
            + OpenAiBody + u"'"_s
        << expected(u"https://api.openai.com/v1/chat/completions"_s, u"POST"_s,
                    {u"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"_s,
                     u"Accept: text/event-stream"_s, u"Content-Type: application/json"_s,
                     u"Authorization: Bearer sk-proj-abc123"_s, u"Connection: keep-alive"_s},
                    OpenAiBody);

    // DevTools switches to $'...' when the body has a quote, a control character or "!".
    QTest::newRow("ANSI-C quoting")
        << u"curl 'http://h/v1/chat/completions' -H 'content-type: application/json' "
           u"--data-raw $'{\"content\":\"It\\'s\\\\na test\\u0021\",\"raw\":\"line1\\nline2\\ttab\\x41\\101\"}'"_s
        << expected(u"http://h/v1/chat/completions"_s, u"POST"_s, {u"content-type: application/json"_s},
                    u"{\"content\":\"It's\\na test!\",\"raw\":\"line1\nline2\ttabAA\"}"_s);
    QTest::newRow("ANSI-C non-ASCII") << u"curl http://h/ -d $'\\u4f60\\u597d \\xe5\\xa5\\xbd \\U0001F600'"_s
                                      << expected(u"http://h/"_s, u"POST"_s,
                                                  {u"Content-Type: application/x-www-form-urlencoded"_s},
                                                  u"你好 好 😀"_s);

    QTest::newRow("double quotes with escapes")
        << u"curl -X POST \"http://h/x\" -H \"Content-Type: application/json\" -d \"{\\\"a\\\": \\\"$HOME\\\", "
           u"\\\"b\\\": \\\"back\\\\slash \\q\\\"}\""_s
        << expected(u"http://h/x"_s, u"POST"_s, {u"Content-Type: application/json"_s},
                    u"{\"a\": \"$HOME\", \"b\": \"back\\slash \\q\"}"_s);
    QTest::newRow("words glued from quotes")
        << u"curl 'http://h/'\"a b\"c\\ d"_s << expected(u"http://h/a bc d"_s, u"GET"_s, {}, {});

    QTest::newRow("several -d joined with &")
        << u"curl -d a=1 --data 'b=2 3' --data-binary c=4 --data-ascii d=5 http://h/form"_s
        << expected(u"http://h/form"_s, u"POST"_s, {u"Content-Type: application/x-www-form-urlencoded"_s},
                    u"a=1&b=2 3&c=4&d=5"_s);
    QTest::newRow("--data-urlencode") << u"curl --data-urlencode 'q=a b&c' --data-urlencode =x/y http://h/"_s
                                      << expected(u"http://h/"_s, u"POST"_s,
                                                  {u"Content-Type: application/x-www-form-urlencoded"_s},
                                                  u"q=a%20b%26c&x%2Fy"_s);
    QTest::newRow("empty -d still posts")
        << u"curl -d '' http://h/"_s
        << expected(u"http://h/"_s, u"POST"_s, {u"Content-Type: application/x-www-form-urlencoded"_s}, {});
    QTest::newRow("--json") << u"curl --json '{\"stream\":true}' http://h/v1"_s
                            << expected(u"http://h/v1"_s, u"POST"_s,
                                        {u"Content-Type: application/json"_s, u"Accept: application/json"_s},
                                        u"{\"stream\":true}"_s);
    QTest::newRow("--json pieces join, -H Accept wins")
        << u"curl --json '{\"a\":' --json '1}' -H 'Accept: text/event-stream' http://h/v1"_s
        << expected(u"http://h/v1"_s, u"POST"_s, {u"Accept: text/event-stream"_s, u"Content-Type: application/json"_s},
                    u"{\"a\":1}"_s);
    QTest::newRow("-H Name: removes curl's header")
        << u"curl -d x -H 'Content-Type:' http://h/"_s << expected(u"http://h/"_s, u"POST"_s, {}, u"x"_s);
    QTest::newRow("-H Name; sends an empty value")
        << u"curl -H 'X-Empty;' http://h/"_s << expected(u"http://h/"_s, u"GET"_s, {u"X-Empty: "_s}, {});
    QTest::newRow("-X wins over the body")
        << u"curl -X PATCH -d x=1 http://h/"_s
        << expected(u"http://h/"_s, u"PATCH"_s, {u"Content-Type: application/x-www-form-urlencoded"_s}, u"x=1"_s);
    QTest::newRow("-G puts data in the query")
        << u"curl -G -d a=1 -d b=2 'http://h/s?x=0'"_s << expected(u"http://h/s?x=0&a=1&b=2"_s, u"GET"_s, {}, {});
    QTest::newRow("-I is HEAD") << u"curl -I http://h/"_s << expected(u"http://h/"_s, u"HEAD"_s, {}, {});

    QTest::newRow("-u, -A, -b, -e")
        << u"curl -u alice:s3cret -A 'probe/1.0' -b 'a=1' -b 'b=2' -e 'http://ref/;auto' http://h/"_s
        << expected(u"http://h/"_s, u"GET"_s,
                    {u"Authorization: Basic YWxpY2U6czNjcmV0"_s, u"User-Agent: probe/1.0"_s, u"Referer: http://ref/"_s,
                     u"Cookie: a=1; b=2"_s},
                    {});
    QTest::newRow("-H Authorization wins over -u")
        << u"curl -u a:b -H 'authorization: Bearer t' http://h/"_s
        << expected(u"http://h/"_s, u"GET"_s, {u"authorization: Bearer t"_s}, {});
    QTest::newRow("--oauth2-bearer") << u"curl --oauth2-bearer tok http://h/"_s
                                     << expected(u"http://h/"_s, u"GET"_s, {u"Authorization: Bearer tok"_s}, {});
    QTest::newRow("Last-Event-ID") << u"curl -H 'Last-Event-ID: 42' -H 'X: y' http://h/"_s
                                   << expected(u"http://h/"_s, u"GET"_s, {u"X: y"_s}, {}, {u"last-event-id 42"_s});

    QTest::newRow("TLS") << u"curl --insecure --cacert /etc/ca.pem https://h/"_s
                         << expected(u"https://h/"_s, u"GET"_s, {}, {}, {u"cacert /etc/ca.pem"_s, u"insecure"_s});
    QTest::newRow("--no-insecure") << u"curl -k --no-insecure https://h/"_s
                                   << expected(u"https://h/"_s, u"GET"_s, {}, {});
    QTest::newRow("proxy without scheme")
        << u"curl -x proxy.lan:3128 http://h/"_s
        << expected(u"http://h/"_s, u"GET"_s, {}, {}, {u"proxy http://proxy.lan:3128"_s});
    QTest::newRow("socks proxy") << u"curl --proxy socks5://127.0.0.1:1080 http://h/"_s
                                 << expected(u"http://h/"_s, u"GET"_s, {}, {}, {u"proxy socks5://127.0.0.1:1080"_s});
    QTest::newRow("--socks5") << u"curl --socks5 127.0.0.1:9050 http://h/"_s
                              << expected(u"http://h/"_s, u"GET"_s, {}, {}, {u"proxy socks5://127.0.0.1:9050"_s});
    QTest::newRow("--noproxy *") << u"curl -x p:1 --noproxy '*' http://h/"_s
                                 << expected(u"http://h/"_s, u"GET"_s, {}, {}, {u"proxy none"_s});
    QTest::newRow("empty proxy") << u"curl --proxy '' http://h/"_s
                                 << expected(u"http://h/"_s, u"GET"_s, {}, {}, {u"proxy none"_s});

    QTest::newRow("Chrome DevTools, cmd")
        << u"curl ^\"https://api.example.com/v1/chat/completions?x=1^&y=2^\" ^\r\n"
           u"  -H ^\"accept: text/event-stream^\" ^\r\n"
           u"  -H ^\"x-note: 100^%^done^\" ^\r\n"
           u"  -H ^\"content-type: application/json^\" ^\r\n"
           u"  --data-raw ^\"^{^\\^\"model^\\^\":^\\^\"m^\\^\",^\\^\"text^\\^\":^\\^\"a^\r\n\r\nb ^\\^\\^\\^\"q^\\^\"^}^\""_s
        << expected(u"https://api.example.com/v1/chat/completions?x=1&y=2"_s, u"POST"_s,
                    {u"accept: text/event-stream"_s, u"x-note: 100%done"_s, u"content-type: application/json"_s},
                    u"{\"model\":\"m\",\"text\":\"a\r\nb \\\"q\"}"_s);
    QTest::newRow("cmd with plain double quotes")
        << u"curl \"http://h/x\" ^\n -H \"Accept: text/event-stream\""_s
        << expected(u"http://h/x"_s, u"GET"_s, {u"Accept: text/event-stream"_s}, {});
}

void TestCurlCommand::parse()
{
    QFETCH(QString, command);
    QFETCH(QString, expected);
    QString error;
    const std::optional<StreamRequest> request = CurlCommand::parse(command, &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(error, QString());
    QCOMPARE(describe(*request), expected);
}

void TestCurlCommand::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << u"  \n "_s << u"The command is empty: paste a curl command."_s;
    QTest::newRow("only a comment") << u"# nothing"_s << u"The command is empty: paste a curl command."_s;
    QTest::newRow("not curl") << u"wget http://h/"_s << u"A curl command starts with “curl”, not “wget”."_s;
    QTest::newRow("a URL alone") << u"http://h/x"_s << u"A curl command starts with “curl”, not “http://h/x”."_s;
    QTest::newRow("unterminated single quote")
        << u"curl -H 'x: y"_s << u"The single quote (') at line 1, column 9 is never closed."_s;
    QTest::newRow("unterminated double quote")
        << u"curl \\\n  \"http://h/"_s << u"The double quote (\") at line 2, column 3 is never closed."_s;
    QTest::newRow("unterminated $'") << u"curl http://h/ -d $'abc\\'"_s
                                     << u"The quote $' at line 1, column 19 is never closed."_s;
    QTest::newRow("no URL") << u"curl -N -H 'Accept: text/event-stream'"_s << u"The command has no URL."_s;
    QTest::newRow("missing value") << u"curl http://h/ -H"_s << u"The option -H needs a value."_s;
    QTest::newRow("missing long value") << u"curl http://h/ --data-raw"_s << u"The option --data-raw needs a value."_s;
    QTest::newRow("-d @file")
        << u"curl -d @body.json http://h/"_s
        << u"-d @body.json reads a file, and files are not read here: paste the content itself instead."_s;
    QTest::newRow("--data-binary @-")
        << u"curl --data-binary @- http://h/"_s
        << u"--data-binary @- reads a file, and files are not read here: paste the content itself instead."_s;
    QTest::newRow("-H @file") << u"curl -H @headers.txt http://h/"_s
                              << u"-H @headers.txt reads a file, and files are not read here: paste the content "
                                 u"itself instead."_s;
    QTest::newRow("-T") << u"curl -T up.bin http://h/"_s
                        << u"-T up.bin reads a file, and files are not read here: paste the content itself instead."_s;
    QTest::newRow("-F") << u"curl -F name=x http://h/"_s
                        << u"-F sends a multipart form, which is not supported here: send the body with --data-raw "
                           u"instead."_s;
    QTest::newRow("ftp") << u"curl ftp://h/file"_s
                         << u"“ftp://h/file” is not an http or https URL, so it cannot carry an event stream."_s;
    QTest::newRow("no host") << u"curl http:///path"_s << u"The URL “http:///path” has no host name."_s;
    QTest::newRow("bad proxy") << u"curl -x 'http://' http://h/"_s
                               << u"-x http:// is not a proxy address such as http://host:8080."_s;
}

void TestCurlCommand::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, error);
    QString actual;
    QStringList warnings;
    QVERIFY(!CurlCommand::parse(command, &actual, &warnings));
    QCOMPARE(actual, error);
}

void TestCurlCommand::warnings_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("warnings");

    QTest::newRow("none") << u"curl -sN http://h/"_s << QStringList();
    QTest::newRow("ignored options")
        << u"curl -m 30 --retry 3 -o out.txt -O --connect-timeout 5 http://h/"_s
        << QStringList{u"These options do not apply here and were ignored: -m 30, --retry 3, -o out.txt, -O, "
                       u"--connect-timeout 5."_s};
    QTest::newRow("unknown options") << u"curl --frobnicate -Q http://h/"_s
                                     << QStringList{u"These options are unknown and were ignored: --frobnicate, -Q."_s};
    QTest::newRow("two URLs") << u"curl http://a/ http://b/ http://c/"_s
                              << QStringList{
                                     u"Only the first URL is used; these were left out: http://b/, http://c/."_s};
    QTest::newRow("a pipe") << u"curl -N http://h/ | jq -r .data"_s
                            << QStringList{u"Everything from “| jq -r .data” on is not part of the curl command and "
                                           u"was ignored."_s};
    QTest::newRow("a redirect") << u"curl http://h/ > out.txt"_s
                                << QStringList{u"Everything from “> out.txt” on is not part of the curl command and "
                                               u"was ignored."_s};
    QTest::newRow("no password") << u"curl -u alice http://h/"_s
                                 << QStringList{
                                        u"-u gives no password (curl would ask for one): an empty password is used."_s};
    QTest::newRow("header without colon") << u"curl -H 'Bearer xyz' http://h/"_s
                                          << QStringList{u"The header “Bearer xyz” has no colon and was left out, as "
                                                         u"curl does."_s};
    QTest::newRow("cookie file") << u"curl -b cookies.txt http://h/"_s
                                 << QStringList{u"-b cookies.txt reads cookies from a file, which is not read here: it "
                                                u"was left out."_s};
    QTest::newRow("socks4") << u"curl -x socks4://p:1080 http://h/"_s
                            << QStringList{u"The proxy scheme socks4 is not supported: only HTTP and SOCKS5 proxies "
                                           u"are."_s};
}

void TestCurlCommand::warnings()
{
    QFETCH(QString, command);
    QFETCH(QStringList, warnings);
    QString error;
    QStringList actual{u"stale"_s};
    QVERIFY2(CurlCommand::parse(command, &error, &actual), qPrintable(error));
    QCOMPARE(actual, warnings);
}

void TestCurlCommand::splitWords_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");

    QTest::newRow("spaces, tabs, no-break spaces") << u"a \t b\u00a0c"_s << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("empty quotes are a word") << u"a '' \"\" b"_s << QStringList{u"a"_s, u""_s, u""_s, u"b"_s};
    QTest::newRow("continuation") << u"a \\\n b\\\nc"_s << QStringList{u"a"_s, u"bc"_s};
    QTest::newRow("comment") << u"a # b c\nd"_s << QStringList{u"a"_s, u"d"_s};
    QTest::newRow("# inside a word") << u"http://h/#frag"_s << QStringList{u"http://h/#frag"_s};
    QTest::newRow("& in a query") << u"http://h/?a=1&b=2 x"_s << QStringList{u"http://h/?a=1&b=2"_s, u"x"_s};
    QTest::newRow("&& ends it") << u"a && b"_s << QStringList{u"a"_s};
    QTest::newRow("; ends it") << u"a;b"_s << QStringList{u"a"_s};
    QTest::newRow("quoted operators") << u"'a|b' \"c;d\" e\\>f"_s << QStringList{u"a|b"_s, u"c;d"_s, u"e>f"_s};
    QTest::newRow("newline inside quotes") << u"'a\nb' \"c\nd\""_s << QStringList{u"a\nb"_s, u"c\nd"_s};
    QTest::newRow("backslash at the end") << u"a\\"_s << QStringList{u"a"_s};
    QTest::newRow("cmd backslashes") << u"curl ^\"a\\\\\\^\"b^\" ^\n c\\d"_s
                                     << QStringList{u"curl"_s, u"a\\\"b"_s, u"c\\d"_s};
}

void TestCurlCommand::splitWords()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QString error;
    const auto actual = CurlCommand::splitWords(command, &error);
    QVERIFY2(actual, qPrintable(error));
    QCOMPARE(*actual, words);
}

void TestCurlCommand::hostileInput()
{
    // Random shell-ish text: every result is either a request with an http(s) URL or an error to show.
    const QString alphabet = u"curl -HdXkx'\"$\\^\n\r\t :/@&|;#{}[]()=u.ah0\u00e9\u4f60\ufffd"_s + QChar(0);
    QRandomGenerator random(20240521);
    for (int round = 0; round < 3000; ++round) {
        QString command = round % 2 ? u"curl "_s : QString();
        const int length = random.bounded(80);
        for (int i = 0; i < length; ++i)
            command += alphabet[random.bounded(int(alphabet.size()))];
        QString error;
        QStringList warnings;
        const auto request = CurlCommand::parse(command, &error, &warnings);
        if (request) {
            QVERIFY2(request->url.scheme() == u"http" || request->url.scheme() == u"https", qPrintable(command));
            QVERIFY(!request->url.host().isEmpty());
        } else {
            QVERIFY2(!error.isEmpty(), qPrintable(command));
        }
    }

    // Bytes that are not text at all.
    QByteArray garbage(4096, '\0');
    for (char &byte : garbage)
        byte = char(random.bounded(256));
    for (const QString &command : QStringList{QString::fromLatin1(garbage), u"curl "_s + QString::fromUtf8(garbage)}) {
        QString error;
        const auto request = CurlCommand::parse(command, &error);
        QVERIFY(request ? !request->url.host().isEmpty() : !error.isEmpty());
    }
    QString error;
    QVERIFY(!CurlCommand::parse(QString(99999, u'\''), &error));
    QCOMPARE(error, u"The single quote (') at line 1, column 99999 is never closed."_s);
    QVERIFY(!CurlCommand::parse(u"curl "_s + QString(50000, u'-'), &error));
    QCOMPARE(error, u"The command has no URL."_s);
}

void TestCurlCommand::hugeBody()
{
    const QString body = u"{\"data\":\""_s + QString(5 << 20, u'x') + u"\"}"_s;
    QString error;
    const auto request = CurlCommand::parse(u"curl http://h/ --data-raw '"_s + body + u'\'', &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->body.size(), body.size());
    QVERIFY(request->body.endsWith("xx\"}"));
    const auto again = CurlCommand::parse(CurlCommand::toCommand(*request), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->body, request->body);
}

void TestCurlCommand::toCommand_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("command");

    QTest::newRow("GET") << u"http://127.0.0.1:8080/events"_s << QByteArray("GET") << QStringList() << QByteArray()
                         << u"curl -N http://127.0.0.1:8080/events"_s;
    QTest::newRow("query is quoted") << u"http://h/ticker?count=0&interval=400"_s << QByteArray("GET") << QStringList()
                                     << QByteArray() << u"curl -N 'http://h/ticker?count=0&interval=400'"_s;
    QTest::newRow("PUT without a body") << u"http://h/x"_s << QByteArray("PUT") << QStringList() << QByteArray()
                                        << u"curl -N http://h/x -X PUT"_s;
    QTest::newRow("POST without a body") << u"http://h/x"_s << QByteArray("POST") << QStringList() << QByteArray()
                                         << u"curl -N http://h/x -X POST"_s;
    QTest::newRow("GET with a body") << u"http://h/x"_s << QByteArray("GET") << QStringList() << QByteArray("q")
                                     << u"curl -N http://h/x -X GET --data-raw q"_s;
    QTest::newRow("HEAD") << u"http://h/x"_s << QByteArray("HEAD") << QStringList() << QByteArray()
                          << u"curl -N http://h/x -I"_s;
    QTest::newRow("quote in the body") << u"http://h/x"_s << QByteArray("POST") << QStringList{u"X-A;"_s}
                                       << QByteArray("it's") << u"curl -N http://h/x -H 'X-A;' --data-raw 'it'\\''s'"_s;
    QTest::newRow("long: one option per line")
        << u"https://api.openai.com/v1/chat/completions"_s << QByteArray("POST")
        << QStringList{u"Content-Type: application/json"_s, u"Authorization: Bearer $OPENAI_API_KEY"_s}
        << QByteArray("{\"model\":\"gpt-4o-mini\",\"stream\":true}")
        << u"curl -N https://api.openai.com/v1/chat/completions \\\n"
           u"  -H 'Content-Type: application/json' \\\n"
           u"  -H 'Authorization: Bearer $OPENAI_API_KEY' \\\n"
           u"  --data-raw '{\"model\":\"gpt-4o-mini\",\"stream\":true}'"_s;
    QTest::newRow("newline in the body") << u"http://h/x"_s << QByteArray("POST") << QStringList() << QByteArray("a\nb")
                                         << u"curl -N http://h/x \\\n  --data-raw 'a\nb'"_s;
}

void TestCurlCommand::toCommand()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, method);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, command);
    StreamRequest request = makeRequest(url, method);
    for (const QString &header : headers) {
        const qsizetype colon = header.indexOf(u':');
        if (colon < 0)
            request.headers.append({header.chopped(1).toUtf8(), QByteArray()});
        else
            request.headers.append({header.left(colon).toUtf8(), header.mid(colon + 2).toUtf8()});
    }
    request.body = body;
    QCOMPARE(CurlCommand::toCommand(request), command);
}

void TestCurlCommand::roundTrip_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < 8; ++i)
        QTest::addRow("request %d", i) << i;
}

void TestCurlCommand::roundTrip()
{
    QFETCH(int, index);
    StreamRequest request = makeRequest(u"https://api.openai.com/v1/chat/completions"_s, "POST");
    switch (index) {
    case 0:
        request = makeRequest(u"http://127.0.0.1:5000/ticker?count=0&interval=400&type=tick"_s);
        break;
    case 1:
        request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer $OPENAI_API_KEY"}};
        request.body = OpenAiBody.toUtf8();
        break;
    case 2:
        request.headers = {{"Content-Type", "text/plain"}, {"X-Quote", "it's \"fine\" \\ $HOME `x` !"}};
        request.body = "line 1\nline 2\r\n\ttab 'single' \"double\" \\n $(rm -rf /) 你好 😀";
        break;
    case 3:
        request.method = "DELETE";
        request.lastEventId = "evt-42";
        request.ignoreTlsErrors = true;
        request.caFile = u"/home/me/my ca's.pem"_s;
        break;
    case 4:
        request = makeRequest(u"http://h/stream"_s);
        request.proxyMode = StreamRequest::ProxyMode::Given;
        request.proxyUrl = QUrl(u"socks5://user:pw@127.0.0.1:1080"_s);
        break;
    case 5:
        request = makeRequest(u"http://h/stream"_s, "HEAD");
        request.proxyMode = StreamRequest::ProxyMode::None;
        break;
    case 6:
        request = makeRequest(u"http://h/%E4%BD%A0?q=a%20b&r=%26"_s, "get");
        request.headers = {{"X-Empty", ""}, {"Accept", "text/event-stream"}};
        break;
    case 7:
        request.headers = {{"Content-Type", "application/json"}};
        request.body = "@not-a-file";
        break;
    }
    const QString command = CurlCommand::toCommand(request);
    QString error;
    QStringList warnings;
    const auto parsed = CurlCommand::parse(command, &error, &warnings);
    QVERIFY2(parsed, qPrintable(error + u'\n' + command));
    QCOMPARE(warnings, QStringList());
    QCOMPARE(describe(*parsed), describe(request));
}

void TestCurlCommand::quotingSurvivesAShell()
{
    const QString shell = QStandardPaths::findExecutable(u"sh"_s);
    if (shell.isEmpty())
        QSKIP("no POSIX shell here");
    const QStringList words{u"plain"_s,       u""_s,      u"it's"_s, u"\"dq\""_s, u"$HOME"_s, u"`id`"_s, u"a\\b"_s,
                            u"line\nbreak"_s, u"!bang"_s, u"~"_s,    u"*"_s,      u"你好"_s,  u"''''"_s, u"a b\tc"_s};
    QStringList quoted;
    for (const QString &word : words)
        quoted << CurlCommand::quote(word);
    QProcess process;
    process.start(shell, {u"-c"_s, u"printf '%s\\0' "_s + quoted.join(u' ')});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QStringList printed = QString::fromUtf8(process.readAllStandardOutput()).split(QChar(0));
    QCOMPARE(printed.takeLast(), QString());
    QCOMPARE(printed, words);
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
