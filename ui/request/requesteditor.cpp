// SPDX-License-Identifier: GPL-3.0-or-later
// Longer than most files on purpose: it joins the URL line, method, headers, body, connection and reconnect
// panels into one StreamRequest and back, with presets, recent requests, secrets and curl on the same fields;
// each panel and store is a class of its own in this folder.
#include "requesteditor.h"

#include "bodyeditor.h"
#include "connectionpanel.h"
#include "curlimportdialog.h"
#include "headerstable.h"
#include "jsonbody.h"
#include "net/curlcommand.h"
#include "placeholders.h"
#include "policiespanel.h"
#include "presetsmenu.h"
#include "requestpresets.h"
#include "scrollpage.h"
#include "secretsbar.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStringListModel>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

enum Page { HeadersPage, BodyPage, PoliciesPage, ConnectionPage };

constexpr int CopiedFeedbackMs = 1500;

QUrl urlFromText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // Like curl, a URL without a scheme is http.
    return QUrl(trimmed.contains(u"://") ? trimmed : QString(u"http://"_s + trimmed));
}

} // namespace

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_row(new QHBoxLayout)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_recentUrls(new QStringListModel(this))
    , m_presets(new QToolButton(this))
    , m_presetsMenu(new PresetsMenu(this))
    , m_copy(new QToolButton(this))
    , m_detailsButton(new QToolButton(this))
    , m_details(new QTabWidget(this))
    , m_headers(new HeadersTable(this))
    , m_body(new BodyEditor(this))
    , m_policies(new PoliciesPanel(this))
    , m_connection(new ConnectionPanel(this))
    , m_secrets(new SecretsBar(this))
{
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"OPTIONS"_s, u"HEAD"_s});
    m_method->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_method->setToolTip(tr("The HTTP method. EventSource always sends GET; LLM APIs stream the answer to a POST"));

    m_url->setPlaceholderText(tr("https://host/stream, or pick a preset"));
    m_url->setClearButtonEnabled(true);
    m_url->setToolTip(tr("The URL of the event stream (Ctrl+L). Return connects. Recent URLs are offered as "
                         "you type"));
    auto completer = new QCompleter(m_recentUrls, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_url->setCompleter(completer);

    m_presets->setText(tr("Presets"));
    m_presets->setPopupMode(QToolButton::InstantPopup);
    m_presets->setMenu(m_presetsMenu);
    m_presets->setToolTip(tr("Ready-made requests (the embedded demo and LLM streams, OpenAI, Anthropic), your "
                             "saved presets and recent requests"));

    auto importCurl = new QToolButton(this);
    importCurl->setText(tr("Import curl…"));
    importCurl->setToolTip(tr("Fill the request from a curl command, such as a browser's “Copy as cURL”"));
    m_copy->setText(tr("Copy as curl"));
    m_copy->setToolTip(tr("Copy a curl -N command that sends this request to the clipboard"));
    m_copy->setMinimumWidth(m_copy->sizeHint().width()); // "Copied" must not move the buttons beside it

    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setToolTip(tr("Show or hide the request details: headers, body, policies and connection"));

    m_details->addTab(m_headers, tr("Headers"));
    m_details->addTab(m_body, tr("Body"));
    // The forms scroll rather than make the window taller than the screen.
    m_details->addTab(ScrollPage::wrap(m_policies, this), tr("Policies"));
    m_details->addTab(ScrollPage::wrap(m_connection, this), tr("Connection"));
    m_details->setTabToolTip(HeadersPage, tr("Request headers, each of which can be switched off"));
    m_details->setTabToolTip(BodyPage, tr("The request body, with a JSON check"));
    m_details->setTabToolTip(PoliciesPage, tr("Reconnecting, when to stop, and the parser's size limits"));
    m_details->setTabToolTip(ConnectionPage, tr("Last-Event-ID, TLS trust and proxy"));
    m_details->setDocumentMode(true);
    m_details->hide();

    m_row->addWidget(m_method);
    m_row->addWidget(m_url, 1);
    m_row->addWidget(m_presets);
    m_row->addWidget(importCurl);
    m_row->addWidget(m_copy);
    m_row->addWidget(m_detailsButton);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_row);
    layout->addWidget(m_details, 1);
    layout->addWidget(m_secrets);
    m_secrets->hide();
    setSecretStore(SecretStore::system());
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    connect(m_url, &QLineEdit::returnPressed, this, &RequestEditor::submitted);
    connect(m_url, &QLineEdit::textEdited, this, &RequestEditor::requestEdited);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestEditor::requestEdited);
    connect(m_presetsMenu, &PresetsMenu::presetChosen, this, &RequestEditor::loadPreset);
    connect(m_presetsMenu, &PresetsMenu::recentChosen, this, &RequestEditor::loadSaved);
    connect(m_presetsMenu, &PresetsMenu::recentCleared, this, &RequestEditor::refreshRecent);
    connect(m_presetsMenu, &PresetsMenu::saveAsRequested, this, [this]() {
        const StreamRequest current = rawRequest();
        if (const QString name = m_presetsMenu->askName(current.url.host() + current.url.path()); !name.isEmpty())
            savePreset(name);
    });
    connect(importCurl, &QToolButton::clicked, this, &RequestEditor::openImportDialog);
    connect(m_copy, &QToolButton::clicked, this, &RequestEditor::copyCommand);
    connect(m_detailsButton, &QToolButton::toggled, this, &RequestEditor::setDetailsVisible);
    connect(m_headers, &HeadersTable::headersChanged, this, [this]() {
        m_body->setContentType(m_headers->value("Content-Type"));
        updateTabTitles();
        Q_EMIT requestEdited();
    });
    connect(m_body, &BodyEditor::bodyChanged, this, [this]() {
        updateTabTitles();
        Q_EMIT requestEdited();
    });
    connect(m_body, &BodyEditor::contentTypeRequested, this,
            [this](const QByteArray &type) { m_headers->setValue("Content-Type", type); });
    connect(m_policies, &PoliciesPanel::policiesChanged, this, &RequestEditor::requestEdited);
    connect(m_connection, &ConnectionPanel::connectionChanged, this, &RequestEditor::requestEdited);
    connect(m_secrets, &SecretsBar::secretsRead, this, &RequestEditor::restoreSecrets);
    connect(this, &RequestEditor::requestEdited, this, [this]() {
        if (m_secrets->hasWithheld())
            m_secrets->refresh(rawRequest(), m_headers->missingValueNames());
    });
    updateTabTitles();
    refreshRecent();
}

