// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockproducer.h"
#include "net/sseclient.h"
#include "request/bodyeditor.h"
#include "request/curlimportdialog.h"
#include "request/headerstable.h"
#include "request/jsonbody.h"
#include "request/policiespanel.h"
#include "request/presetsmenu.h"
#include "request/requesteditor.h"
#include "request/requeststore.h"

#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray ChatBody = "{\n"
                            "  \"model\": \"gpt-4o-mini\",\n"
                            "  \"stream\": true,\n"
                            "  \"messages\": [\n"
                            "    {\n"
                            "      \"role\": \"user\",\n"
                            "      \"content\": \"What are Server-Sent Events?\"\n"
                            "    }\n"
                            "  ]\n"
                            "}";

QByteArray anthropicBody(const QByteArray &model)
{
    return "{\n  \"model\": \"" + model
        + "\",\n  \"max_tokens\": 1024,\n  \"stream\": true,\n  \"messages\": [\n    {\n      \"role\": \"user\",\n"
          "      \"content\": \"What are Server-Sent Events?\"\n    }\n  ]\n}";
}

QString headerText(const Headers &headers)
{
    QStringList lines;
    for (const auto &[name, value] : headers)
        lines << QString::fromUtf8(name + ": " + value);
    return lines.join(u'\n');
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (!action->isSeparator() && !action->menu())
            texts << action->text();
    }
    return texts;
}

QMenu *openedMenu(RequestEditor &editor, const QString &objectName = {})
{
    // aboutToShow fills the menu; showing it offscreen is harmless.
    Q_EMIT editor.presetsMenu()->aboutToShow();
    return objectName.isEmpty() ? editor.presetsMenu() : editor.presetsMenu()->findChild<QMenu *>(objectName);
}

StreamRequest fullRequest()
{
    StreamRequest request;
    request.url = QUrl(u"https://api.example.com/v1/stream?topic=a%20b&x=1"_s);
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}, {"X-Quote", "it's \"quoted\""}};
    request.body = "{\"q\": \"it's\"}";
    request.lastEventId = "41";
    request.caFile = u"/etc/ssl/private ca.pem"_s;
    request.ignoreTlsErrors = true;
    request.proxyMode = StreamRequest::ProxyMode::Given;
    request.proxyUrl = QUrl(u"http://proxy.lan:3128"_s);
    request.reconnect.enabled = false;
    request.reconnect.initialDelayMs = 1500;
    request.reconnect.maxDelayMs = 60000;
    request.reconnect.resetAfterMs = 5000;
    request.reconnect.retryServerErrors = true;
    request.reconnect.reconnectPost = true;
    request.reconnect.maxAttempts = 7;
    request.reconnect.idleTimeoutMs = 45000;
    request.stop.eventTypes = {"done", "message_stop"};
    request.stop.dataValues = {"[DONE]"};
    request.stop.maxEvents = 500;
    request.limits.maxLineLength = 1 << 20;
    request.limits.maxEventSize = 3000; // not a whole KiB: kept exactly while the field is not edited
    request.limits.overflow = SseParserLimits::Overflow::SkipEvent;
    return request;
}

} // namespace

class TestRequestEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void presetNames();
    void presets_data();
    void presets();
    void embeddedPresetsNeedTheProducer();
    void embeddedLlmPresetsStream_data();
    void embeddedLlmPresetsStream();
    void setRequestShowsEverything();
    void curlImportFillsTheFields();
    void curlImportDialog();
    void copyAsCurlRoundTrip();
    void jsonCheck();
    void formatKeepsMemberOrder();
    void validate_data();
    void validate();
    void environmentPlaceholders();
    void headersTable();
    void recentRequests();
    void userPresetSavedAndReloaded();
    void trailingWidgetAndSubmit();
};

void TestRequestEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_requesteditor"_s);
}

void TestRequestEditor::init()
{
    QSettings().clear();
}

