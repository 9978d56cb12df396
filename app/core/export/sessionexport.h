// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/eventderiver.h"
#include "recording/sessionformat.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

class QIODevice;

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
 * Turns a recording into other formats: NDJSON records (events, comments, diagnostics and states, as
 * `ssescope watch --format ndjson` prints them) and a CSV list of events and diagnostics, a text/event-stream
 * that replays in any tool, the raw body bytes, HAR 1.2 for browser tools, or a session file; and turns a raw capture
 * into a recording. Every format is written as the records go by, with bounded memory, whether they come from a file
 * (exportFile) or from a recording in memory (write), so both give the same bytes.
 */
class SessionExport final
{
    Q_DECLARE_TR_FUNCTIONS(SessionExport)

public:
    enum class Format {
        Ndjson, // NdjsonRecords: {"kind":"event",...}, comment, diagnostic and state records
        Csv, // RFC 4180: seq,attempt,t_ms,wall_ms,kind,type,id,data (kind: event or diagnostic)
        Sse, // the events written again as text/event-stream
        Raw, // the recorded body bytes exactly, every attempt's chunks in order
        Har, // HAR 1.2, an entry per connection attempt: events in _eventSourceMessages, diagnostics in _diagnostics
        Sserec, // a session file (docs/session-format.md), e.g. of a raw capture
    };

    /** How exportFile reads its input and reports on the way. */
    struct Options
    {
        /** Called with the input bytes read so far and the input's size (-1 when unknown), about every 4 MiB. */
        std::function<void(qint64 bytesRead, qint64 totalBytes)> progress;
        /** Called before each record; returning false cancels the export. */
        std::function<bool()> shouldContinue;
        /** The input is a raw text/event-stream capture (what `curl -N URL > FILE` saves), not a session file. */
        bool fromRaw = false;
        /** With fromRaw: the URL the capture came from, if known. */
        QUrl url;
    };

    struct Result
    {
        enum class Status { Ok, InputError, OutputError, Cancelled };
        Status status = Status::Ok;
        QString error; // for a corrupt recording, the reader's message naming the line
        QStringList warnings; // the reader's, e.g. a cut-off last record that was dropped
        qint64 events = 0; // derived from the input
        bool ok() const { return status == Status::Ok; }
    };

    /** The format named ndjson, csv, sse, raw, har or sserec. */
    static std::optional<Format> formatFromName(QStringView name);
    /** The name of a format, which is also the file name suffix of an export in it. */
    static QString formatName(Format format);

    /**
     * Reads the input file record by record and writes it to output in the given format as it goes, with
     * bounded memory whatever the input's size. HAR and sserec spool to a temporary file beside output when
     * it is a file (else in the temporary directory). On failure output holds a partial export: write to a
     * QSaveFile and commit only on success.
     */
    static Result exportFile(const QString &input, QIODevice *output, Format format, const Options &options);

    /** Hands a recording's records to sink in file order: header, request, then responses, chunks and states by
     *  time (at the same time responses before chunks before states). Events are not handed over: an
     *  EventDeriver in front of the sink derives them from the chunks. */
    static void visit(const Recording &recording, SessionSink &sink);

    /** Reads a whole recording; false with the reader's message (naming the line) when it cannot. */
    static bool load(const QString &path, Recording *recording, QString *error, QStringList *warnings = nullptr);
    /** A recording of a raw capture (what `curl -N > file` saves): one chunk per 64 KiB, all at time 0. */
    static Recording fromRaw(const QByteArray &body, const QUrl &url = {});

    /** The recording in the given format, the same bytes exportFile writes for its file; recording.events is
     *  not read (events come from the chunks). Empty for sserec when no temporary file can be made. */
    static QByteArray write(const Recording &recording, Format format);
    /** Writes the recording as a session file (.sserec); false with the writer's message when it cannot. */
    static bool writeRecording(const Recording &recording, const QString &path, QString *error);

    static QByteArray toNdjson(const Recording &recording) { return write(recording, Format::Ndjson); }
    static QByteArray toCsv(const Recording &recording) { return write(recording, Format::Csv); }
    static QByteArray toSse(const Recording &recording) { return write(recording, Format::Sse); }
    static QByteArray toRaw(const Recording &recording) { return write(recording, Format::Raw); }
    static QByteArray toHar(const Recording &recording) { return write(recording, Format::Har); }
};
