// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionformat.h"

namespace SessionFormat {

bool isSecretHeader(QByteArrayView name)
{
    static const QByteArrayList exact
        = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"};
    const QByteArray lower = name.toByteArray().toLower();
    if (exact.contains(lower))
        return true;
    return lower.contains("token") || lower.contains("secret") || lower.contains("api-key") || lower.contains("apikey");
}

QByteArrayList redactHeaders(QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArrayList names;
    for (auto &[name, value] : headers) {
        if (!isSecretHeader(name))
            continue;
        value = RedactedValue;
        const QByteArray lower = name.toLower();
        if (!names.contains(lower))
            names << lower;
    }
    return names;
}

} // namespace SessionFormat
