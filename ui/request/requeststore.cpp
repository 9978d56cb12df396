// SPDX-License-Identifier: GPL-3.0-or-later
#include "requeststore.h"

#include "placeholders.h"
#include "secretstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QUuid>

#include <climits>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString PresetsKey = u"presets/items"_s;
const QString RecentKey = u"recent/items"_s;

QString text(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}

QByteArray bytes(const QJsonValue &value)
{
    return value.toString().toUtf8();
}

QJsonArray textArray(const QList<QByteArray> &list)
{
    QJsonArray array;
    for (const QByteArray &item : list)
        array.append(text(item));
    return array;
}

QList<QByteArray> bytesList(const QJsonValue &value)
{
    QList<QByteArray> list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << bytes(item);
    return list;
}

qint64 integer(const QJsonObject &object, const QString &key, qint64 fallback)
{
    const QJsonValue value = object.value(key);
    return value.isDouble() ? qMax<qint64>(0, value.toInteger(fallback)) : fallback;
}

bool boolean(const QJsonObject &object, const QString &key, bool fallback)
{
    const QJsonValue value = object.value(key);
    return value.isBool() ? value.toBool() : fallback;
}

QJsonArray readArray(const QString &key)
{
    return QJsonDocument::fromJson(QSettings().value(key).toByteArray()).array();
}

void writeArray(const QString &key, const QJsonArray &array)
{
    QSettings().setValue(key, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

const QString PlaceHeader = u"header"_s;
const QString PlaceUrlPassword = u"url-password"_s;
const QString PlaceProxyPassword = u"proxy-password"_s;

// A secret's place, and its value when withValue (for the secret store, never for the settings).
QJsonObject secretJson(const RequestSecret &secret, bool withValue)
{
    QJsonObject object;
    switch (secret.place) {
    case RequestSecret::Place::Header:
        object = {{u"place"_s, PlaceHeader}, {u"name"_s, text(secret.headerName)}, {u"index"_s, secret.headerIndex}};
        break;
    case RequestSecret::Place::UrlPassword:
        object = {{u"place"_s, PlaceUrlPassword}};
        break;
    case RequestSecret::Place::ProxyPassword:
        object = {{u"place"_s, PlaceProxyPassword}};
        break;
    }
    if (withValue)
        object.insert(u"value"_s, QString::fromLatin1(secret.value.toBase64()));
    return object;
}

QJsonArray secretsJson(const QList<RequestSecret> &secrets, bool withValues)
{
    QJsonArray array;
    for (const RequestSecret &secret : secrets)
        array.append(secretJson(secret, withValues));
    return array;
}

QList<RequestSecret> secretsFromJson(const QJsonArray &array)
{
    QList<RequestSecret> secrets;
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        const QString place = object.value(u"place"_s).toString();
        RequestSecret secret;
        secret.value = QByteArray::fromBase64(object.value(u"value"_s).toString().toLatin1());
        if (place == PlaceHeader && object.value(u"name"_s).isString()) {
            secret.headerName = bytes(object.value(u"name"_s));
            secret.headerIndex = object.value(u"index"_s).toInteger(-1);
        } else if (place == PlaceUrlPassword) {
            secret.place = RequestSecret::Place::UrlPassword;
        } else if (place == PlaceProxyPassword) {
            secret.place = RequestSecret::Place::ProxyPassword;
        } else {
            continue;
        }
        secrets << secret;
    }
    return secrets;
}

// Takes the secrets out of entry.request into entry.withheld; true when there were any.
bool withhold(SavedRequest &entry, QList<RequestSecret> *taken = nullptr)
{
    QList<RequestSecret> secrets = RequestSecrets::take(entry.request, Placeholders::isPlaceholderOnly);
    if (taken)
        *taken = secrets;
    for (RequestSecret &secret : secrets)
        secret.value.clear();
    entry.withheld << secrets;
    return !secrets.isEmpty();
}

// The entry the settings keep for request; its secrets go to store under a new key when keepSecrets is true.
SavedRequest entryFor(const QString &name, const StreamRequest &request, SecretStore &store, bool keepSecrets,
                      const QString &keyPrefix)
{
    SavedRequest entry{name, request, {}, {}};
    QList<RequestSecret> secrets;
    if (withhold(entry, &secrets) && keepSecrets && store.availability() == SecretStore::Availability::Available) {
        entry.secretsKey = keyPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
        store.write(entry.secretsKey, QJsonDocument(secretsJson(secrets, true)).toJson(QJsonDocument::Compact));
    }
    return entry;
}

QJsonObject entryJson(const SavedRequest &entry)
{
    QJsonObject object{{u"request"_s, RequestStore::toJson(entry.request)}};
    if (!entry.name.isEmpty())
        object.insert(u"name"_s, entry.name);
    if (!entry.withheld.isEmpty())
        object.insert(u"withheld"_s, secretsJson(entry.withheld, false));
    if (!entry.secretsKey.isEmpty())
        object.insert(u"secretsKey"_s, entry.secretsKey);
    return object;
}

// The entries under key. Secret values that an older version wrote in clear are withheld, and the settings
// rewritten without them.
QList<SavedRequest> readEntries(const QString &key, bool named)
{
    QList<SavedRequest> entries;
    bool scrubbed = false;
    const QJsonArray array = readArray(key);
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        SavedRequest entry;
        entry.name = object.value(u"name"_s).toString();
        if (named && entry.name.isEmpty())
            continue;
        // A recent request used to be stored as the request itself.
        const bool bare = !named && !object.contains(u"request"_s);
        if (!item.isObject() || (!bare && !object.value(u"request"_s).isObject()))
            continue;
        entry.request = RequestStore::fromJson(bare ? object : object.value(u"request"_s).toObject());
        entry.withheld = secretsFromJson(object.value(u"withheld"_s).toArray());
        entry.secretsKey = object.value(u"secretsKey"_s).toString();
        scrubbed |= withhold(entry);
        entries << entry;
    }
    if (scrubbed) {
        QJsonArray clean;
        for (const SavedRequest &entry : std::as_const(entries))
            clean.append(entryJson(entry));
        writeArray(key, clean);
    }
    return entries;
}

