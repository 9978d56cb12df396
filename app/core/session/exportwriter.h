// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionexport.h"

#include <QIODevice>

#include <memory>

/** Output in blocks: few, large writes. After the first failed write nothing more is written. A writer that
 *  writes nothing may have no device. */
class BlockOutput final
{
public:
    static constexpr qsizetype BlockSize = 64 * 1024;

    explicit BlockOutput(QIODevice *device)
        : m_device(device)
    {
    }

    QByteArray &buffer() { return m_buffer; }
    void append(QByteArrayView bytes)
    {
        m_buffer.append(bytes);
        flushIfFull();
    }
    void flushIfFull()
    {
        if (m_buffer.size() >= BlockSize)
            flush();
    }
    bool flush()
    {
        if (!m_failed && !m_buffer.isEmpty() && m_device->write(m_buffer) != m_buffer.size())
            m_failed = true;
        m_buffer.resize(0);
        return !m_failed;
    }
    bool failed() const { return m_failed; }
    QString errorString() const { return m_device ? m_device->errorString() : QString(); }

private:
    QIODevice *m_device;
    QByteArray m_buffer;
    bool m_failed = false;
};

/** Turns records, and the events derived from them, into one export format, writing as they come. */
class ExportWriter : public SessionSink
{
public:
    /** The writer of format to output. HAR and sserec spool to a temporary file in spoolDirectory, or for HAR in
     *  memory when spoolDirectory is empty; null with *error when no temporary file can be made. */
    static std::unique_ptr<ExportWriter> create(SessionExport::Format format, QIODevice *output,
                                                const QString &spoolDirectory, QString *error);
    /** A writer of a session file straight to path; failed() when it cannot be written. */
    static std::unique_ptr<ExportWriter> createRecording(const QString &path);

    explicit ExportWriter(QIODevice *output)
        : m_out(output)
    {
    }

    virtual void eventDerived(const RecordedEvent &recorded) { Q_UNUSED(recorded) }
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
