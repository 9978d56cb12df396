// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventderiver.h"
#include "sessionformat.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

/** A whole recording in memory, with the events derived from its chunks. */
struct Recording
{
    SessionHeader header;
    std::optional<RecordedRequest> request;
    QList<StreamResponse> responses;
    QList<qint64> responseWallMs; // one per response
    QList<StreamChunk> chunks;
    QList<StreamStateChange> states;
    QList<RecordedEvent> events;
};

/**
 * Turns a recording into other formats: NDJSON and CSV event lists, a text/event-stream that replays in any
 * tool, the raw body bytes, and HAR 1.2 for browser tools; and turns a raw capture into a recording.
 */
class SessionExport final
{
    Q_DECLARE_TR_FUNCTIONS(SessionExport)

public:
    enum class Format {
        Ndjson, // {"type","data","id","attempt","t_ms","wall_ms"} per line
        Csv, // RFC 4180: seq,attempt,t_ms,wall_ms,type,id,data
        Sse, // the events written again as text/event-stream
        Raw, // the recorded body bytes exactly, every attempt's chunks in order
        Har, // HAR 1.2, one entry per connection attempt, events in _eventSourceMessages
    };

    /** The format named ndjson, csv, sse, raw or har. */
    static std::optional<Format> formatFromName(QStringView name);

    /** Reads a whole recording; false with the reader's message (naming the line) when it cannot. */
    static bool load(const QString &path, Recording *recording, QString *error, QStringList *warnings = nullptr);
    /** A recording of a raw capture (what `curl -N > file` saves): one chunk per 64 KiB, all at time 0. */
    static Recording fromRaw(const QByteArray &body, const QUrl &url = {});

    /** The recording in the given format. */
    static QByteArray write(const Recording &recording, Format format);
    /** Writes the recording as a session file (.sserec); false with the writer's message when it cannot. */
    static bool writeRecording(const Recording &recording, const QString &path, QString *error);

    static QByteArray toNdjson(const Recording &recording);
    static QByteArray toCsv(const Recording &recording);
    static QByteArray toSse(const Recording &recording);
    static QByteArray toRaw(const Recording &recording);
    static QByteArray toHar(const Recording &recording);
};
