// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamtab.h"

#include "models/eventlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

StreamTab::StreamTab(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventListModel(this))
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_state(new QLabel(tr("Not connected"), this))
    , m_totals(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_method->addItems({u"GET"_s, u"POST"_s});
    m_url->setPlaceholderText(tr("http://host/stream"));
    m_url->setClearButtonEnabled(true);
    m_connect->setDefault(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setWordWrap(true);

    m_table->setModel(m_model);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(EventListModel::NumberColumn, metrics.horizontalAdvance(u"0000000"_s));
    m_table->setColumnWidth(EventListModel::TimeColumn, metrics.horizontalAdvance(u"00:00:00.000__"_s));
    m_table->setColumnWidth(EventListModel::DeltaColumn, metrics.horizontalAdvance(u"+00000.000 ms__"_s));
    m_table->setColumnWidth(EventListModel::TypeColumn, metrics.horizontalAdvance(u"[waiting-to-reconnect]"_s));
    m_table->setColumnWidth(EventListModel::IdColumn, metrics.horizontalAdvance(u"0000000"_s));
    m_table->setColumnWidth(EventListModel::SizeColumn, metrics.horizontalAdvance(u"0000000"_s));

    auto bar = new QHBoxLayout;
    bar->addWidget(m_method);
    bar->addWidget(m_url, 1);
    bar->addWidget(m_connect);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_state);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);

    connect(m_connect, &QPushButton::clicked, this, [this]() {
        if (m_client && !isFinalState(m_client->state()))
            disconnectStream();
        else
            connectStream();
    });
    connect(m_url, &QLineEdit::returnPressed, this, &StreamTab::connectStream);
    // Follow mode: stay at the newest row while the view is scrolled to the bottom.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this]() {
        QScrollBar *bar = m_table->verticalScrollBar();
        m_table->setProperty("follow", bar->value() == bar->maximum());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this]() {
        if (m_table->property("follow").toBool())
            m_table->scrollToBottom();
        m_totals->setText(tr("%1 events, %2 bytes, %3 rows shown").arg(m_events).arg(m_bytes).arg(m_model->rowCount()));
    });
}

StreamTab::~StreamTab() = default;

void StreamTab::open(const QUrl &url, const QByteArray &method)
{
    m_url->setText(url.toString());
    m_method->setCurrentText(QString::fromLatin1(method));
    connectStream();
}

void StreamTab::connectStream()
{
    // A running session ends in the rows before the new one starts.
    disconnectStream();
    StreamRequest request;
    request.url = QUrl::fromUserInput(m_url->text().trimmed());
    request.method = m_method->currentText().toLatin1();
    m_client = std::make_unique<SseClient>(request);
    SseClient *client = m_client.get();
    Clock *clock = Clock::system();
    connect(client, &SseClient::stateChanged, this, &StreamTab::showState);
    connect(client, &SseClient::eventReceived, this, [this, client, clock](const SseEvent &event) {
        ++m_events;
        m_model->appendEvent(event, client->attempt(), clock->monotonicNs(), clock->wallMs());
    });
    connect(client, &SseClient::commentReceived, this, [this, client, clock](const QByteArray &text, qint64) {
        m_model->appendComment(text, client->attempt(), clock->monotonicNs(), clock->wallMs());
    });
    connect(client, &SseClient::chunkReceived, this,
            [this](const StreamChunk &chunk) { m_bytes += chunk.bytes.size(); });
    m_connect->setText(tr("Disconnect"));
    client->start();
    Q_EMIT titleChanged(title());
}

void StreamTab::disconnectStream()
{
    if (m_client)
        m_client->close();
}

void StreamTab::showState(const StreamStateChange &change)
{
    m_model->appendState(change);
    QString text = u"<b>%1</b> &mdash; %2"_s.arg(streamStateName(change.state), change.reason.toHtmlEscaped());
    if (change.attempt > 1)
        text += tr(" (attempt %1)").arg(change.attempt);
    m_state->setText(text);
    if (isFinalState(change.state))
        m_connect->setText(tr("Connect"));
}

QString StreamTab::stateText() const
{
    return m_state->text();
}

StreamState StreamTab::state() const
{
    return m_client ? m_client->state() : StreamState::Idle;
}

QString StreamTab::title() const
{
    const QUrl url = QUrl::fromUserInput(m_url->text());
    return url.path().isEmpty() || url.path() == u"/" ? url.host() : url.path().section(u'/', -1);
}