StreamRequest RequestEditor::rawRequest() const
{
    StreamRequest request = m_base;
    request.url = urlFromText(m_url->text());
    request.method = m_method->currentText().trimmed().toUtf8();
    request.headers = m_headers->headers();
    request.body = m_body->body();
    m_policies->applyTo(request);
    m_connection->applyTo(request);
    return request;
}

StreamRequest RequestEditor::request() const
{
    StreamRequest request = rawRequest();
    for (auto &header : request.headers)
        header.second = Placeholders::expand(header.second);
    return request;
}

bool RequestEditor::validate(QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString text = m_url->text().trimmed();
    if (text.isEmpty())
        return fail(tr("Enter the URL of the event stream, or pick a preset."));
    const QUrl url = urlFromText(text);
    if (!url.isValid())
        return fail(tr("The URL is not valid: %1.").arg(url.errorString().section(u"; source was"_s, 0, 0)));
    if (url.scheme() != u"http" && url.scheme() != u"https")
        return fail(tr("The URL must start with http:// or https://, not %1://.").arg(url.scheme()));
    if (url.host().isEmpty())
        return fail(tr("The URL has no host name: write it as http://host:port/path."));
    const QString method = m_method->currentText().trimmed();
    if (!HeadersTable::isValidName(method.toUtf8()))
        return fail(tr("“%1” is not an HTTP method: use a single word such as GET or POST.").arg(method));
    if (const QString problem = m_headers->problem(); !problem.isEmpty())
        return fail(problem);
    const QByteArray body = m_body->body();
    if (JsonBody::isJsonType(m_headers->value("Content-Type")) && !body.trimmed().isEmpty()) {
        if (const std::optional<QString> problem = JsonBody::error(body))
            return fail(tr("The body is not valid JSON (%1). Fix it on the Body page, or change the Content-Type "
                           "header.")
                            .arg(*problem));
    }
    if (const QString problem = m_connection->problem(); !problem.isEmpty())
        return fail(problem);
    if (const QString problem = m_secrets->problem(rawRequest(), m_headers->missingValueNames()); !problem.isEmpty())
        return fail(problem);
    return true;
}

void RequestEditor::setRequest(const StreamRequest &request)
{
    m_secrets->reset();
    m_base = request;
    m_method->setCurrentText(QString::fromUtf8(request.method));
    m_url->setText(request.url.toString());
    m_headers->setHeaders(request.headers);
    m_body->setBody(request.body);
    m_policies->setRequest(request);
    m_connection->setRequest(request);
    if (!request.headers.isEmpty() || !request.body.isEmpty())
        setDetailsVisible(true);
    Q_EMIT requestEdited();
}

void RequestEditor::loadSaved(const SavedRequest &saved)
{
    setRequest(saved.request);
    for (const RequestSecret &secret : saved.withheld) {
        if (secret.place == RequestSecret::Place::Header)
            m_headers->markMissingValue(int(secret.headerIndex), SecretsBar::notRemembered(),
                                        SecretsBar::notRememberedToolTip());
    }
    m_secrets->load(saved);
    if (!saved.withheld.isEmpty()) {
        m_secrets->refresh(rawRequest(), m_headers->missingValueNames());
        setDetailsVisible(true);
    }
}

void RequestEditor::setSecretStore(SecretStore *store)
{
    m_secrets->setStore(store);
    m_presetsMenu->setSecretStore(store);
}

