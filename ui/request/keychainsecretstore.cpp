// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecretstore.h"

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace {

// The service the entries are filed under in the keychain.
const QString Service = u"SSE Scope"_s;

template<typename Job> Job *newJob(const QString &key, QObject *parent)
{
    auto job = new Job(Service, parent); // deletes itself once finished
    job->setKey(key);
    job->setInsecureFallback(false);
    return job;
}

} // namespace

void KeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    auto job = newJob<QKeychain::WritePasswordJob>(key, this);
    job->setBinaryData(value);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError)
            Q_EMIT failed(Operation::Write, done->errorString());
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    auto job = newJob<QKeychain::ReadPasswordJob>(key, this);
    connect(job, &QKeychain::Job::finished, context, [this, done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            done(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
            return;
        }
        if (finished->error() != QKeychain::EntryNotFound)
            Q_EMIT failed(Operation::Read, finished->errorString());
        done(std::nullopt);
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key)
{
    auto job = newJob<QKeychain::DeletePasswordJob>(key, this);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError && done->error() != QKeychain::EntryNotFound)
            Q_EMIT failed(Operation::Remove, done->errorString());
    });
    job->start();
}