// What makes two recent entries the same request.
QJsonObject identity(const StreamRequest &request)
{
    QJsonObject object = RequestStore::toJson(request);
    return QJsonObject{{u"method"_s, object.value(u"method"_s)},
                       {u"url"_s, object.value(u"url"_s)},
                       {u"headers"_s, object.value(u"headers"_s)},
                       {u"body"_s, object.value(u"body"_s)},
                       {u"bodyBase64"_s, object.value(u"bodyBase64"_s)}};
}

} // namespace

QJsonObject RequestStore::toJson(const StreamRequest &request)
{
    QJsonArray headers;
    for (const auto &[name, value] : request.headers)
        headers.append(QJsonArray{text(name), text(value)});
    QJsonObject object{
        {u"method"_s, text(request.method)}, {u"url"_s, request.url.toString()}, {u"headers"_s, headers}};
    if (text(request.body).toUtf8() == request.body)
        object.insert(u"body"_s, text(request.body));
    else
        object.insert(u"bodyBase64"_s, QString::fromLatin1(request.body.toBase64()));
    if (!request.lastEventId.isEmpty())
        object.insert(u"lastEventId"_s, text(request.lastEventId));
    if (!request.caFile.isEmpty())
        object.insert(u"caFile"_s, request.caFile);
    if (request.ignoreTlsErrors)
        object.insert(u"ignoreTlsErrors"_s, true);
    if (request.proxyMode == StreamRequest::ProxyMode::None)
        object.insert(u"proxy"_s, u"none"_s);
    else if (request.proxyMode == StreamRequest::ProxyMode::Given)
        object.insert(u"proxy"_s, request.proxyUrl.toString());

    const ReconnectPolicy &reconnect = request.reconnect;
    object.insert(u"reconnect"_s,
                  QJsonObject{{u"enabled"_s, reconnect.enabled},
                              {u"initialDelayMs"_s, reconnect.initialDelayMs},
                              {u"maxDelayMs"_s, reconnect.maxDelayMs},
                              {u"resetAfterMs"_s, reconnect.resetAfterMs},
                              {u"retryServerErrors"_s, reconnect.retryServerErrors},
                              {u"reconnectPost"_s, reconnect.reconnectPost},
                              {u"maxAttempts"_s, reconnect.maxAttempts},
                              {u"idleTimeoutMs"_s, reconnect.idleTimeoutMs}});
    object.insert(u"stop"_s,
                  QJsonObject{{u"eventTypes"_s, textArray(request.stop.eventTypes)},
                              {u"dataValues"_s, textArray(request.stop.dataValues)},
                              {u"maxEvents"_s, request.stop.maxEvents}});
    const bool skip = request.limits.overflow == SseParserLimits::Overflow::SkipEvent;
    object.insert(u"limits"_s,
                  QJsonObject{{u"maxLineLength"_s, request.limits.maxLineLength},
                              {u"maxEventSize"_s, request.limits.maxEventSize},
                              {u"overflow"_s, skip ? u"skip-event"_s : u"fail"_s}});
    return object;
}