void RequestEditor::restoreSecrets(const QList<RequestSecret> &secrets)
{
    StreamRequest request = rawRequest();
    QList<RequestSecret> passwords;
    for (const RequestSecret &secret : secrets) {
        // Header rows are found by name: rows switched off are not in the request.
        if (secret.place == RequestSecret::Place::Header)
            m_headers->fillMissingValue(secret.headerName, secret.value);
        else
            passwords << secret;
    }
    const StreamRequest before = request;
    RequestSecrets::restore(request, passwords);
    if (request.url != before.url)
        m_url->setText(request.url.toString());
    if (request.proxyUrl != before.proxyUrl)
        m_connection->setRequest(request);
    m_secrets->refresh(rawRequest(), m_headers->missingValueNames());
}

void RequestEditor::setProducerUrl(const QUrl &base)
{
    m_producer = base;
    m_presetsMenu->setProducerUrl(base);
}

bool RequestEditor::loadPreset(const QString &name)
{
    const QList<RequestPresets::Preset> builtIn = RequestPresets::builtIn(m_producer);
    for (const RequestPresets::Preset &preset : builtIn) {
        if (preset.id == name || preset.name == name) {
            if (preset.request.url.isEmpty())
                return false; // the producer is not running
            setRequest(preset.request);
            return true;
        }
    }
    const QList<SavedRequest> saved = RequestStore::userPresets();
    for (const SavedRequest &preset : saved) {
        if (preset.name == name) {
            loadSaved(preset);
            return true;
        }
    }
    return false;
}

QStringList RequestEditor::presetNames() const
{
    QStringList names;
    const QList<RequestPresets::Preset> builtIn = RequestPresets::builtIn(m_producer);
    for (const RequestPresets::Preset &preset : builtIn)
        names << preset.name;
    const QList<SavedRequest> saved = RequestStore::userPresets();
    for (const SavedRequest &preset : saved)
        names << preset.name;
    return names;
}

void RequestEditor::savePreset(const QString &name)
{
    RequestStore::saveUserPreset(name, rawRequest(), *m_secrets->store(), m_secrets->remembers());
}

void RequestEditor::deletePreset(const QString &name)
{
    RequestStore::removeUserPreset(name, *m_secrets->store());
}

QString RequestEditor::curlCommand() const
{
    return CurlCommand::toCommand(rawRequest());
}

bool RequestEditor::importCurl(const QString &command, QString *error, QStringList *warnings)
{
    const std::optional<StreamRequest> imported = CurlCommand::parse(command, error, warnings);
    if (imported)
        applyImported(*imported);
    return imported.has_value();
}

void RequestEditor::applyImported(StreamRequest imported)
{
    // A curl command has no policies: the tab's stay.
    const StreamRequest current = rawRequest();
    imported.reconnect = current.reconnect;
    imported.stop = current.stop;
    imported.limits = current.limits;
    imported.readBufferSize = current.readBufferSize;
    setRequest(imported);
}

void RequestEditor::rememberCurrent()
{
    RequestStore::remember(rawRequest(), *m_secrets->store(), m_secrets->remembers());
    refreshRecent();
}

void RequestEditor::addTrailingWidget(QWidget *widget)
{
    m_row->addWidget(widget);
}

void RequestEditor::focusUrl()
{
    m_url->setFocus(Qt::ShortcutFocusReason);
    m_url->selectAll();
}

void RequestEditor::setDetailsVisible(bool visible)
{
    m_details->setVisible(visible);
    m_secrets->setVisible(visible);
    m_detailsButton->setChecked(visible);
    m_detailsButton->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    setSizePolicy(QSizePolicy::Preferred, visible ? QSizePolicy::Preferred : QSizePolicy::Maximum);
}

bool RequestEditor::detailsVisible() const
{
    return !m_details->isHidden();
}

void RequestEditor::showEvent(QShowEvent *event)
{
    // Another tab may have sent a request since.
    refreshRecent();
    QWidget::showEvent(event);
}

void RequestEditor::openImportDialog()
{
    CurlImportDialog dialog(this);
    const QString clipboard = QGuiApplication::clipboard()->text();
    if (clipboard.trimmed().startsWith(u"curl"))
        dialog.setCommand(clipboard);
    if (dialog.exec() == QDialog::Accepted && dialog.request())
        applyImported(*dialog.request());
}

void RequestEditor::copyCommand()
{
    QGuiApplication::clipboard()->setText(curlCommand());
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(CopiedFeedbackMs, this, [this]() { m_copy->setText(tr("Copy as curl")); });
}

void RequestEditor::refreshRecent()
{
    QStringList urls;
    const QList<SavedRequest> recent = RequestStore::recent();
    for (const SavedRequest &saved : recent) {
        const QString url = saved.request.url.toString();
        if (!url.isEmpty() && !urls.contains(url))
            urls << url;
    }
    if (urls != m_recentUrls->stringList())
        m_recentUrls->setStringList(urls);
}

void RequestEditor::updateTabTitles()
{
    const int headers = int(m_headers->headers().size());
    m_details->setTabText(HeadersPage, headers ? tr("Headers (%1)").arg(headers) : tr("Headers"));
    m_details->setTabText(BodyPage, m_body->edit()->document()->isEmpty() ? tr("Body") : tr("Body •"));
}
