// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

/** The system keychain through QtKeychain: Secret Service or KWallet, the Windows Credential Manager, the macOS
 *  Keychain. Never falls back to a file. */
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    using SecretStore::SecretStore;

    Availability availability() const override { return Availability::Available; }
    void write(const QString &key, const QByteArray &value) override;
    void read(const QString &key, QObject *context, ReadDone done) override;
    void remove(const QString &key) override;
};
