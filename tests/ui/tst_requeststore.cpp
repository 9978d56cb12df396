// SPDX-License-Identifier: GPL-3.0-or-later
// Saved and recent requests keep no secret: the settings file holds the header names and marks where the values
// were, the values go to the secret store only when the user asks, and a reload shows what to type again or
// puts the remembered secrets back.
#include "mockproducer.h"
#include "request/cellplaceholderdelegate.h"
#include "request/headerstable.h"
#include "request/memorysecretstore.h"
#include "request/presetsmenu.h"
#include "request/requesteditor.h"
#include "request/requeststore.h"
#include "request/secretsbar.h"
#include "streamtab.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QString Command = u"curl 'https://me:url-secret-4@api.example.com/v1/stream' \\\n"
                        u"  -H 'Authorization: Bearer abc-secret-1' \\\n"
                        u"  -H 'Cookie: session=cookie-secret-2' \\\n"
                        u"  -H 'X-API-Key: key-secret-3' \\\n"
                        u"  -H 'Accept-Language: en' \\\n"
                        u"  -H 'X-Auth-Token: token-secret-6' \\\n"
                        u"  -x 'http://pu:proxy-secret-5@proxy.lan:3128'"_s;
const QByteArrayList Secrets{"abc-secret-1", "cookie-secret-2", "key-secret-3",
                             "url-secret-4", "proxy-secret-5",  "token-secret-6"};
const Headers ImportedHeaders{{"Authorization", "Bearer abc-secret-1"},
                              {"Cookie", "session=cookie-secret-2"},
                              {"X-API-Key", "key-secret-3"},
                              {"Accept-Language", "en"},
                              {"X-Auth-Token", "token-secret-6"}};

QByteArray settingsText()
{
    QSettings().sync();
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The secrets found in text, in any spelling a settings file might use.
QByteArrayList secretsIn(const QByteArray &text)
{
    QByteArrayList found;
    for (const QByteArray &secret : Secrets) {
        if (text.contains(secret) || text.contains(secret.toBase64()) || text.contains(secret.toPercentEncoding()))
            found << secret;
    }
    return found;
}

// Imports the command and saves it as the recent request and as a preset, as sending and "Save as preset" do.
void importAndSave(RequestEditor &editor, bool remember)
{
    QString error;
    QVERIFY2(editor.importCurl(Command, &error), qPrintable(error));
    editor.secretsBar()->rememberBox()->setChecked(remember);
    QVERIFY2(editor.validate(&error), qPrintable(error));
    editor.rememberCurrent();
    editor.savePreset(u"mine"_s);
}

// SSESCOPE_SCREENSHOT_DIR=/tmp saves what the test shows.
void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("SSESCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    widget->resize(900, 420);
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget));
    QVERIFY(widget->grab().save(directory + u'/' + name + u".png"_s));
}

QStringList keys(const MemorySecretStore &store, const QString &prefix)
{
    QStringList keys;
    for (auto it = store.values().begin(); it != store.values().end(); ++it) {
        if (it.key().startsWith(prefix))
            keys << it.key();
    }
    return keys;
}

} // namespace

class TestRequestStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void settingsHoldNoSecret_data();
    void settingsHoldNoSecret();
    void connectingATabSavesNoSecret();
    void reloadShowsWhatWasNotRemembered_data();
    void reloadShowsWhatWasNotRemembered();
    void reloadRestoresRememberedSecrets_data();
    void reloadRestoresRememberedSecrets();
    void forgottenRequestsTakeTheirSecrets();
    void olderSettingsAreCleaned();
    void withoutKeychain();
    void keychainFailureIsShown();
};

void TestRequestStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SSE Scope Tests"_s);
    QCoreApplication::setApplicationName(u"tst_requeststore"_s);
}

void TestRequestStore::init()
{
    QSettings().clear();
}

void TestRequestStore::settingsHoldNoSecret_data()
{
    QTest::addColumn<bool>("remember");
    QTest::newRow("not remembered") << false;
    QTest::newRow("remembered in the keychain") << true;
}

