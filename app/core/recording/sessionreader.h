// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"
#include "sessionformat.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QFile;
class QIODevice;

/** Receives the records of a recording, in file order. */
class SessionSink
{
public:
    virtual ~SessionSink() = default;
    virtual void headerRead(const SessionHeader &header) { Q_UNUSED(header) }
    virtual void requestRead(const RecordedRequest &request) { Q_UNUSED(request) }
    /** wallMs is the response's wall time, which StreamResponse has no member for. */
    virtual void responseRead(const StreamResponse &response, qint64 wallMs)
    {
        Q_UNUSED(response)
        Q_UNUSED(wallMs)
    }
    virtual void chunkRead(const StreamChunk &chunk) { Q_UNUSED(chunk) }
    virtual void stateRead(const StreamStateChange &change) { Q_UNUSED(change) }
};

/**
 * Reads a session file line by line with bounded memory (a block plus the longest line), handing each record
 * to a sink. Unknown record types are skipped; a cut-off last line is dropped with a warning.
 */
class SessionReader final
{
    Q_DECLARE_TR_FUNCTIONS(SessionReader)

public:
    enum class Status { Ok, Error, Cancelled };

    struct Result
    {
        Status status = Status::Ok;
        QString error; // names the problem and its line
        QStringList warnings;
        SessionHeader header;
        qint64 records = 0; // handed to the sink, the header not counted
        qint64 skipped = 0; // of unknown types
        qint64 bytesRead = 0;
        bool ok() const { return status == Status::Ok; }
    };

    /** A line longer than this is an error (default 64 MiB). */
    void setMaxLineBytes(qint64 bytes) { m_maxLineBytes = bytes; }
    /** progress(bytesRead, totalBytes or -1) is called about every interval bytes and once at the end. */
    void setProgressCallback(std::function<void(qint64, qint64)> progress, qint64 interval = 4 << 20);
    /** Called before each record; returning false stops the read with Status::Cancelled. */
    void setContinueCallback(std::function<bool()> shouldContinue) { m_continue = std::move(shouldContinue); }

    Result read(QIODevice *device, SessionSink &sink) const;
    Result readFile(const QString &path, SessionSink &sink) const;

private:
    friend class SessionCursor;
    class Pass;

    std::function<void(qint64, qint64)> m_progress;
    std::function<bool()> m_continue;
    qint64 m_progressInterval = 4 << 20;
    qint64 m_maxLineBytes = qint64(64) << 20;
};

/**
 * Reads a session file a few records at a time, for a reader that paces itself (a replay into a tab): the same
 * checks and messages as SessionReader, with the file kept open between calls.
 */
class SessionCursor final
{
public:
    explicit SessionCursor(SessionSink &sink);
    ~SessionCursor();
    SessionCursor(const SessionCursor &) = delete;
    SessionCursor &operator=(const SessionCursor &) = delete;

    /** Opens path, reading with the settings' limits and callbacks; false with result() saying why. */
    bool open(const QString &path, const SessionReader &settings = SessionReader());
    /** Hands up to maxRecords more records to the sink; false once the file is done (result() says how). */
    bool readNext(qint64 maxRecords = 1);
    bool atEnd() const;
    /** So far; once atEnd(), how the read ended. */
    const SessionReader::Result &result() const;
    /** The file's size, or -1 before open(). */
    qint64 fileSize() const;
    /** The file offset up to which records have been handed over. */
    qint64 position() const;

private:
    SessionSink &m_sink;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<SessionReader::Pass> m_pass;
    SessionReader::Result m_openError;
};
