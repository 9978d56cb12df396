// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requeststore.h"
#include "secretstore.h"

#include <QWidget>

class QCheckBox;
class QLabel;

/**
 * Under the request details: the choice to remember this request's secrets in the system keychain, and what
 * a saved request did not remember (or what the keychain said) until it is typed again.
 */
class SecretsBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretsBar)

public:
    explicit SecretsBar(QWidget *parent = nullptr);

    /** Where remembered secrets go; the choice is disabled, with the reason, when it cannot keep them. */
    void setStore(SecretStore *store);
    SecretStore *store() const { return m_store; }
    /** True when the user chose to remember this request's secrets and the store can keep them. */
    bool remembers() const;
    QCheckBox *rememberBox() const { return m_remember; }
    /** What is shown: the secrets still to type again, and what the keychain said. */
    QString notice() const;

    /** A request of its own (typed, imported, built in): nothing withheld, remembering off. */
    void reset();
    /** A saved request: what it withheld, and its remembered secrets read from the store (secretsRead). */
    void load(const SavedRequest &saved);
    bool hasWithheld() const { return !m_withheld.isEmpty(); }
    /** Lists what the request (as edited) still lacks of what was withheld; missingHeaders are the header rows
     *  still to fill. */
    void refresh(const StreamRequest &raw, const QByteArrayList &missingHeaders);
    /** Why the request cannot be sent yet, or nothing. */
    QString problem(const StreamRequest &raw, const QByteArrayList &missingHeaders) const;

    /** What an empty header value that was not remembered shows, and its tooltip. */
    static QString notRemembered();
    static QString notRememberedToolTip();

Q_SIGNALS:
    /** The remembered secrets of the request load() was given, to put back where they are still missing. */
    void secretsRead(const QList<RequestSecret> &secrets);

private:
    bool misses(const StreamRequest &raw, RequestSecret::Place place) const;
    void showFailure(SecretStore::Operation operation, const QString &message);
    void updateText();

    SecretStore *m_store = nullptr;
    QCheckBox *m_remember;
    QLabel *m_notice;
    QList<RequestSecret> m_withheld;
    QString m_missing;
    QString m_failure;
    quint64 m_generation = 0; // which load() a read answers
};
