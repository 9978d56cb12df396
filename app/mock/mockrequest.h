// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

/** One HTTP request as the producer sees it, whatever the Qt version underneath. */
struct MockRequest
{
    QByteArray method; // "GET", "POST", ...
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, values as sent
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;

    /** The first header of that name (case-insensitive), or an empty array. */
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QUrlQuery query() const { return QUrlQuery(url); }
};
