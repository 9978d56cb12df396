// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionreader.h"

#include "recorddecoder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 BlockBytes = 1 << 20;
// A header is small: a first line longer than this is not one, and need not be read to the end.
constexpr qint64 MaxHeaderBytes = 64 << 10;

} // namespace

void SessionReader::setProgressCallback(std::function<void(qint64, qint64)> progress, qint64 interval)
{
    m_progress = std::move(progress);
    m_progressInterval = qMax<qint64>(1, interval);
}

SessionReader::Result SessionReader::readFile(const QString &path, SessionSink &sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Result result;
        result.status = Status::Error;
        result.error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return result;
    }
    return read(&file, sink);
}

// One reading of a device: a line at a time, with the file's position, so that it can stop after any record
// and go on later.
class SessionReader::Pass
{
    Q_DECLARE_TR_FUNCTIONS(SessionReader)

public:
    Pass(QIODevice *device, SessionSink &sink, const SessionReader &settings)
        : device(device)
        , sink(sink)
        , progress(settings.m_progress)
        , shouldContinue(settings.m_continue)
        , progressInterval(settings.m_progressInterval)
        , maxLineBytes(settings.m_maxLineBytes)
        , total(device->isSequential() ? -1 : device->size())
        , nextProgress(settings.m_progressInterval)
    {
    }

    // Reads until the sink got maxRecords more records or the pass is over; false once it is over.
    bool advance(qint64 maxRecords)
    {
        const qint64 target = result.records + maxRecords;
        while (!finished && result.records < target)
            step();
        return !finished;
    }

    // The file offset of the first line not yet handled.
    qint64 position() const { return bufferOffset + start; }

    QIODevice *device;
    SessionSink &sink;
    std::function<void(qint64, qint64)> progress;
    std::function<bool()> shouldContinue;
    qint64 progressInterval;
    qint64 maxLineBytes;
    qint64 total;
    Result result;
    bool finished = false;

private:
    void fail(const QString &error)
    {
        result.status = Status::Error;
        result.error = error;
        finished = true;
    }
    void notRecording() { fail(tr("not an SSE Scope recording (line 1 is not a session header)")); }

    // Handles one line, or reads one block, or ends the pass.
    void step()
    {
        const qsizetype newline = buffer.indexOf('\n', scanned);
        const qint64 pending = (newline >= 0 ? newline : buffer.size()) - start;
        if (pending > maxLineBytes)
            return fail(tr("line %1 (byte %2): longer than %3 bytes")
                            .arg(line + 1)
                            .arg(bufferOffset + start)
                            .arg(maxLineBytes));
        if (newline >= 0) {
            const qint64 lineOffset = bufferOffset + start;
            if (!handleLine(QByteArrayView(buffer).sliced(start, newline - start), lineOffset)) {
                finished = true;
                return;
            }
            start = newline + 1;
            scanned = start;
            return;
        }
        scanned = buffer.size();
        if (line == 0 && pending > MaxHeaderBytes)
            return notRecording();
        if (atEnd)
            return finish();
        if (start > 0) {
            buffer.remove(0, start);
            bufferOffset += start;
            scanned -= start;
            start = 0;
        }
        const qsizetype before = buffer.size();
        buffer.resize(before + BlockBytes);
        qint64 got = device->read(buffer.data() + before, BlockBytes);
        if (got == 0 && device->isSequential() && device->waitForReadyRead(30000))
            got = device->read(buffer.data() + before, BlockBytes);
        buffer.resize(before + qMax<qint64>(0, got));
        if (got <= 0)
            atEnd = true;
        result.bytesRead += qMax<qint64>(0, got);
        if (progress && result.bytesRead >= nextProgress) {
            progress(result.bytesRead, total);
            nextProgress = result.bytesRead + progressInterval;
        }
    }

    // The end of the device: what follows the last newline is a last record or a cut-off one.
    void finish()
    {
        const QByteArrayView rest = QByteArrayView(buffer).sliced(start);
        if (line == 0 && rest.isEmpty())
            return fail(tr("empty file: not a recording"));
        if (!rest.isEmpty()) {
            const qint64 lineOffset = bufferOffset + start;
            const QByteArray headerStart = QByteArray("{\"format\":\"") + SessionFormat::FormatName + '"';
            if (line == 0 && !headerStart.startsWith(rest) && !rest.startsWith(headerStart))
                return notRecording();
            // A whole record that only lacks its newline is kept; anything else was cut off while being written.
            const bool complete = QJsonDocument::fromJson(rest.toByteArray()).isObject();
            if (complete) {
                start = buffer.size();
                if (!handleLine(rest, lineOffset)) {
                    finished = true;
                    return;
                }
            } else {
                result.warnings << tr("the last record (line %1, byte %2) is incomplete: the recording was cut "
                                      "off; it was dropped")
                                       .arg(line + 1)
                                       .arg(lineOffset);
            }
        }
        start = buffer.size();
        finished = true;
        if (progress)
            progress(result.bytesRead, total);
    }

