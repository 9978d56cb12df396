// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// The session file (.sserec): NDJSON, one record per line; docs/session-format.md is its specification.
namespace SessionFormat {

/** The "format" value of the header line. */
inline constexpr char FormatName[] = "ssescope-session";
/** The format version this build writes and the newest it reads. */
inline constexpr int Version = 1;
/** The file name suffix, without the dot. */
inline constexpr char FileSuffix[] = "sserec";
/** What a secret header value is replaced by. */
inline constexpr char RedactedValue[] = "<redacted>";

/** Replaces secret values (RequestSecrets::isSecretHeader) by RedactedValue; returns the lower-case names that were
 * redacted. */
QByteArrayList redactHeaders(QList<QPair<QByteArray, QByteArray>> &headers);
/** redactHeaders(), and a password in url replaced too (listed as "url-password"). */
QByteArrayList redactRequest(QList<QPair<QByteArray, QByteArray>> &headers, QUrl &url);

} // namespace SessionFormat

/** The header line of a recording. */
struct SessionHeader
{
    int version = 0;
    QString created; // ISO 8601 UTC
    QString app; // "SSE Scope <version>"
};

/** Where a recording started inside a session that was already running (it joined it mid-stream). */
struct SessionJoin
{
    int attempt = 0; // the connection attempt running then
    qint64 afterNs = 0; // how long the session had been running
    qint64 bodyOffset = 0; // where in that attempt's body the recorded bytes begin (its chunk offsets count from here)
};

/** The request a recording was made with, as stored (secrets may be redacted). */
struct RecordedRequest
{
    StreamRequest request; // url, method, headers, body and lastEventId are recorded
    QByteArrayList redacted; // lower-case names of the headers whose values were replaced
    qint64 monotonicNs = 0; // since the recording started
    qint64 wallMs = 0;
    std::optional<SessionJoin> joined; // set when the recording began in the middle of the session
};