void TestRequestStore::settingsHoldNoSecret()
{
    QFETCH(bool, remember);
    MemorySecretStore store;
    RequestEditor editor;
    editor.setSecretStore(&store);
    importAndSave(editor, remember);

    const QByteArray text = settingsText();
    QVERIFY(text.contains("api.example.com"));
    QVERIFY(text.contains("X-API-Key"));
    QCOMPARE(secretsIn(text), QByteArrayList());

    // The header names stay, their values are marked withheld.
    const QList<SavedRequest> recent = RequestStore::recent();
    QCOMPARE(recent.size(), 1);
    const SavedRequest &saved = recent.first();
    QCOMPARE(saved.request.headers,
             (Headers{{"Authorization", ""},
                      {"Cookie", ""},
                      {"X-API-Key", ""},
                      {"Accept-Language", "en"},
                      {"X-Auth-Token", ""}}));
    QCOMPARE(saved.request.url.toString(), u"https://me@api.example.com/v1/stream"_s);
    QCOMPARE(saved.request.proxyUrl.toString(), u"http://pu@proxy.lan:3128"_s);
    QCOMPARE(saved.withheld.size(), 6);
    QCOMPARE(saved.secretsKey.isEmpty(), !remember);

    // The store holds them only when asked to, once for the recent request and once for the preset.
    QCOMPARE(keys(store, u"recent/"_s).size(), remember ? 1 : 0);
    QCOMPARE(keys(store, u"preset/"_s).size(), remember ? 1 : 0);
    QByteArray kept;
    for (const QByteArray &value : store.values()) {
        const QJsonArray secrets = QJsonDocument::fromJson(value).array();
        for (const QJsonValue &secret : secrets)
            kept += QByteArray::fromBase64(secret[u"value"_s].toString().toLatin1()) + '\n';
    }
    QCOMPARE(secretsIn(kept).size(), remember ? Secrets.size() : 0);
}

void TestRequestStore::connectingATabSavesNoSecret()
{
    // The way a user gets there: Import curl in a stream tab, then Connect, which remembers the request.
    MockProducer producer;
    QVERIFY2(producer.start(), qPrintable(producer.errorString()));
    QUrl url = producer.url(u"/ticker?count=1"_s);
    url.setUserName(u"me"_s);
    url.setPassword(u"url-secret-4"_s);
    MemorySecretStore store;
    StreamTab tab;
    tab.requestEditor()->setSecretStore(&store);
    QString error;
    QVERIFY2(
        tab.requestEditor()->importCurl(u"curl -N '"_s + url.toString()
                                            + u"' -H 'Authorization: Bearer abc-secret-1' -b 'session=cookie-secret-2' "
                                              u"-H 'X-API-Key: key-secret-3'"_s,
                                        &error),
        qPrintable(error));
    QVERIFY(tab.connectStream());
    tab.disconnectStream();
    const QByteArray text = settingsText();
    QVERIFY(text.contains("/ticker?count=1"));
    QCOMPARE(secretsIn(text), QByteArrayList());
    QCOMPARE(RequestStore::recent().first().withheld.size(), 4);
    QCOMPARE(store.values().size(), 0);
}

void TestRequestStore::reloadShowsWhatWasNotRemembered_data()
{
    QTest::addColumn<bool>("fromRecent");
    QTest::newRow("preset") << false;
    QTest::newRow("recent request") << true;
}

