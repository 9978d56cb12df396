// SPDX-License-Identifier: GPL-3.0-or-later
#include "producerpanel.h"

#include "mockproducer.h"
#include "produceractivity.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTreeWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

// The catalogue is English, as `ssescope serve` prints it; the panel shows it in the user's language.
QString catalogueText(const QString &english)
{
    return QCoreApplication::translate("Scenario", english.toUtf8().constData());
}

constexpr int LogLines = 500;
const QString PortKey = QStringLiteral("producer/port");
// What the embedded LLM endpoints are sent: they ignore the body, but a real API wants one like it.
constexpr QByteArrayView ChatBody
    = R"({"model": "ssescope-mock-1", "stream": true, "messages": [{"role": "user", "content": "Hello"}]})";

QString kindName(ParamSpec::Kind kind)
{
    switch (kind) {
    case ParamSpec::Kind::Integer:
        return ProducerPanel::tr("integer");
    case ParamSpec::Kind::Text:
        return ProducerPanel::tr("text");
    case ParamSpec::Kind::Flag:
        return ProducerPanel::tr("0 or 1");
    case ParamSpec::Kind::Choice:
        return ProducerPanel::tr("one of");
    }
    return {};
}

} // namespace

ProducerPanel::ProducerPanel(MockProducer *producer, QWidget *parent)
    : QWidget(parent)
    , m_producer(producer)
    , m_status(new QLabel(this))
    , m_port(new QSpinBox(this))
    , m_startStop(new QPushButton(this))
    , m_scenarios(new QTreeWidget(this))
    , m_description(new QLabel(this))
    , m_params(new QTreeWidget(this))
    , m_query(new QLineEdit(this))
    , m_open(new QPushButton(tr("Open in New Tab"), this))
    , m_log(new QPlainTextEdit(this))
{
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(producer->port());
    m_port->setToolTip(tr("The port the producer listens on at 127.0.0.1; it applies when the producer starts."));
    m_startStop->setToolTip(tr("Start or stop the embedded producer. Tabs reading from it see their streams end."));

    m_scenarios->setHeaderLabels({tr("Scenario"), tr("Method"), tr("Path")});
    m_scenarios->setRootIsDecorated(false);
    m_scenarios->setAlternatingRowColors(true);
    m_scenarios->setToolTip(tr("Every stream the embedded producer serves. Double-click to open one in a new tab."));
    for (const ScenarioSpec &scenario : m_catalogue.scenarios()) {
        auto item
            = new QTreeWidgetItem(m_scenarios, {scenario.name, QString::fromLatin1(scenario.method), scenario.path});
        item->setToolTip(0, catalogueText(scenario.description));
    }
    m_scenarios->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_description->setObjectName(u"scenarioDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_params->setHeaderLabels({tr("Parameter"), tr("Default"), tr("Meaning")});
    m_params->setRootIsDecorated(false);
    m_params->setWordWrap(true);
    m_params->setToolTip(tr("The query parameters the scenario accepts. Type them into the query field."));
    m_query->setClearButtonEnabled(true);
    m_query->setToolTip(tr("Query parameters for the scenario, as name=value pairs joined with &."));
    m_open->setToolTip(tr("Open the selected scenario, with the query above, in a new tab."));

    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(LogLines);
    m_log->setPlaceholderText(tr("What the producer does appears here."));
    m_log->setToolTip(tr("The producer's log: streams started and ended, rejected requests."));

    auto serverBox = new QGroupBox(tr("Server"), this);
    auto serverRow = new QHBoxLayout;
    serverRow->addWidget(new QLabel(tr("Port:"), this));
    serverRow->addWidget(m_port, 1);
    serverRow->addWidget(m_startStop);
    auto serverLayout = new QVBoxLayout(serverBox);
    serverLayout->addWidget(m_status);
    serverLayout->addLayout(serverRow);

    auto scenarioBox = new QWidget(this);
    auto scenarioLayout = new QVBoxLayout(scenarioBox);
    scenarioLayout->setContentsMargins(0, 0, 0, 0);
    scenarioLayout->addWidget(m_scenarios, 2);
    scenarioLayout->addWidget(m_description);
    scenarioLayout->addWidget(m_params, 2);
    auto queryRow = new QHBoxLayout;
    queryRow->addWidget(new QLabel(tr("Query:"), this));
    queryRow->addWidget(m_query, 1);
    scenarioLayout->addLayout(queryRow);
    scenarioLayout->addWidget(m_open);

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(scenarioBox);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(serverBox);
    layout->addWidget(splitter, 1);

    connect(m_startStop, &QPushButton::clicked, this, &ProducerPanel::startOrStop);
    connect(m_scenarios, &QTreeWidget::currentItemChanged, this, &ProducerPanel::showScenario);
    connect(m_scenarios, &QTreeWidget::itemActivated, this, [this]() { Q_EMIT openRequested(selectedRequest()); });
    connect(m_open, &QPushButton::clicked, this, [this]() { Q_EMIT openRequested(selectedRequest()); });
    connect(m_query, &QLineEdit::returnPressed, m_open, &QPushButton::click);
    connect(producer, &MockProducer::logMessage, this, &ProducerPanel::appendLog);
    // The stream is valid only during these signals: its log line is made at once.
    connect(producer, &MockProducer::streamStarted, this,
            [this](MockStream *stream) { appendLog(ProducerActivity::started(*stream)); });
    connect(producer, &MockProducer::streamEnded, this, [this](MockStream *stream, MockStream::Ending ending) {
        appendLog(ProducerActivity::ended(*stream, ending));
    });
    connect(producer, &MockProducer::streamStarted, this, &ProducerPanel::updateStatus, Qt::QueuedConnection);
    connect(producer, &MockProducer::streamEnded, this, &ProducerPanel::updateStatus, Qt::QueuedConnection);

    if (m_scenarios->topLevelItemCount() > 0)
        m_scenarios->setCurrentItem(m_scenarios->topLevelItem(0));
    updateStatus();
}

void ProducerPanel::startOnRememberedPort()
{
    const quint16 remembered = quint16(QSettings().value(PortKey, 0).toUInt());
    if (remembered == 0 || !m_producer->start(QHostAddress::LocalHost, remembered)) {
        const QString why = m_producer->errorString();
        if (m_producer->start(QHostAddress::LocalHost, 0) && remembered != 0) {
            appendLog(tr("port %1, used last time, cannot be had (%2); listening on port %3 instead: URLs saved "
                         "with port %1 need the new one")
                          .arg(remembered)
                          .arg(why)
                          .arg(m_producer->port()));
        }
    }
    rememberPort();
    updateStatus();
    Q_EMIT runningChanged(m_producer->isRunning());
}

void ProducerPanel::rememberPort()
{
    if (!m_producer->isRunning())
        return;
    QSettings().setValue(PortKey, m_producer->port());
    m_port->setValue(m_producer->port());
    appendLog(tr("listening on %1").arg(m_producer->url().toString()));
}

void ProducerPanel::startOrStop()
{
    if (m_producer->isRunning()) {
        m_producer->stop();
        appendLog(tr("stopped"));
    } else if (!m_producer->start(QHostAddress::LocalHost, quint16(m_port->value()))) {
        QMessageBox::warning(this, tr("The producer could not start"),
                             tr("The embedded producer could not listen on port %1: %2\n\nChoose another port, or "
                                "0 for any free port, and start it again.")
                                 .arg(m_port->value())
                                 .arg(m_producer->errorString()));
    } else {
        rememberPort();
    }
    updateStatus();
    Q_EMIT runningChanged(m_producer->isRunning());
}

QString ProducerPanel::endingText(const ScenarioEnding &ending)
{
    switch (ending.kind) {
    case ScenarioEnding::Kind::Endless:
        return tr("Ends: never; a tab opened on it reconnects and resumes when the connection breaks.");
    case ScenarioEnding::Kind::ServerCloses:
        return tr("Ends: the server closes the stream; a tab opened on it stops there instead of reconnecting.");
    case ScenarioEnding::Kind::Event:
        return tr("Ends: with an event of type %1; a tab opened on it stops there.")
            .arg(QString::fromUtf8(ending.value));
    case ScenarioEnding::Kind::Data:
        return tr("Ends: with the data %1; a tab opened on it stops there.").arg(QString::fromUtf8(ending.value));
    case ScenarioEnding::Kind::Refused:
        return tr("Ends: at once, with an error answer that a client does not retry.");
    }
    return {};
}

void ProducerPanel::showScenario()
{
    const QTreeWidgetItem *item = m_scenarios->currentItem();
    m_params->clear();
    // The last scenario's parameters mean nothing to this one (most would be refused as unknown).
    m_query->clear();
    if (!item) {
        m_description->clear();
        return;
    }
    const ScenarioSpec *scenario = m_catalogue.find(item->text(2));
    if (!scenario)
        return;
    QStringList example;
    for (const ParamSpec &param : scenario->params) {
        if (example.size() < 2 && !param.defaultValue.isEmpty() && param.defaultValue.size() <= 12)
            example << param.name + u'=' + param.defaultValue;
    }
    m_query->setPlaceholderText(scenario->params.isEmpty() ? tr("This scenario takes no parameters")
                                                           : example.join(u'&'));
    m_description->setText(catalogueText(scenario->description) + u"\n"_s + endingText(scenario->ending));
    for (const ParamSpec &param : scenario->params) {
        QString meaning = catalogueText(param.description);
        if (param.kind == ParamSpec::Kind::Choice)
            meaning += u" (%1)"_s.arg(param.choices.join(u", "_s));
        auto row = new QTreeWidgetItem(m_params, {param.name, param.defaultValue, meaning});
        row->setToolTip(0, kindName(param.kind));
        row->setToolTip(1, param.defaultValue);
        row->setToolTip(2, meaning);
    }
    m_params->resizeColumnToContents(0);
    m_params->resizeColumnToContents(1);
    // A long default (a whole reply) must not push the meaning out of sight; its cell has a tooltip.
    m_params->setColumnWidth(1, qMin(m_params->columnWidth(1), m_params->fontMetrics().averageCharWidth() * 14));
}

StreamRequest ProducerPanel::selectedRequest() const
{
    StreamRequest request;
    const QTreeWidgetItem *item = m_scenarios->currentItem();
    if (!item)
        return request;
    const QString path = item->text(2);
    const QString query = m_query->text().trimmed();
    request.url = m_producer->url(query.isEmpty() ? path : path + u'?' + query);
    const ScenarioSpec *scenario = m_catalogue.find(path);
    if (scenario && scenario->method == "POST") {
        request.method = "POST";
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = ChatBody.toByteArray();
    }
    // The tab stops where the scenario ends instead of fetching it again and again.
    if (scenario) {
        switch (scenario->ending.kind) {
        case ScenarioEnding::Kind::ServerCloses:
            request.reconnect.enabled = false;
            break;
        case ScenarioEnding::Kind::Event:
            request.stop.eventTypes.append(scenario->ending.value);
            break;
        case ScenarioEnding::Kind::Data:
            request.stop.dataValues.append(scenario->ending.value);
            break;
        case ScenarioEnding::Kind::Endless:
        case ScenarioEnding::Kind::Refused:
            break;
        }
    }
    return request;
}

bool ProducerPanel::selectScenario(const QString &name)
{
    const QList<QTreeWidgetItem *> found = m_scenarios->findItems(name, Qt::MatchExactly, 0);
    if (found.isEmpty())
        return false;
    m_scenarios->setCurrentItem(found.first());
    return true;
}

void ProducerPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // A link takes its colour from the palette when its text is set: a new theme needs the text set again.
    if (event->type() == QEvent::PaletteChange) {
        m_status->clear();
        updateStatus();
    }
}

void ProducerPanel::updateStatus()
{
    const bool running = m_producer->isRunning();
    if (running)
        m_status->setText(
            tr("Running on <a href=\"%1\">%1</a> &mdash; %n stream(s) open", nullptr, m_producer->openStreams())
                .arg(m_producer->url().toString().toHtmlEscaped()));
    else if (!m_producer->errorString().isEmpty())
        m_status->setText(tr("Stopped: %1").arg(m_producer->errorString().toHtmlEscaped()));
    else
        m_status->setText(tr("Stopped"));
    m_status->setOpenExternalLinks(true);
    m_startStop->setText(running ? tr("Stop") : tr("Start"));
    m_port->setEnabled(!running);
    m_open->setEnabled(running);
}

QString ProducerPanel::statusText() const
{
    return m_status->text();
}

QString ProducerPanel::logText() const
{
    return m_log->toPlainText();
}

void ProducerPanel::appendLog(const QString &message)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(u"hh:mm:ss.zzz "_s) + message);
}
