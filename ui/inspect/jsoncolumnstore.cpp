// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsoncolumnstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr auto SettingsKey = "events/jsonColumns";

QJsonArray stored()
{
    return QJsonDocument::fromJson(QSettings().value(QLatin1StringView(SettingsKey)).toByteArray()).array();
}

} // namespace

QString JsonColumnStore::endpointKey(const QUrl &url)
{
    if (!url.isValid() || (url.host().isEmpty() && url.path().isEmpty()))
        return {};
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash)
        .toString();
}

std::optional<JsonColumns> JsonColumnStore::load(const QString &endpoint)
{
    if (endpoint.isEmpty())
        return std::nullopt;
    const QJsonArray entries = stored();
    for (const QJsonValue &entry : entries) {
        const QJsonObject object = entry.toObject();
        if (object.value(u"endpoint"_s).toString() != endpoint)
            continue;
        JsonColumns columns;
        const QJsonArray saved = object.value(u"columns"_s).toArray();
        for (const QJsonValue &column : saved) {
            const QJsonObject fields = column.toObject();
            columns.append({fields.value(u"pointer"_s).toString(), fields.value(u"title"_s).toString()});
        }
        return columns;
    }
    return std::nullopt;
}

void JsonColumnStore::save(const QString &endpoint, const JsonColumns &columns)
{
    if (endpoint.isEmpty())
        return;
    QJsonArray saved;
    for (const JsonColumn &column : columns)
        saved.append(QJsonObject{{u"pointer"_s, column.pointer}, {u"title"_s, column.title}});
    // The endpoint chosen last comes first, so the oldest choices are the ones that go.
    QJsonArray entries{QJsonObject{{u"endpoint"_s, endpoint}, {u"columns"_s, saved}}};
    const QJsonArray old = stored();
    for (const QJsonValue &entry : old) {
        if (entries.size() >= MaxEndpoints)
            break;
        if (entry.toObject().value(u"endpoint"_s).toString() != endpoint)
            entries.append(entry);
    }
    QSettings().setValue(QLatin1StringView(SettingsKey), QJsonDocument(entries).toJson(QJsonDocument::Compact));
}