void TestRequestEditor::presetNames()
{
    RequestEditor editor;
    const QStringList builtIn{u"Embedded demo (ticker)"_s, u"Embedded LLM: OpenAI-compatible"_s,
                              u"Embedded LLM: Anthropic"_s, u"OpenAI chat completion"_s, u"Anthropic messages"_s};
    QCOMPARE(editor.presetNames(), builtIn);
    editor.savePreset(u"mine"_s);
    QCOMPARE(editor.presetNames(), builtIn + QStringList{u"mine"_s});
    QVERIFY(!editor.loadPreset(u"no such preset"_s));
}

void TestRequestEditor::presets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("stopTypes");
    QTest::addColumn<QByteArrayList>("stopData");

    QTest::newRow("ticker") << u"Embedded demo (ticker)"_s << u"GET"_s
                            << u"http://127.0.0.1:4321/ticker?count=0&interval=400&type=tick"_s << Headers()
                            << QByteArray() << QByteArrayList() << QByteArrayList();
    QTest::newRow("ticker by id") << u"embedded-ticker"_s << u"GET"_s
                                  << u"http://127.0.0.1:4321/ticker?count=0&interval=400&type=tick"_s << Headers()
                                  << QByteArray() << QByteArrayList() << QByteArrayList();
    QByteArray mockChat = ChatBody;
    mockChat.replace("gpt-4o-mini", "ssescope-mock-1");
    QTest::newRow("embedded OpenAI") << u"Embedded LLM: OpenAI-compatible"_s << u"POST"_s
                                     << u"http://127.0.0.1:4321/v1/chat/completions"_s
                                     << Headers{{"Content-Type", "application/json"}} << mockChat << QByteArrayList()
                                     << QByteArrayList{"[DONE]"};
    QTest::newRow("embedded Anthropic") << u"Embedded LLM: Anthropic"_s << u"POST"_s
                                        << u"http://127.0.0.1:4321/v1/messages"_s
                                        << Headers{{"Content-Type", "application/json"},
                                                   {"anthropic-version", "2023-06-01"}}
                                        << anthropicBody("ssescope-mock-1") << QByteArrayList{"message_stop"}
                                        << QByteArrayList();
    QTest::newRow("OpenAI") << u"OpenAI chat completion"_s << u"POST"_s
                            << u"https://api.openai.com/v1/chat/completions"_s
                            << Headers{{"Content-Type", "application/json"},
                                       {"Authorization", "Bearer $OPENAI_API_KEY"}}
                            << ChatBody << QByteArrayList() << QByteArrayList{"[DONE]"};
    QTest::newRow("Anthropic") << u"Anthropic messages"_s << u"POST"_s << u"https://api.anthropic.com/v1/messages"_s
                               << Headers{{"Content-Type", "application/json"},
                                          {"x-api-key", "$ANTHROPIC_API_KEY"},
                                          {"anthropic-version", "2023-06-01"}}
                               << anthropicBody("claude-sonnet-4-5") << QByteArrayList{"message_stop"}
                               << QByteArrayList();
}

void TestRequestEditor::presets()
{
    QFETCH(QString, name);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(Headers, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, stopTypes);
    QFETCH(QByteArrayList, stopData);

    RequestEditor editor;
    editor.setProducerUrl(QUrl(u"http://127.0.0.1:4321/"_s));
    QVERIFY(!editor.detailsVisible());
    QVERIFY(editor.loadPreset(name));
    QCOMPARE(editor.methodBox()->currentText(), method);
    QCOMPARE(editor.urlEdit()->text(), url);
    const StreamRequest request = editor.request();
    QCOMPARE(QString::fromUtf8(request.method), method);
    QCOMPARE(request.url, QUrl(url));
    QCOMPARE(headerText(request.headers), headerText(headers));
    QCOMPARE(request.body, body);
    QCOMPARE(editor.bodyEditor()->edit()->toPlainText(), QString::fromUtf8(body));
    QCOMPARE(request.stop.eventTypes, stopTypes);
    QCOMPARE(request.stop.dataValues, stopData);
    QCOMPARE(request.stop.maxEvents, 0);
    QCOMPARE(request.reconnect.reconnectPost, false);
    // A preset with headers or a body opens the details to show them.
    QCOMPARE(editor.detailsVisible(), !headers.isEmpty() || !body.isEmpty());
    if (!body.isEmpty())
        QCOMPARE(editor.bodyEditor()->jsonStatus(), u"valid JSON"_s);
}