    // False when the pass must stop (result says why).
    bool handleLine(QByteArrayView text, qint64 lineOffset)
    {
        ++line;
        if (shouldContinue && !shouldContinue()) {
            result.status = SessionReader::Status::Cancelled;
            return false;
        }
        while (text.endsWith('\r'))
            text.chop(1);
        if (line > 1 && text.trimmed().isEmpty())
            return true;
        if (line > 1 && RecordDecoder::decodeChunkText(text, sink)) {
            ++result.records;
            return true;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
        if (line == 1) {
            const QJsonObject header = document.object();
            if (parseError.error != QJsonParseError::NoError
                || header.value(u"format"_s).toString() != QLatin1StringView(SessionFormat::FormatName)) {
                notRecording();
                return false;
            }
            result.header.version = int(header.value(u"version"_s).toInteger());
            result.header.created = header.value(u"created"_s).toString();
            result.header.app = header.value(u"app"_s).toString();
            if (result.header.version < 1) {
                notRecording();
                return false;
            }
            if (result.header.version > SessionFormat::Version) {
                fail(tr("recorded by a newer SSE Scope (format version %1; this one reads %2)")
                         .arg(result.header.version)
                         .arg(SessionFormat::Version));
                return false;
            }
            sink.headerRead(result.header);
            return true;
        }
        if (parseError.error != QJsonParseError::NoError) {
            fail(tr("line %1 (byte %2): not JSON: %3").arg(line).arg(lineOffset).arg(parseError.errorString()));
            return false;
        }
        if (!document.isObject()) {
            fail(tr("line %1 (byte %2): not a JSON object").arg(line).arg(lineOffset));
            return false;
        }
        QString error;
        switch (RecordDecoder::decode(document.object(), line, lineOffset, sink, &error)) {
        case RecordDecoder::Outcome::Handed:
            break;
        case RecordDecoder::Outcome::Skipped:
            ++result.skipped;
            return true;
        case RecordDecoder::Outcome::Invalid:
            fail(error);
            return false;
        }
        ++result.records;
        return true;
    }

    QByteArray buffer;
    qsizetype start = 0; // of the current line in buffer
    qsizetype scanned = 0; // bytes of the current line known to hold no newline end before here
    qint64 bufferOffset = 0; // file offset of buffer[0]
    qint64 line = 0;
    qint64 nextProgress;
    bool atEnd = false;
};

SessionReader::Result SessionReader::read(QIODevice *device, SessionSink &sink) const
{
    Pass pass(device, sink, *this);
    while (pass.advance(std::numeric_limits<qint64>::max())) { }
    return pass.result;
}

SessionCursor::SessionCursor(SessionSink &sink)
    : m_sink(sink)
{
}

SessionCursor::~SessionCursor() = default;

bool SessionCursor::open(const QString &path, const SessionReader &settings)
{
    m_pass.reset();
    m_file = std::make_unique<QFile>(path);
    if (!m_file->open(QIODevice::ReadOnly)) {
        m_openError.status = SessionReader::Status::Error;
        m_openError.error = SessionReader::tr("Cannot open %1: %2").arg(path, m_file->errorString());
        m_file.reset();
        return false;
    }
    m_pass = std::make_unique<SessionReader::Pass>(m_file.get(), m_sink, settings);
    return true;
}

bool SessionCursor::readNext(qint64 maxRecords)
{
    return m_pass && m_pass->advance(maxRecords);
}

bool SessionCursor::atEnd() const
{
    return !m_pass || m_pass->finished;
}

const SessionReader::Result &SessionCursor::result() const
{
    return m_pass ? m_pass->result : m_openError;
}

qint64 SessionCursor::fileSize() const
{
    return m_pass ? m_pass->total : -1;
}

qint64 SessionCursor::position() const
{
    return m_pass ? m_pass->position() : 0;
}
