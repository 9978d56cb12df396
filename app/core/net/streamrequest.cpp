// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamrequest.h"

#include "version.h"

#include <algorithm>

bool StreamRequest::isSafeToRepeat() const
{
    const QByteArray upper = method.toUpper();
    return upper == "GET" || upper == "HEAD" || upper == "OPTIONS";
}

QList<QPair<QByteArray, QByteArray>> StreamRequest::headersToSend(const QByteArray &lastEventIdToSend) const
{
    QList<QPair<QByteArray, QByteArray>> sent{
        {"Accept", "text/event-stream"},
        {"Cache-Control", "no-cache"},
        // Named, so that server logs tell SSE Scope from a browser.
        {"User-Agent", QByteArray("SSE Scope/") + SseScope::Version},
    };
    if (!lastEventIdToSend.isEmpty())
        sent.append({"Last-Event-ID", lastEventIdToSend});
    for (const auto &header : headers) {
        const auto same = [&header](const QPair<QByteArray, QByteArray> &each) {
            return each.first.compare(header.first, Qt::CaseInsensitive) == 0;
        };
        sent.erase(std::remove_if(sent.begin(), sent.end(), same), sent.end());
    }
    return sent + headers;
}
