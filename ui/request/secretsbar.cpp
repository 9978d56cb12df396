// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretsbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>

#include <algorithm>

SecretsBar::SecretsBar(QWidget *parent)
    : QWidget(parent)
    , m_remember(new QCheckBox(tr("Remember secrets in the system keychain"), this))
    , m_notice(new QLabel(this))
{
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_remember);
    layout->addWidget(m_notice, 1);
}

void SecretsBar::setStore(SecretStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    connect(m_store, &SecretStore::failed, this, &SecretsBar::showFailure);
    const bool available = m_store->availability() == SecretStore::Availability::Available;
    m_remember->setEnabled(available);
    if (!available)
        m_remember->setChecked(false);
    m_remember->setToolTip(
        available ? tr("Keep this request's Authorization, Cookie and API-key values and URL passwords in the system "
                       "keychain when it is saved as a preset or a recent request. Without this they are not "
                       "remembered: the settings file never holds them")
                  : tr("This copy of SSE Scope was built without the system keychain (QtKeychain), so secrets are "
                       "never remembered: type them again each time, or use $NAME placeholders filled from the "
                       "environment"));
}

bool SecretsBar::remembers() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

QString SecretsBar::notice() const
{
    return m_notice->text();
}

void SecretsBar::reset()
{
    ++m_generation;
    m_withheld.clear();
    m_missing.clear();
    m_failure.clear();
    m_remember->setChecked(false);
    updateText();
}

void SecretsBar::load(const SavedRequest &saved)
{
    reset();
    m_withheld = saved.withheld;
    m_remember->setChecked(!saved.secretsKey.isEmpty() && m_remember->isEnabled());
    if (saved.secretsKey.isEmpty() || !m_remember->isEnabled())
        return;
    const quint64 generation = m_generation;
    m_missing = tr("Reading this request's secrets from the system keychain…");
    updateText();
    RequestStore::readSecrets(saved, *m_store, this, [this, generation](const QList<RequestSecret> &secrets) {
        if (generation != m_generation)
            return; // another request was loaded since
        if (secrets.isEmpty() && m_failure.isEmpty())
            m_failure = tr("The system keychain no longer holds this request's secrets.");
        Q_EMIT secretsRead(secrets);
    });
}

void SecretsBar::refresh(const StreamRequest &raw, const QByteArrayList &missingHeaders)
{
    QStringList names;
    for (const QByteArray &name : missingHeaders)
        names << QString::fromUtf8(name);
    if (misses(raw, RequestSecret::Place::UrlPassword))
        names << tr("the password in the URL");
    if (misses(raw, RequestSecret::Place::ProxyPassword))
        names << tr("the proxy password");
    m_missing = names.isEmpty() ? QString()
                                : tr("Not remembered: %1. Type them again to connect; to keep them next time, "
                                     "remember secrets in the system keychain.")
                                      .arg(names.join(tr(", ")));
    updateText();
}

QString SecretsBar::problem(const StreamRequest &raw, const QByteArrayList &missingHeaders) const
{
    if (!missingHeaders.isEmpty())
        return tr("The value of the header %1 was not remembered: type it again on the Headers page.")
            .arg(QString::fromUtf8(missingHeaders.first()));
    if (misses(raw, RequestSecret::Place::UrlPassword))
        return tr("The password in the URL was not remembered: type it again, as in "
                  "https://user:password@host/path.");
    if (misses(raw, RequestSecret::Place::ProxyPassword))
        return tr("The proxy password was not remembered: type it again on the Connection page, as in "
                  "http://user:password@host:3128.");
    return {};
}

QString SecretsBar::notRemembered()
{
    return tr("not remembered");
}

QString SecretsBar::notRememberedToolTip()
{
    return tr("This secret was not remembered with the request: type it again");
}

bool SecretsBar::misses(const StreamRequest &raw, RequestSecret::Place place) const
{
    const bool withheld = std::any_of(m_withheld.begin(), m_withheld.end(),
                                      [place](const RequestSecret &secret) { return secret.place == place; });
    if (!withheld)
        return false;
    if (place == RequestSecret::Place::ProxyPassword && raw.proxyMode != StreamRequest::ProxyMode::Given)
        return false;
    // A URL without its user name does not need the password any more.
    const QUrl &url = place == RequestSecret::Place::UrlPassword ? raw.url : raw.proxyUrl;
    return !url.userName().isEmpty() && url.password().isEmpty();
}

void SecretsBar::showFailure(SecretStore::Operation operation, const QString &message)
{
    switch (operation) {
    case SecretStore::Operation::Write:
        m_failure = tr("The system keychain could not keep the secrets: %1").arg(message);
        break;
    case SecretStore::Operation::Read:
        m_failure = tr("The system keychain could not give the secrets back: %1").arg(message);
        break;
    case SecretStore::Operation::Remove:
        m_failure = tr("The system keychain could not delete secrets no longer needed: %1").arg(message);
        break;
    }
    updateText();
}

void SecretsBar::updateText()
{
    QStringList lines;
    for (const QString &line : {m_missing, m_failure}) {
        if (!line.isEmpty())
            lines << line;
    }
    m_notice->setText(lines.join(u'\n'));
    m_notice->setVisible(!lines.isEmpty());
}
