// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingwriter.h"

#include <QTemporaryFile>

RecordingWriter::RecordingWriter(const QString &path)
    : ExportWriter(nullptr)
    , m_path(path)
{
}

RecordingWriter::RecordingWriter(std::unique_ptr<QTemporaryFile> temporary, QIODevice *output)
    : ExportWriter(output)
    , m_temporary(std::move(temporary))
{
    m_temporary->close();
    m_path = m_temporary->fileName();
}

RecordingWriter::~RecordingWriter() = default;

void RecordingWriter::headerRead(const SessionHeader &header)
{
    openOnce(header.created);
}

void RecordingWriter::requestRead(const RecordedRequest &request)
{
    openOnce();
    check(m_writer.writeRequest(request.request, request.monotonicNs, request.wallMs, request.joined));
}

void RecordingWriter::responseRead(const StreamResponse &response, qint64 wallMs)
{
    Q_UNUSED(wallMs)
    openOnce();
    check(m_writer.writeResponse(response));
}

void RecordingWriter::chunkRead(const StreamChunk &chunk)
{
    openOnce();
    check(m_writer.writeChunk(chunk));
}

void RecordingWriter::stateRead(const StreamStateChange &change)
{
    openOnce();
    check(m_writer.writeState(change));
}

bool RecordingWriter::finish()
{
    openOnce(); // a recording of nothing is still a recording
    m_writer.close();
    if (m_temporary && !failed())
        copy();
    return ExportWriter::finish();
}

void RecordingWriter::openOnce(const QString &created)
{
    if (m_opened)
        return;
    m_opened = true;
    // The times are already relative to the recording's start.
    check(m_writer.open(m_path, 0, created));
}

void RecordingWriter::check(bool written)
{
    if (!written)
        fail(m_writer.errorString());
}

void RecordingWriter::copy()
{
    if (!m_temporary->open()) {
        fail(SessionExport::tr("cannot read a temporary file: %1").arg(m_temporary->errorString()));
        return;
    }
    QByteArray block(BlockOutput::BlockSize, Qt::Uninitialized);
    while (!failed()) {
        const qint64 read = m_temporary->read(block.data(), block.size());
        if (read < 0)
            fail(SessionExport::tr("cannot read a temporary file: %1").arg(m_temporary->errorString()));
        if (read <= 0)
            break;
        m_out.append(QByteArrayView(block).first(read));
    }
}
