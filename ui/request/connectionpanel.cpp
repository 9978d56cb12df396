// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

ConnectionPanel::ConnectionPanel(QWidget *parent)
    : QWidget(parent)
    , m_lastEventId(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_ignoreTls(new QCheckBox(tr("Ignore certificate errors (insecure)"), this))
    , m_proxyMode(new QComboBox(this))
    , m_proxyUrl(new QLineEdit(this))
{
    m_lastEventId->setPlaceholderText(tr("none"));
    m_lastEventId->setToolTip(tr("Sent as Last-Event-ID on the first connection, to resume a stream where an "
                                 "earlier session left it. Reconnects send the last ID received instead"));
    m_caFile->setPlaceholderText(tr("only the system's certificates"));
    m_caFile->setToolTip(tr("A PEM file of certificates to trust besides the system's, for a server with a "
                            "private CA (curl --cacert)"));
    m_ignoreTls->setToolTip(tr("Accept any certificate, as curl -k does. Anyone between you and the server can "
                               "then read and change the stream"));
    m_proxyMode->addItem(tr("System settings"), int(StreamRequest::ProxyMode::System));
    m_proxyMode->addItem(tr("No proxy"), int(StreamRequest::ProxyMode::None));
    m_proxyMode->addItem(tr("This proxy:"), int(StreamRequest::ProxyMode::Given));
    m_proxyMode->setToolTip(tr("How to reach the server: the system's proxy settings, directly, or through a "
                               "given HTTP or SOCKS5 proxy"));
    m_proxyUrl->setPlaceholderText(u"http://host:3128, socks5://host:1080"_s);
    m_proxyUrl->setToolTip(tr("The proxy as http://host:port or socks5://host:port, with user:password@ if it "
                              "needs them"));
    auto browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    browse->setToolTip(tr("Choose the PEM file"));

    auto caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    auto proxyRow = new QHBoxLayout;
    proxyRow->addWidget(m_proxyMode);
    proxyRow->addWidget(m_proxyUrl, 1);
    auto form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("Last-Event-ID:"), m_lastEventId);
    form->addRow(tr("Trust CA file:"), caRow);
    form->addRow(QString(), m_ignoreTls);
    form->addRow(tr("Proxy:"), proxyRow);

    connect(browse, &QToolButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Certificates to trust"), m_caFile->text(),
                                                          tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, [this]() {
        m_proxyUrl->setEnabled(m_proxyMode->currentData().toInt() == int(StreamRequest::ProxyMode::Given));
        Q_EMIT connectionChanged();
    });
    for (QLineEdit *edit : {m_lastEventId, m_caFile, m_proxyUrl})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionPanel::connectionChanged);
    connect(m_ignoreTls, &QCheckBox::toggled, this, &ConnectionPanel::connectionChanged);
    setRequest(StreamRequest());
}

void ConnectionPanel::setRequest(const StreamRequest &request)
{
    m_lastEventId->setText(QString::fromUtf8(request.lastEventId));
    m_caFile->setText(request.caFile);
    m_ignoreTls->setChecked(request.ignoreTlsErrors);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(request.proxyMode)));
    m_proxyUrl->setText(request.proxyUrl.toString());
    m_proxyUrl->setEnabled(request.proxyMode == StreamRequest::ProxyMode::Given);
}

void ConnectionPanel::applyTo(StreamRequest &request) const
{
    request.lastEventId = m_lastEventId->text().toUtf8();
    request.caFile = m_caFile->text().trimmed();
    request.ignoreTlsErrors = m_ignoreTls->isChecked();
    request.proxyMode = StreamRequest::ProxyMode(m_proxyMode->currentData().toInt());
    const QString proxy = m_proxyUrl->text().trimmed();
    request.proxyUrl = proxy.isEmpty() ? QUrl() : QUrl(proxy.contains(u"://") ? proxy : QString(u"http://"_s + proxy));
}

QString ConnectionPanel::problem() const
{
    StreamRequest request;
    applyTo(request);
    if (request.proxyMode == StreamRequest::ProxyMode::Given
        && (!request.proxyUrl.isValid() || request.proxyUrl.host().isEmpty()))
        return tr("The proxy needs an address such as http://host:3128 (Connection page).");
    return {};
}
