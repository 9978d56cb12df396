// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

/**
 * Where the secrets of saved requests are kept when the user asks for it: the system keychain, never the
 * settings file. Every call is asynchronous, as the keychain is.
 */
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Availability {
        Available,
        NotBuilt, // this build has no keychain support (no QtKeychain)
    };
    enum class Operation { Write, Read, Remove };
    using ReadDone = std::function<void(const std::optional<QByteArray> &value)>;

    using QObject::QObject;

    virtual Availability availability() const = 0;
    /** Keeps value under key, replacing what was there; a failure is reported by failed(). */
    virtual void write(const QString &key, const QByteArray &value) = 0;
    /** Calls done with the value under key, or with nothing when there is none or it cannot be read; always
     *  later, never from within read(), and never once context is gone. */
    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    virtual void remove(const QString &key) = 0;

    /** The system keychain, or a store that is not Available when this build has none. */
    static SecretStore *system();

Q_SIGNALS:
    /** The keychain refused an operation; message is its own explanation. */
    void failed(SecretStore::Operation operation, const QString &message);
};
