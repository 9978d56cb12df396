// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamrequest.h"

bool StreamRequest::isSafeToRepeat() const
{
    const QByteArray upper = method.toUpper();
    return upper == "GET" || upper == "HEAD" || upper == "OPTIONS";
}

std::optional<QByteArray> StreamRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}
