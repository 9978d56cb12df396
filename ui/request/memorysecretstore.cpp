// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorysecretstore.h"

#include <QTimer>

MemorySecretStore::MemorySecretStore(Availability availability, QObject *parent)
    : SecretStore(parent)
    , m_availability(availability)
{
}

void MemorySecretStore::write(const QString &key, const QByteArray &value)
{
    m_values.insert(key, value);
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    // Later, as a keychain answers.
    std::optional<QByteArray> value;
    if (const auto found = m_values.constFind(key); found != m_values.constEnd())
        value = *found;
    QTimer::singleShot(0, context, [done = std::move(done), value]() { done(value); });
}

void MemorySecretStore::remove(const QString &key)
{
    m_values.remove(key);
}
