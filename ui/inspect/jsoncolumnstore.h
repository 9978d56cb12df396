// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/jsoncolumn.h"

#include <QString>
#include <QUrl>

#include <optional>

/**
 * The JSON columns chosen for each endpoint, in QSettings ("events/jsonColumns") as JSON: the endpoint is its
 * scheme, host, port and path, without query, fragment or credentials, and each column is its pointer and
 * title. No header or body of a request is kept, so no secret is.
 */
class JsonColumnStore final
{
public:
    /** Endpoints remembered at most; the least recently chosen go first. */
    static constexpr int MaxEndpoints = 100;

    JsonColumnStore() = delete;

    /** The key url's columns are kept under; empty for a URL that has no host or path to key on. */
    static QString endpointKey(const QUrl &url);
    /** The columns last chosen for endpoint, or nothing when none were (no columns at all is a choice too). */
    static std::optional<JsonColumns> load(const QString &endpoint);
    static void save(const QString &endpoint, const JsonColumns &columns);
};