void TestRequestEditor::embeddedPresetsNeedTheProducer()
{
    RequestEditor editor;
    editor.urlEdit()->setText(u"http://kept/"_s);
    QVERIFY(!editor.loadPreset(u"Embedded demo (ticker)"_s));
    QCOMPARE(editor.urlEdit()->text(), u"http://kept/"_s);
    QMenu *menu = openedMenu(editor);
    const QList<QAction *> actions = menu->actions();
    const auto action = [&](const QString &text) {
        return *std::find_if(actions.begin(), actions.end(), [&](QAction *a) { return a->text() == text; });
    };
    QVERIFY(!action(u"Embedded demo (ticker)"_s)->isEnabled());
    QCOMPARE(action(u"Embedded demo (ticker)"_s)->toolTip(), u"The embedded producer is not running"_s);
    QVERIFY(action(u"OpenAI chat completion"_s)->isEnabled());
    action(u"OpenAI chat completion"_s)->trigger();
    QCOMPARE(editor.urlEdit()->text(), u"https://api.openai.com/v1/chat/completions"_s);
}

void TestRequestEditor::embeddedLlmPresetsStream_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QByteArray>("lastType");
    QTest::addColumn<QByteArray>("lastData");
    QTest::newRow("OpenAI-compatible") << u"embedded-openai"_s << QByteArray("message") << QByteArray("[DONE]");
    QTest::newRow("Anthropic") << u"embedded-anthropic"_s << QByteArray("message_stop")
                               << QByteArray("{\"type\":\"message_stop\"}");
}

void TestRequestEditor::embeddedLlmPresetsStream()
{
    QFETCH(QString, preset);
    QFETCH(QByteArray, lastType);
    QFETCH(QByteArray, lastData);
    MockProducer producer;
    QVERIFY2(producer.start(), qPrintable(producer.errorString()));
    RequestEditor editor;
    editor.setProducerUrl(producer.url());
    QVERIFY(editor.loadPreset(preset));
    QString error;
    QVERIFY2(editor.validate(&error), qPrintable(error));

    SseClient client(editor.request());
    QList<SseEvent> events;
    connect(&client, &SseClient::eventReceived, this, [&events](const SseEvent &event) { events << event; });
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), StreamState::Finished, 20000);
    QVERIFY(events.size() > 5);
    QCOMPARE(events.last().type, lastType);
    QCOMPARE(events.last().data, lastData);
    QCOMPARE(client.attempt(), 1);
}

void TestRequestEditor::setRequestShowsEverything()
{
    RequestEditor editor;
    const StreamRequest request = fullRequest();
    editor.setRequest(request);
    QVERIFY(editor.detailsVisible());
    QCOMPARE(editor.detailsTabs()->tabText(0), u"Headers (2)"_s);
    QCOMPARE(editor.detailsTabs()->tabText(1), u"Body •"_s);
    const StreamRequest back = editor.request();
    QCOMPARE(RequestStore::toJson(back), RequestStore::toJson(request));
    QCOMPARE(back.limits.maxEventSize, 3000);

    // The policies panel alone, both ways.
    PoliciesPanel panel;
    panel.setRequest(request);
    StreamRequest applied;
    applied.limits = request.limits;
    panel.applyTo(applied);
    QCOMPARE(RequestStore::toJson(applied).value(u"reconnect"_s), RequestStore::toJson(request).value(u"reconnect"_s));
    QCOMPARE(RequestStore::toJson(applied).value(u"stop"_s), RequestStore::toJson(request).value(u"stop"_s));
    QCOMPARE(RequestStore::toJson(applied).value(u"limits"_s), RequestStore::toJson(request).value(u"limits"_s));
    QCOMPARE(PoliciesPanel::splitList(u" a, ,b ,[DONE],"_s), (QByteArrayList{"a", "b", "[DONE]"}));
}