void TestRequestStore::reloadShowsWhatWasNotRemembered()
{
    QFETCH(bool, fromRecent);
    MemorySecretStore store;
    {
        RequestEditor editor;
        editor.setSecretStore(&store);
        importAndSave(editor, false);
    }
    RequestEditor editor;
    editor.setSecretStore(&store);
    if (fromRecent) {
        QMenu *menu = editor.presetsMenu();
        Q_EMIT menu->aboutToShow();
        menu->findChild<QMenu *>(u"recentMenu"_s)->actions().first()->trigger();
    } else {
        QVERIFY(editor.loadPreset(u"mine"_s));
    }
    QVERIFY(editor.detailsVisible());
    QCOMPARE(editor.urlEdit()->text(), u"https://me@api.example.com/v1/stream"_s);
    QVERIFY(!editor.secretsBar()->rememberBox()->isChecked());
    QTableWidget *table = editor.headersTable()->table();
    for (int row : {0, 1, 2, 4}) {
        QCOMPARE(table->item(row, 1)->text(), QString());
        QCOMPARE(table->item(row, 1)->data(CellPlaceholderDelegate::PlaceholderRole).toString(), u"not remembered"_s);
    }
    QCOMPARE(table->item(3, 1)->text(), u"en"_s);
    QVERIFY(!table->item(3, 1)->data(CellPlaceholderDelegate::PlaceholderRole).isValid());
    QCOMPARE(editor.secretsBar()->notice(),
             u"Not remembered: Authorization, Cookie, X-API-Key, X-Auth-Token, the password in the URL, the proxy "
             u"password. Type them again to connect; to keep them next time, remember secrets in the system "
             u"keychain."_s);
    saveScreenshot(&editor, u"secrets-not-remembered"_s);

    // Each must be typed again before the request can be sent.
    QString error;
    QVERIFY(!editor.validate(&error));
    QCOMPARE(error, u"The value of the header Authorization was not remembered: type it again on the Headers page."_s);
    for (int row : {0, 1, 2, 4})
        table->item(row, 1)->setText(u"typed"_s);
    QVERIFY(!editor.validate(&error));
    QCOMPARE(error,
             u"The password in the URL was not remembered: type it again, as in https://user:password@host/path."_s);
    QCOMPARE(editor.secretsBar()->notice(),
             u"Not remembered: the password in the URL, the proxy password. Type them again to connect; to keep "
             u"them next time, remember secrets in the system keychain."_s);
    editor.urlEdit()->setText(u"https://me:typed@api.example.com/v1/stream"_s);
    QVERIFY(!editor.validate(&error));
    QCOMPARE(error,
             u"The proxy password was not remembered: type it again on the Connection page, as in "
             u"http://user:password@host:3128."_s);
    StreamRequest request = editor.request();
    request.proxyUrl.setPassword(u"typed"_s);
    editor.setRequest(request);
    QVERIFY2(editor.validate(&error), qPrintable(error));
    QCOMPARE(editor.secretsBar()->notice(), QString());
}

void TestRequestStore::reloadRestoresRememberedSecrets_data()
{
    reloadShowsWhatWasNotRemembered_data();
}

void TestRequestStore::reloadRestoresRememberedSecrets()
{
    QFETCH(bool, fromRecent);
    MemorySecretStore store;
    {
        RequestEditor editor;
        editor.setSecretStore(&store);
        importAndSave(editor, true);
    }
    RequestEditor editor;
    editor.setSecretStore(&store);
    if (fromRecent)
        editor.loadSaved(RequestStore::recent().first());
    else
        QVERIFY(editor.loadPreset(u"mine"_s));
    QVERIFY(editor.secretsBar()->rememberBox()->isChecked());
    QTRY_COMPARE(editor.request().headers, ImportedHeaders);
    QCOMPARE(editor.urlEdit()->text(), u"https://me:url-secret-4@api.example.com/v1/stream"_s);
    QCOMPARE(editor.request().proxyUrl.toString(), u"http://pu:proxy-secret-5@proxy.lan:3128"_s);
    QCOMPARE(editor.secretsBar()->notice(), QString());
    QString error;
    QVERIFY2(editor.validate(&error), qPrintable(error));

    // Another request loaded before the store answers gets nothing of the first one's secrets.
    editor.loadSaved(RequestStore::recent().first());
    StreamRequest other;
    other.url = QUrl(u"https://me@other.example.com/"_s);
    other.headers = {{"Authorization", ""}};
    editor.setRequest(other);
    bool fence = false; // the store answers in order: once this one is read, the first one was too
    store.read(u"fence"_s, this, [&fence](const std::optional<QByteArray> &) { fence = true; });
    QTRY_VERIFY(fence);
    QCOMPARE(editor.request().headers, (Headers{{"Authorization", ""}}));
    QCOMPARE(editor.urlEdit()->text(), u"https://me@other.example.com/"_s);
}