StreamRequest RequestStore::fromJson(const QJsonObject &object)
{
    StreamRequest request;
    request.url = QUrl(object.value(u"url"_s).toString());
    if (const QByteArray method = bytes(object.value(u"method"_s)); !method.isEmpty())
        request.method = method;
    const QJsonArray headers = object.value(u"headers"_s).toArray();
    for (const QJsonValue &header : headers) {
        const QJsonArray pair = header.toArray();
        if (pair.size() == 2 && !pair.at(0).toString().isEmpty())
            request.headers.append({bytes(pair.at(0)), bytes(pair.at(1))});
    }
    request.body = object.contains(u"bodyBase64"_s)
        ? QByteArray::fromBase64(object.value(u"bodyBase64"_s).toString().toLatin1())
        : bytes(object.value(u"body"_s));
    request.lastEventId = bytes(object.value(u"lastEventId"_s));
    request.caFile = object.value(u"caFile"_s).toString();
    request.ignoreTlsErrors = boolean(object, u"ignoreTlsErrors"_s, false);
    const QString proxy = object.value(u"proxy"_s).toString();
    if (proxy == u"none") {
        request.proxyMode = StreamRequest::ProxyMode::None;
    } else if (!proxy.isEmpty()) {
        request.proxyMode = StreamRequest::ProxyMode::Given;
        request.proxyUrl = QUrl(proxy);
    }

    const QJsonObject reconnect = object.value(u"reconnect"_s).toObject();
    ReconnectPolicy &policy = request.reconnect;
    policy.enabled = boolean(reconnect, u"enabled"_s, policy.enabled);
    policy.initialDelayMs = integer(reconnect, u"initialDelayMs"_s, policy.initialDelayMs);
    policy.maxDelayMs = integer(reconnect, u"maxDelayMs"_s, policy.maxDelayMs);
    policy.resetAfterMs = integer(reconnect, u"resetAfterMs"_s, policy.resetAfterMs);
    policy.retryServerErrors = boolean(reconnect, u"retryServerErrors"_s, policy.retryServerErrors);
    policy.reconnectPost = boolean(reconnect, u"reconnectPost"_s, policy.reconnectPost);
    policy.maxAttempts = int(qMin<qint64>(INT_MAX, integer(reconnect, u"maxAttempts"_s, policy.maxAttempts)));
    policy.idleTimeoutMs = integer(reconnect, u"idleTimeoutMs"_s, policy.idleTimeoutMs);

    const QJsonObject stop = object.value(u"stop"_s).toObject();
    request.stop.eventTypes = bytesList(stop.value(u"eventTypes"_s));
    request.stop.dataValues = bytesList(stop.value(u"dataValues"_s));
    request.stop.maxEvents = integer(stop, u"maxEvents"_s, 0);

    const QJsonObject limits = object.value(u"limits"_s).toObject();
    request.limits.maxLineLength = integer(limits, u"maxLineLength"_s, request.limits.maxLineLength);
    request.limits.maxEventSize = integer(limits, u"maxEventSize"_s, request.limits.maxEventSize);
    if (limits.value(u"overflow"_s).toString() == u"skip-event")
        request.limits.overflow = SseParserLimits::Overflow::SkipEvent;
    return request;
}

QList<SavedRequest> RequestStore::userPresets()
{
    return readEntries(PresetsKey, true);
}

void RequestStore::saveUserPreset(const QString &name, const StreamRequest &request, SecretStore &store,
                                  bool keepSecrets)
{
    const QJsonObject entry = entryJson(entryFor(name, request, store, keepSecrets, u"preset/"_s));
    QJsonArray array = readArray(PresetsKey);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject old = array.at(i).toObject();
        if (old.value(u"name"_s).toString() == name) {
            if (const QString key = old.value(u"secretsKey"_s).toString(); !key.isEmpty())
                store.remove(key);
            array.replace(i, entry);
            writeArray(PresetsKey, array);
            return;
        }
    }
    array.append(entry);
    writeArray(PresetsKey, array);
}

void RequestStore::removeUserPreset(const QString &name, SecretStore &store)
{
    QJsonArray array = readArray(PresetsKey);
    for (qsizetype i = array.size() - 1; i >= 0; --i) {
        const QJsonObject old = array.at(i).toObject();
        if (old.value(u"name"_s).toString() != name)
            continue;
        if (const QString key = old.value(u"secretsKey"_s).toString(); !key.isEmpty())
            store.remove(key);
        array.removeAt(i);
    }
    writeArray(PresetsKey, array);
}

QList<SavedRequest> RequestStore::recent()
{
    return readEntries(RecentKey, false).mid(0, MaxRecent);
}

void RequestStore::remember(const StreamRequest &request, SecretStore &store, bool keepSecrets)
{
    const SavedRequest entry = entryFor({}, request, store, keepSecrets, u"recent/"_s);
    const QJsonObject key = identity(entry.request);
    QJsonArray array{entryJson(entry)};
    const QList<SavedRequest> older = readEntries(RecentKey, false);
    for (const SavedRequest &old : older) {
        if (array.size() < MaxRecent && identity(old.request) != key)
            array.append(entryJson(old));
        else if (!old.secretsKey.isEmpty())
            store.remove(old.secretsKey);
    }
    writeArray(RecentKey, array);
}

void RequestStore::clearRecent(SecretStore &store)
{
    const QList<SavedRequest> entries = readEntries(RecentKey, false);
    for (const SavedRequest &entry : entries) {
        if (!entry.secretsKey.isEmpty())
            store.remove(entry.secretsKey);
    }
    QSettings().remove(RecentKey);
}

void RequestStore::readSecrets(const SavedRequest &saved, SecretStore &store, QObject *context,
                               const std::function<void(const QList<RequestSecret> &secrets)> &done)
{
    store.read(saved.secretsKey, context, [done](const std::optional<QByteArray> &value) {
        done(value ? secretsFromJson(QJsonDocument::fromJson(*value).array()) : QList<RequestSecret>());
    });
}