void TestRequestEditor::curlImportFillsTheFields()
{
    RequestEditor editor;
    StreamRequest before;
    before.stop.dataValues = {"[DONE]"};
    before.reconnect.maxAttempts = 3;
    editor.setRequest(before);
    const QString command = u"curl 'https://api.openai.com/v1/chat/completions' \\\n"
                            u"  -H 'accept: text/event-stream' \\\n"
                            u"  -H 'authorization: Bearer sk-test' \\\n"
                            u"  -H 'content-type: application/json' \\\n"
                            u"  --data-raw '{\"model\":\"gpt-4o-mini\",\"stream\":true}' \\\n"
                            u"  --compressed -m 60"_s;
    QString error;
    QStringList warnings;
    QVERIFY2(editor.importCurl(command, &error, &warnings), qPrintable(error));
    QCOMPARE(warnings, QStringList{u"These options do not apply here and were ignored: -m 60."_s});
    QCOMPARE(editor.methodBox()->currentText(), u"POST"_s);
    QCOMPARE(editor.urlEdit()->text(), u"https://api.openai.com/v1/chat/completions"_s);
    QTableWidget *table = editor.headersTable()->table();
    QCOMPARE(table->rowCount(), 4); // three headers and the empty row for a new one
    QCOMPARE(table->item(1, 0)->text(), u"authorization"_s);
    QCOMPARE(table->item(1, 1)->text(), u"Bearer sk-test"_s);
    QCOMPARE(table->item(3, 0)->text(), QString());
    QCOMPARE(editor.bodyEditor()->edit()->toPlainText(), u"{\"model\":\"gpt-4o-mini\",\"stream\":true}"_s);
    QVERIFY(editor.detailsVisible());
    const StreamRequest request = editor.request();
    QCOMPARE(request.stop.dataValues, QByteArrayList{"[DONE]"}); // the policies stay
    QCOMPARE(request.reconnect.maxAttempts, 3);

    QVERIFY(!editor.importCurl(u"curl -d @body.json http://h/"_s, &error));
    QCOMPARE(error, u"-d @body.json reads a file, and files are not read here: paste the content itself instead."_s);
    QCOMPARE(editor.urlEdit()->text(), u"https://api.openai.com/v1/chat/completions"_s);
}

void TestRequestEditor::curlImportDialog()
{
    CurlImportDialog dialog;
    QPushButton *import = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!import->isEnabled());
    QCOMPARE(dialog.message(), QString());
    dialog.setCommand(u"curl -H 'Accept: text/event-stream"_s);
    QVERIFY(!import->isEnabled());
    QCOMPARE(dialog.message(), u"The single quote (') at line 1, column 9 is never closed."_s);
    QVERIFY(!dialog.request());
    dialog.setCommand(u"curl -N -X POST http://h/x -H 'A: b' -d 'x=1' --retry 2"_s);
    QVERIFY(import->isEnabled());
    QCOMPARE(dialog.message(),
             u"Ready to import: POST http://h/x, 2 header(s), a body of 3 byte(s)\n"
             u"These options do not apply here and were ignored: --retry 2."_s);
    QVERIFY(dialog.request());
    QCOMPARE(dialog.request()->body, QByteArray("x=1"));
}

