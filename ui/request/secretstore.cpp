// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

#include "memorysecretstore.h"
#ifdef SSESCOPE_HAVE_KEYCHAIN
#include "keychainsecretstore.h"
#endif

#include <QCoreApplication>
#include <QPointer>

SecretStore *SecretStore::system()
{
    // Owned by the application, so that no keychain job outlives it.
    static QPointer<SecretStore> store;
    if (!store) {
#ifdef SSESCOPE_HAVE_KEYCHAIN
        store = new KeychainSecretStore(QCoreApplication::instance());
#else
        store = new MemorySecretStore(Availability::NotBuilt, QCoreApplication::instance());
#endif
    }
    return store;
}
