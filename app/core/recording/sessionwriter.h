// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"
#include "net/streamtypes.h"
#include "sessionformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <optional>

/**
 * Writes a session file (.sserec, see docs/session-format.md): a header line, then one flushed line per
 * record, so a recording cut off by a crash loses at most its last record. Times are stored relative to a
 * start: the one given to open(), or the first timed record's.
 */
class SessionWriter final
{
    Q_DECLARE_TR_FUNCTIONS(SessionWriter)

public:
    SessionWriter() = default;
    ~SessionWriter();
    SessionWriter(const SessionWriter &) = delete;
    SessionWriter &operator=(const SessionWriter &) = delete;

    /** Creates or truncates path and writes the header, created now or at the given time (a rewritten recording
     *  keeps its own); false with errorString() when it cannot. */
    bool open(const QString &path, std::optional<qint64> startMonotonicNs = std::nullopt, const QString &created = {});
    /** Flushes and closes the file. */
    void close();
    bool isOpen() const { return m_file.isOpen(); }

    /** Keeps the values of secret headers instead of replacing them by "<redacted>" (off by default). */
    void setKeepSecrets(bool keep) { m_keepSecrets = keep; }
    bool keepSecrets() const { return m_keepSecrets; }

    /** The request has no time of its own: it is stored at the given time, or at the start and now; joined says
     *  where a recording that began mid-session joined it. */
    bool writeRequest(const StreamRequest &request, std::optional<qint64> monotonicNs = std::nullopt,
                      std::optional<qint64> wallMs = std::nullopt,
                      const std::optional<SessionJoin> &joined = std::nullopt);
    bool writeResponse(const StreamResponse &response);
    bool writeChunk(const StreamChunk &chunk);
    bool writeState(const StreamStateChange &change);

    /** The last error, e.g. the file could not be opened or the disk is full. */
    QString errorString() const { return m_error; }
    /** Bytes written so far, the header included. */
    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    bool writeLine(QByteArray line);
    qint64 relativeNs(qint64 monotonicNs);
    qint64 wallFor(qint64 relative) const;

    QFile m_file;
    QString m_error;
    std::optional<qint64> m_startNs;
    qint64 m_lastNs = 0; // relative time of the last record that had a wall time
    qint64 m_lastWallMs = -1;
    qint64 m_bytesWritten = 0;
    bool m_keepSecrets = false;
};