void TestRequestStore::forgottenRequestsTakeTheirSecrets()
{
    MemorySecretStore store;
    RequestEditor editor;
    editor.setSecretStore(&store);
    importAndSave(editor, true);
    editor.rememberCurrent(); // the same request again replaces its entry, and its secrets
    editor.savePreset(u"mine"_s);
    QCOMPARE(keys(store, u"recent/"_s).size(), 1);
    QCOMPARE(keys(store, u"preset/"_s).size(), 1);
    QCOMPARE(RequestStore::recent().first().secretsKey, keys(store, u"recent/"_s).first());

    editor.deletePreset(u"mine"_s);
    QCOMPARE(keys(store, u"preset/"_s).size(), 0);

    // Pushed out of the recent list: gone from the store too.
    for (int i = 0; i < RequestStore::MaxRecent; ++i) {
        editor.urlEdit()->setText(u"https://me:pw@h/%1"_s.arg(i));
        editor.rememberCurrent();
    }
    QCOMPARE(RequestStore::recent().size(), RequestStore::MaxRecent);
    QCOMPARE(keys(store, u"recent/"_s).size(), RequestStore::MaxRecent);

    QMenu *menu = editor.presetsMenu();
    Q_EMIT menu->aboutToShow();
    const QList<QAction *> actions = menu->findChild<QMenu *>(u"recentMenu"_s)->actions();
    actions.last()->trigger(); // Clear recent requests
    QCOMPARE(RequestStore::recent().size(), 0);
    QCOMPARE(store.values().size(), 0);
}

void TestRequestStore::olderSettingsAreCleaned()
{
    // What an older version wrote: the secrets in clear.
    const QByteArray request = "{\"method\": \"GET\", \"url\": \"https://me:url-secret-4@h/x\", \"headers\": "
                               "[[\"Authorization\", \"Bearer abc-secret-1\"], [\"X-Key\", \"$ENV_KEY\"], "
                               "[\"X-Api-Key\", \"$ENV_KEY\"]]}";
    QSettings().setValue(u"recent/items"_s, QByteArray('[' + request + ']'));
    QSettings().setValue(u"presets/items"_s, QByteArray("[{\"name\": \"old\", \"request\": " + request + "}]"));
    QCOMPARE(secretsIn(settingsText()).size(), 2);

    const QList<SavedRequest> recent = RequestStore::recent();
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first().request.headers,
             (Headers{{"Authorization", ""}, {"X-Key", "$ENV_KEY"}, {"X-Api-Key", "$ENV_KEY"}}));
    QCOMPARE(recent.first().withheld.size(), 2);
    QCOMPARE(RequestStore::userPresets().first().withheld.size(), 2);
    QCOMPARE(secretsIn(settingsText()), QByteArrayList());
    QVERIFY(settingsText().contains("$ENV_KEY")); // a placeholder is no secret
}

void TestRequestStore::withoutKeychain()
{
    // The window offers the choice exactly when this build has a keychain.
    {
        RequestEditor editor;
        QCOMPARE(editor.secretsBar()->rememberBox()->isEnabled(),
                 SecretStore::system()->availability() == SecretStore::Availability::Available);
    }
    MemorySecretStore store(SecretStore::Availability::NotBuilt);
    RequestEditor editor;
    editor.setSecretStore(&store);
    QCheckBox *box = editor.secretsBar()->rememberBox();
    QVERIFY(!box->isEnabled());
    QCOMPARE(box->toolTip(),
             u"This copy of SSE Scope was built without the system keychain (QtKeychain), so secrets are never "
             u"remembered: type them again each time, or use $NAME placeholders filled from the environment"_s);
    box->setChecked(true);
    QVERIFY(!editor.secretsBar()->remembers());
    importAndSave(editor, true);
    QCOMPARE(store.values().size(), 0);
    QCOMPARE(secretsIn(settingsText()), QByteArrayList());
    QVERIFY(RequestStore::recent().first().secretsKey.isEmpty());
}

void TestRequestStore::keychainFailureIsShown()
{
    MemorySecretStore store;
    RequestEditor editor;
    editor.setSecretStore(&store);
    QVERIFY(editor.secretsBar()->rememberBox()->isEnabled());
    Q_EMIT store.failed(SecretStore::Operation::Write, u"No keychain service available"_s);
    QCOMPARE(editor.secretsBar()->notice(),
             u"The system keychain could not keep the secrets: No keychain service available"_s);

    // A remembered request whose secrets are gone from the keychain says so.
    importAndSave(editor, true);
    store.remove(RequestStore::recent().first().secretsKey);
    editor.loadSaved(RequestStore::recent().first());
    QTRY_COMPARE(editor.secretsBar()->notice(),
                 u"Not remembered: Authorization, Cookie, X-API-Key, X-Auth-Token, the password in the URL, the "
                 u"proxy password. Type them again to connect; to keep them next time, remember secrets in the "
                 u"system keychain.\nThe system keychain no longer holds this request's secrets."_s);
}

QTEST_MAIN(TestRequestStore)
#include "tst_requeststore.moc"