void TestRequestEditor::copyAsCurlRoundTrip()
{
    RequestEditor editor;
    editor.setRequest(fullRequest());
    const QString command = editor.curlCommand();
    QCOMPARE(command,
             u"curl -N 'https://api.example.com/v1/stream?topic=a b&x=1' \\\n"
             u"  -H 'Content-Type: application/json' \\\n"
             u"  -H 'X-Quote: it'\\''s \"quoted\"' \\\n"
             u"  -H 'Last-Event-ID: 41' \\\n"
             u"  --data-raw '{\"q\": \"it'\\''s\"}' \\\n"
             u"  -k \\\n"
             u"  --cacert '/etc/ssl/private ca.pem' \\\n"
             u"  --proxy http://proxy.lan:3128"_s);

    QToolButton *copy = nullptr;
    for (QToolButton *button : editor.findChildren<QToolButton *>()) {
        if (button->text() == u"Copy as curl")
            copy = button;
    }
    QVERIFY(copy);
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), command);
    QCOMPARE(copy->text(), u"Copied"_s);
    QTRY_COMPARE_WITH_TIMEOUT(copy->text(), u"Copy as curl"_s, 5000);

    RequestEditor other;
    QString error;
    QVERIFY2(other.importCurl(command, &error), qPrintable(error));
    const StreamRequest a = editor.request();
    const StreamRequest b = other.request();
    QCOMPARE(b.url, a.url);
    QCOMPARE(b.method, a.method);
    QCOMPARE(headerText(b.headers), headerText(a.headers));
    QCOMPARE(b.body, a.body);
    QCOMPARE(b.lastEventId, a.lastEventId);
    QCOMPARE(b.caFile, a.caFile);
    QCOMPARE(b.ignoreTlsErrors, true);
    QCOMPARE(b.proxyMode, StreamRequest::ProxyMode::Given);
    QCOMPARE(b.proxyUrl, a.proxyUrl);
}

void TestRequestEditor::jsonCheck()
{
    RequestEditor editor;
    BodyEditor *body = editor.bodyEditor();
    editor.urlEdit()->setText(u"http://h/"_s);
    editor.headersTable()->setHeaders({{"Content-Type", "application/json"}});
    body->edit()->setPlainText(u"{\n  \"model\": \"x\",\n  \"stream\": tru\n}"_s);
    QTRY_COMPARE(body->jsonStatus(), u"JSON error at line 3, column 13: illegal value"_s);
    QString error;
    QVERIFY(!editor.validate(&error));
    QCOMPARE(error,
             u"The body is not valid JSON (line 3, column 13: illegal value). Fix it on the Body page, or "
             u"change the Content-Type header."_s);

    body->edit()->setPlainText(u"{\"a\": [1, 2,]}"_s);
    body->checkNow();
    QCOMPARE(body->jsonStatus(), u"JSON error at line 1, column 13: object is missing after a comma"_s);
    body->edit()->setPlainText(u"{\"a\": 1} trailing"_s);
    body->checkNow();
    QCOMPARE(body->jsonStatus(), u"JSON error at line 1, column 10: garbage at the end of the document"_s);
    body->edit()->setPlainText(u"\"just a string\""_s);
    body->checkNow();
    QCOMPARE(body->jsonStatus(), u"valid JSON"_s);
    body->edit()->setPlainText(u"1, 2"_s);
    body->checkNow();
    QCOMPARE(body->jsonStatus(), u"JSON error at line 1, column 2: more than one value"_s);

    // Without a JSON Content-Type, only a body that looks like JSON is checked.
    editor.headersTable()->setHeaders({{"Content-Type", "text/plain"}});
    body->edit()->setPlainText(u"hello {"_s);
    body->checkNow();
    QCOMPARE(body->jsonStatus(), QString());
    body->edit()->setPlainText(u"[1, 2"_s);
    body->checkNow();
    QCOMPARE(body->jsonStatus(), u"JSON error at line 1, column 5: invalid termination by number"_s);
    QVERIFY2(editor.validate(&error), qPrintable(error)); // text/plain may be anything

    // Binary garbage and a huge body do not break the check.
    QByteArray garbage(70000, '\0');
    for (qsizetype i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 7919) % 251);
    QVERIFY(JsonBody::error('{' + garbage));
    QVERIFY(JsonBody::error(QByteArray(1 << 20, '[')));
}

