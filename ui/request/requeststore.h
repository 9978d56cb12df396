// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>

/** A named request the user saved. */
struct SavedRequest
{
    QString name;
    StreamRequest request;
};

// Requests as JSON, and the user's presets and recent requests in QSettings (groups "presets" and "recent").
namespace RequestStore {

constexpr qsizetype MaxRecent = 20;

/** Every field of the request; a body that is not UTF-8 is stored as base64. */
QJsonObject toJson(const StreamRequest &request);
/** The request a toJson() object describes; missing or malformed members keep their defaults. */
StreamRequest fromJson(const QJsonObject &object);

/** The saved presets, in the order they were saved. */
QList<SavedRequest> userPresets();
/** Saves the request under name, replacing a preset of the same name. */
void saveUserPreset(const QString &name, const StreamRequest &request);
void removeUserPreset(const QString &name);

/** The recent requests, newest first. */
QList<StreamRequest> recent();
/** Puts the request first in the recent list, dropping an older entry for the same method, URL, headers and body. */
void remember(const StreamRequest &request);
void clearRecent();

} // namespace RequestStore
