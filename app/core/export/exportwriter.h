// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "blockoutput.h"
#include "sessionexport.h"

#include <memory>

class QTemporaryFile;

/** Turns records, and the events, comments and diagnostics derived from them, into one export format, writing
 *  as they come. */
class ExportWriter : public SessionSink
{
public:
    /** The writer of format to output. HAR and sserec spool to a temporary file in spoolDirectory, or for HAR in
     *  memory when spoolDirectory is empty; null with *error when no temporary file can be made. */
    static std::unique_ptr<ExportWriter> create(SessionExport::Format format, QIODevice *output,
                                                const QString &spoolDirectory, QString *error);
    /** A writer of a session file straight to path, made on its first record (or at finish()); failed() from then
     *  on when it cannot be written. */
    static std::unique_ptr<ExportWriter> createRecording(const QString &path);
    /** A temporary file in directory, or else in the system's temporary directory; null with *error when neither
     *  has room for one. */
    static std::unique_ptr<QTemporaryFile> temporaryFile(const QString &directory, QString *error);

    explicit ExportWriter(QIODevice *output)
        : m_out(output)
    {
    }

    virtual void eventDerived(const RecordedEvent &recorded) { Q_UNUSED(recorded) }
    virtual void commentDerived(QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs)
    {
        Q_UNUSED(text)
        Q_UNUSED(attempt)
        Q_UNUSED(monotonicNs)
        Q_UNUSED(wallMs)
    }
    virtual void diagnosticDerived(const RecordedDiagnostic &recorded) { Q_UNUSED(recorded) }
    /** Writes what is left once every record is in; false when it cannot (see error()). */
    virtual bool finish() { return m_out.flush() && m_error.isEmpty(); }

    bool failed() const { return m_out.failed() || !m_error.isEmpty(); }
    QString error() const { return m_error.isEmpty() ? m_out.errorString() : m_error; }

protected:
    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    BlockOutput m_out;

private:
    QString m_error;
};