void TestRequestEditor::formatKeepsMemberOrder()
{
    RequestEditor editor;
    BodyEditor *body = editor.bodyEditor();
    QPushButton *format = body->findChild<QPushButton *>();
    body->setBody("{\"z\":1,\"a\":{\"s\":\"x, y: {z}\",\"e\":[],\"o\":{}},\"l\":[1,{\"k\":null}]}");
    QVERIFY(format->isEnabled());
    format->click();
    const QString expected = u"{\n  \"z\": 1,\n  \"a\": {\n    \"s\": \"x, y: {z}\",\n    \"e\": [],\n    \"o\": {}\n"
                             u"  },\n  \"l\": [\n    1,\n    {\n      \"k\": null\n    }\n  ]\n}"_s;
    QCOMPARE(body->edit()->toPlainText(), expected);
    QCOMPARE(body->body(), expected.toUtf8());
    body->setBody("{\"broken\": ");
    QVERIFY(!format->isEnabled());
    QVERIFY(!body->format());
    QCOMPARE(body->body(), QByteArray("{\"broken\": "));
}

void TestRequestEditor::validate_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("error");

    const Headers none;
    QTest::newRow("fine") << u"GET"_s << u"http://localhost:8080/events"_s << none << QString();
    QTest::newRow("no scheme is http") << u"GET"_s << u"localhost:8080/events"_s << none << QString();
    QTest::newRow("empty") << u"GET"_s << u"  "_s << none << u"Enter the URL of the event stream, or pick a preset."_s;
    QTest::newRow("ftp") << u"GET"_s << u"ftp://h/x"_s << none
                         << u"The URL must start with http:// or https://, not ftp://."_s;
    QTest::newRow("no host") << u"GET"_s << u"http:///x"_s << none
                             << u"The URL has no host name: write it as http://host:port/path."_s;
    QTest::newRow("bad port") << u"GET"_s << u"http://h:99999999/"_s << none
                              << u"The URL is not valid: Invalid port or port number out of range."_s;
    QTest::newRow("method with a space") << u"GE T"_s << u"http://h/"_s << none
                                         << u"“GE T” is not an HTTP method: use a single word such as GET or POST."_s;
    QTest::newRow("header with a space")
        << u"GET"_s << u"http://h/"_s << Headers{{"X Key", "v"}}
        << u"The header name “X Key” is not valid: use letters, digits and !#$%&'*+-.^_`|~ only, without spaces or "
           u"colons."_s;
    QTest::newRow("header with a colon")
        << u"GET"_s << u"http://h/"_s << Headers{{"Authorization:", "v"}}
        << u"The header name “Authorization:” is not valid: use letters, digits and !#$%&'*+-.^_`|~ only, without "
           u"spaces or colons."_s;
    QTest::newRow("line break in a value")
        << u"GET"_s << u"http://h/"_s << Headers{{"X-A", "a\nb"}}
        << u"The value of the header X-A has a line break, which HTTP does not allow."_s;
}

void TestRequestEditor::validate()
{
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(Headers, headers);
    QFETCH(QString, error);
    RequestEditor editor;
    editor.methodBox()->setCurrentText(method);
    editor.urlEdit()->setText(url);
    editor.headersTable()->setHeaders(headers);
    QString actual = u"untouched"_s;
    QCOMPARE(editor.validate(&actual), error.isEmpty());
    QCOMPARE(actual, error.isEmpty() ? u"untouched"_s : error);
}

void TestRequestEditor::environmentPlaceholders()
{
    qunsetenv("SSESCOPE_TEST_KEY");
    RequestEditor editor;
    StreamRequest request;
    request.url = QUrl(u"https://api.example.com/v1"_s);
    request.headers = {{"Authorization", "Bearer $SSESCOPE_TEST_KEY"}, {"X-Both", "${SSESCOPE_TEST_KEY}/$lower"}};
    editor.setRequest(request);
    QString error;
    QVERIFY(!editor.validate(&error));
    QCOMPARE(error,
             u"The header Authorization uses $SSESCOPE_TEST_KEY, which is not set in the environment: "
             u"replace it with the real value on the Headers page, or set SSESCOPE_TEST_KEY before starting "
             u"SSE Scope."_s);

    qputenv("SSESCOPE_TEST_KEY", "sk-123");
    QVERIFY2(editor.validate(&error), qPrintable(error));
    QCOMPARE(headerText(editor.request().headers), u"Authorization: Bearer sk-123\nX-Both: sk-123/$lower"_s);
    // The secret stays out of the clipboard and the settings.
    QVERIFY(editor.curlCommand().contains(u"Bearer $SSESCOPE_TEST_KEY"_s));
    editor.rememberCurrent();
    QCOMPARE(headerText(RequestStore::recent().first().request.headers), headerText(request.headers));
    qunsetenv("SSESCOPE_TEST_KEY");
}

