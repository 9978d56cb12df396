// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestsecrets.h"

namespace {

// Takes the password out of url; true when there was one.
bool takePassword(QUrl &url, QByteArray *password)
{
    if (url.password().isEmpty())
        return false;
    *password = url.password(QUrl::FullyDecoded).toUtf8();
    url.setPassword(QString());
    return true;
}

bool putPassword(QUrl &url, const QByteArray &password)
{
    // Only back into the URL it came from: a user name and no password of its own.
    if (!url.isValid() || url.host().isEmpty() || url.userName().isEmpty() || !url.password().isEmpty())
        return false;
    url.setPassword(QString::fromUtf8(password), QUrl::DecodedMode);
    return true;
}

} // namespace

bool RequestSecrets::isSecretHeader(QByteArrayView name)
{
    static const QByteArrayList exact
        = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"};
    const QByteArray lower = name.toByteArray().toLower();
    if (exact.contains(lower))
        return true;
    return lower.contains("token") || lower.contains("secret") || lower.contains("api-key") || lower.contains("apikey");
}

QList<RequestSecret> RequestSecrets::take(StreamRequest &request, const std::function<bool(QByteArrayView value)> &keep)
{
    QList<RequestSecret> secrets;
    RequestSecret secret;
    secret.place = RequestSecret::Place::UrlPassword;
    if (takePassword(request.url, &secret.value))
        secrets << secret;
    for (qsizetype i = 0; i < request.headers.size(); ++i) {
        auto &[name, value] = request.headers[i];
        if (value.isEmpty() || !isSecretHeader(name) || (keep && keep(value)))
            continue;
        secrets << RequestSecret{RequestSecret::Place::Header, name, i, value};
        value.clear();
    }
    secret = RequestSecret{RequestSecret::Place::ProxyPassword, {}, -1, {}};
    if (takePassword(request.proxyUrl, &secret.value))
        secrets << secret;
    return secrets;
}

QList<RequestSecret> RequestSecrets::restore(StreamRequest &request, const QList<RequestSecret> &secrets)
{
    QList<RequestSecret> unplaced;
    for (const RequestSecret &secret : secrets) {
        bool placed = false;
        switch (secret.place) {
        case RequestSecret::Place::Header:
            if (secret.headerIndex >= 0 && secret.headerIndex < request.headers.size()) {
                auto &[name, value] = request.headers[secret.headerIndex];
                placed = value.isEmpty() && name.compare(secret.headerName, Qt::CaseInsensitive) == 0;
                if (placed)
                    value = secret.value;
            }
            break;
        case RequestSecret::Place::UrlPassword:
            placed = putPassword(request.url, secret.value);
            break;
        case RequestSecret::Place::ProxyPassword:
            placed = putPassword(request.proxyUrl, secret.value);
            break;
        }
        if (!placed)
            unplaced << secret;
    }
    return unplaced;
}
