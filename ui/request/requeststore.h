// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/requestsecrets.h"
#include "net/streamrequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

class QObject;
class SecretStore;

/** A request as the settings keep it: a preset the user saved, or a recent request. */
struct SavedRequest
{
    QString name; // empty for a recent request
    StreamRequest request; // without its secret values
    QList<RequestSecret> withheld; // the secrets left out, by place (their values empty)
    QString secretsKey; // the entry of the secret store that holds them, or empty: they were not remembered
};

// Requests as JSON, and the user's presets and recent requests in QSettings (groups "presets" and "recent").
// Secret values (RequestSecrets) never go there: they are withheld, or kept in a SecretStore when the user
// asks for it; a $NAME placeholder in their place is no secret and stays.
namespace RequestStore {

constexpr qsizetype MaxRecent = 20;

/** Every field of the request; a body that is not UTF-8 is stored as base64. */
QJsonObject toJson(const StreamRequest &request);
/** The request a toJson() object describes; missing or malformed members keep their defaults. */
StreamRequest fromJson(const QJsonObject &object);

/** The saved presets, in the order they were saved. */
QList<SavedRequest> userPresets();
/** Saves the request under name, replacing a preset of the same name; its secrets go to store when
 *  keepSecrets is true, and are withheld otherwise. */
void saveUserPreset(const QString &name, const StreamRequest &request, SecretStore &store, bool keepSecrets);
void removeUserPreset(const QString &name, SecretStore &store);

/** The recent requests, newest first. */
QList<SavedRequest> recent();
/** Puts the request first in the recent list, dropping an older entry for the same method, URL, headers
 *  (secret values aside) and body; its secrets go to store when keepSecrets is true. */
void remember(const StreamRequest &request, SecretStore &store, bool keepSecrets);
void clearRecent(SecretStore &store);

/** Reads the secrets of a saved request from store and calls done with them (none if they cannot be read). */
void readSecrets(const SavedRequest &saved, SecretStore &store, QObject *context,
                 const std::function<void(const QList<RequestSecret> &secrets)> &done);

} // namespace RequestStore