void TestRequestEditor::headersTable()
{
    RequestEditor editor;
    HeadersTable *headers = editor.headersTable();
    QTableWidget *table = headers->table();
    QCOMPARE(table->rowCount(), 1);
    QSignalSpy changed(headers, &HeadersTable::headersChanged);
    table->item(0, 0)->setText(u"X-One"_s);
    table->item(0, 1)->setText(u"1"_s);
    QCOMPARE(table->rowCount(), 2); // a new empty row for the next header
    table->item(1, 0)->setText(u"X-Two"_s);
    table->item(1, 1)->setText(u"2"_s);
    QVERIFY(changed.size() >= 4);
    QCOMPARE(headerText(editor.request().headers), u"X-One: 1\nX-Two: 2"_s);
    QCOMPARE(editor.detailsTabs()->tabText(0), u"Headers (2)"_s);

    table->item(0, 0)->setCheckState(Qt::Unchecked);
    QCOMPARE(headerText(editor.request().headers), u"X-Two: 2"_s);
    QCOMPARE(headers->disabledCount(), 1);
    QCOMPARE(editor.detailsTabs()->tabText(0), u"Headers (1)"_s);

    table->item(1, 0)->setText(u"Bad Name"_s);
    QCOMPARE(table->item(1, 0)->toolTip(),
             u"“Bad Name” is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only."_s);
    table->item(1, 0)->setText(u"Good-Name"_s);
    QCOMPARE(table->item(1, 0)->toolTip(), QString());

    table->selectRow(0);
    QToolButton *remove = nullptr;
    for (QToolButton *button : headers->findChildren<QToolButton *>()) {
        if (button->text() == u"Remove")
            remove = button;
    }
    QVERIFY(remove && remove->isEnabled());
    remove->click();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(headerText(editor.request().headers), u"Good-Name: 2"_s);

    // The body page offers the JSON Content-Type when the body looks like JSON and none is set.
    editor.bodyEditor()->setBody("{}");
    Q_EMIT editor.bodyEditor()->contentTypeRequested("application/json");
    QCOMPARE(headerText(editor.request().headers), u"Good-Name: 2\nContent-Type: application/json"_s);
    QCOMPARE(table->rowCount(), 3);
}

void TestRequestEditor::recentRequests()
{
    RequestEditor editor;
    const auto send = [&editor](const QString &method, const QString &url, const QByteArray &body = {}) {
        editor.methodBox()->setCurrentText(method);
        editor.urlEdit()->setText(url);
        editor.bodyEditor()->setBody(body);
        editor.rememberCurrent();
    };
    send(u"GET"_s, u"http://a/events"_s);
    send(u"POST"_s, u"http://b/v1/chat"_s, "{\"n\":1}");
    send(u"POST"_s, u"http://b/v1/chat"_s, "{\"n\":2}");
    send(u"GET"_s, u"http://a/events"_s); // moves to the top instead of repeating

    const QList<SavedRequest> recent = RequestStore::recent();
    QCOMPARE(recent.size(), 3);
    QCOMPARE(recent.at(0).request.url, QUrl(u"http://a/events"_s));
    QCOMPARE(recent.at(1).request.body, QByteArray("{\"n\":2}"));
    QCOMPARE(recent.at(2).request.body, QByteArray("{\"n\":1}"));
    QCOMPARE(editor.recentUrls()->stringList(), (QStringList{u"http://a/events"_s, u"http://b/v1/chat"_s}));
    QCOMPARE(editor.urlEdit()->completer()->model(), editor.recentUrls());

    QMenu *menu = openedMenu(editor, u"recentMenu"_s);
    QVERIFY(menu);
    QCOMPARE(actionTexts(menu),
             (QStringList{u"GET http://a/events"_s, u"POST http://b/v1/chat"_s, u"POST http://b/v1/chat"_s,
                          u"Clear recent requests"_s}));
    menu->actions().at(2)->trigger();
    QCOMPARE(editor.methodBox()->currentText(), u"POST"_s);
    QCOMPARE(editor.urlEdit()->text(), u"http://b/v1/chat"_s);
    QCOMPARE(editor.request().body, QByteArray("{\"n\":1}"));

    // Another editor (another tab) sees them too, and at most 20 are kept.
    for (int i = 0; i < 25; ++i)
        send(u"GET"_s, u"http://c/%1"_s.arg(i));
    RequestEditor other;
    other.show();
    QCOMPARE(RequestStore::recent().size(), RequestStore::MaxRecent);
    QCOMPARE(other.recentUrls()->stringList().size(), 20);
    QCOMPARE(other.recentUrls()->stringList().first(), u"http://c/24"_s);
    QCOMPARE(other.recentUrls()->stringList().last(), u"http://c/5"_s);
}

