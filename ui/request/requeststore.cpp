// SPDX-License-Identifier: GPL-3.0-or-later
#include "requeststore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

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
    QList<SavedRequest> presets;
    const QJsonArray array = readArray(PresetsKey);
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        const QString name = object.value(u"name"_s).toString();
        if (!name.isEmpty())
            presets.append({name, fromJson(object.value(u"request"_s).toObject())});
    }
    return presets;
}

void RequestStore::saveUserPreset(const QString &name, const StreamRequest &request)
{
    QJsonArray array = readArray(PresetsKey);
    const QJsonObject entry{{u"name"_s, name}, {u"request"_s, toJson(request)}};
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (array.at(i).toObject().value(u"name"_s).toString() == name) {
            array.replace(i, entry);
            writeArray(PresetsKey, array);
            return;
        }
    }
    array.append(entry);
    writeArray(PresetsKey, array);
}

void RequestStore::removeUserPreset(const QString &name)
{
    QJsonArray array = readArray(PresetsKey);
    for (qsizetype i = array.size() - 1; i >= 0; --i) {
        if (array.at(i).toObject().value(u"name"_s).toString() == name)
            array.removeAt(i);
    }
    writeArray(PresetsKey, array);
}

QList<StreamRequest> RequestStore::recent()
{
    QList<StreamRequest> requests;
    const QJsonArray array = readArray(RecentKey);
    for (const QJsonValue &item : array) {
        if (item.isObject() && requests.size() < MaxRecent)
            requests.append(fromJson(item.toObject()));
    }
    return requests;
}

void RequestStore::remember(const StreamRequest &request)
{
    const QJsonObject key = identity(request);
    QJsonArray array{toJson(request)};
    const QList<StreamRequest> older = recent();
    for (const StreamRequest &entry : older) {
        if (array.size() < MaxRecent && identity(entry) != key)
            array.append(toJson(entry));
    }
    writeArray(RecentKey, array);
}

void RequestStore::clearRecent()
{
    QSettings().remove(RecentKey);
}
