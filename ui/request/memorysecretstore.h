// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

#include <QHash>

/**
 * Secrets in memory only, gone when the program ends: the store of the tests, and the stand-in of a build
 * without a keychain (not Available then, so the window never offers to remember anything).
 */
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(Availability availability = Availability::Available, QObject *parent = nullptr);

    Availability availability() const override { return m_availability; }
    void write(const QString &key, const QByteArray &value) override;
    void read(const QString &key, QObject *context, ReadDone done) override;
    void remove(const QString &key) override;

    /** What the store holds, by key. */
    const QHash<QString, QByteArray> &values() const { return m_values; }

private:
    Availability m_availability;
    QHash<QString, QByteArray> m_values;
};