void TestRequestEditor::userPresetSavedAndReloaded()
{
    {
        RequestEditor editor;
        editor.setRequest(fullRequest());
        editor.savePreset(u"Staging stream"_s);
        editor.urlEdit()->setText(u"http://changed/"_s);
        editor.savePreset(u"Other"_s);
    }
    QCOMPARE(RequestStore::userPresets().size(), 2);
    RequestEditor editor;
    QVERIFY(editor.loadPreset(u"Staging stream"_s));
    QCOMPARE(RequestStore::toJson(editor.request()), RequestStore::toJson(fullRequest()));
    QVERIFY(editor.detailsVisible());

    QMenu *menu = openedMenu(editor);
    QVERIFY(actionTexts(menu).contains(u"Staging stream"_s));
    QCOMPARE(actionTexts(menu->findChild<QMenu *>(u"deleteMenu"_s)), (QStringList{u"Staging stream"_s, u"Other"_s}));

    editor.deletePreset(u"Staging stream"_s);
    QVERIFY(!editor.loadPreset(u"Staging stream"_s));
    QVERIFY(editor.loadPreset(u"Other"_s));
    QCOMPARE(editor.urlEdit()->text(), u"http://changed/"_s);
    QCOMPARE(editor.presetNames().last(), u"Other"_s);

    // Settings written by hand or by another version do not break the list.
    QSettings().setValue(u"presets/items"_s, QByteArray("[{\"name\": 5}, \"x\", {\"name\": \"ok\", \"request\": 3}"));
    QCOMPARE(RequestStore::userPresets().size(), 0);
    QSettings().setValue(u"presets/items"_s,
                         QByteArray("[{\"name\": \"ok\", \"request\": {\"url\": 3, "
                                    "\"reconnect\": {\"maxAttempts\": -4}}}]"));
    QCOMPARE(RequestStore::userPresets().size(), 1);
    QCOMPARE(RequestStore::userPresets().first().request.reconnect.maxAttempts, 0);
}

void TestRequestEditor::trailingWidgetAndSubmit()
{
    RequestEditor editor;
    auto connectButton = new QPushButton(u"Connect"_s);
    editor.addTrailingWidget(connectButton);
    editor.resize(900, 60);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QCOMPARE(connectButton->parentWidget(), &editor);
    QVERIFY(connectButton->geometry().left() > editor.urlEdit()->geometry().right());
    QCOMPARE(connectButton->geometry().center().y(), editor.urlEdit()->geometry().center().y());

    QSignalSpy submitted(&editor, &RequestEditor::submitted);
    editor.focusUrl();
    QTest::keyClicks(editor.urlEdit(), u"localhost:1/x"_s);
    QTest::keyClick(editor.urlEdit(), Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(editor.request().url, QUrl(u"http://localhost:1/x"_s));
}

QTEST_MAIN(TestRequestEditor)
#include "tst_requesteditor.moc"
