// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionformat.h"

#include "net/requestsecrets.h"

namespace SessionFormat {

QByteArrayList redactHeaders(QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArrayList names;
    for (auto &[name, value] : headers) {
        if (!RequestSecrets::isSecretHeader(name))
            continue;
        value = RedactedValue;
        const QByteArray lower = name.toLower();
        if (!names.contains(lower))
            names << lower;
    }
    return names;
}

QByteArrayList redactRequest(QList<QPair<QByteArray, QByteArray>> &headers, QUrl &url)
{
    QByteArrayList names = redactHeaders(headers);
    if (!url.password().isEmpty()) {
        url.setPassword(QStringLiteral("redacted"));
        names << "url-password";
    }
    return names;
}

} // namespace SessionFormat
