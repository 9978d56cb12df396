// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayrecording.h"

#include "recording/eventderiver.h"
#include "recording/sessionreader.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr char EventStreamType[] = "text/event-stream";

} // namespace

// Keeps the response and the reads of the first attempt that got a 200, and stops at the size bound.
class ReplayRecording::Loader final : public SessionSink
{
public:
    Loader(ReplayRecording &recording, qint64 maxBytes)
        : m_recording(recording)
        , m_maxBytes(maxBytes)
    {
    }

    int attempt() const { return m_attempt; }
    bool tooLarge() const { return m_tooLarge; }

    void requestRead(const RecordedRequest &recorded) override
    {
        // The first request is the one the session was started with; a joined recording has it too.
        if (m_requests++ == 0 && !recorded.request.method.isEmpty())
            m_recording.m_method = recorded.request.method.toUpper();
    }

    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        Q_UNUSED(wallMs)
        if (m_attempt != 0 || response.status != 200)
            return;
        m_attempt = response.attempt;
        m_recording.m_responseNs = response.monotonicNs;
        for (const auto &[name, value] : response.headers) {
            if (QByteArrayView(name).compare("Content-Type", Qt::CaseInsensitive) == 0) {
                m_recording.m_contentType = value;
                break;
            }
        }
    }

    void chunkRead(const StreamChunk &chunk) override
    {
        // An empty write would end a chunked body early; it carries nothing to replay anyway.
        if (m_attempt == 0 || chunk.attempt != m_attempt || chunk.bytes.isEmpty() || m_tooLarge)
            return;
        if (m_recording.m_bodyBytes + chunk.bytes.size() > m_maxBytes) {
            m_tooLarge = true;
            return;
        }
        m_recording.m_chunks.append({chunk.bytes, m_recording.m_bodyBytes, chunk.monotonicNs});
        m_recording.m_bodyBytes += chunk.bytes.size();
    }

private:
    ReplayRecording &m_recording;
    qint64 m_maxBytes;
    int m_attempt = 0;
    int m_requests = 0;
    bool m_tooLarge = false;
};

std::optional<ReplayRecording> ReplayRecording::load(const QString &path, QString *error, qint64 maxBytes)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(tr("no such file"));
    if (info.isDir())
        return fail(tr("a directory, not a recording"));

    ReplayRecording recording;
    recording.m_fileName = path;
    Loader loader(recording, maxBytes);
    QHash<QByteArray, qint64> eventEnds;
    EventDeriver deriver(
        [&](const RecordedEvent &recorded) {
            if (recorded.attempt != loader.attempt())
                return;
            ++recording.m_events;
            // The first event with an id is where a client that saw that id resumes; later events that only
            // carry it on may be replayed to it again, which loses nothing.
            if (!recorded.event.lastEventId.isEmpty() && !eventEnds.contains(recorded.event.lastEventId))
                eventEnds.insert(recorded.event.lastEventId, recorded.event.endOffset);
        },
        {}, &loader);
    SessionReader reader;
    reader.setContinueCallback([&loader]() { return !loader.tooLarge(); });
    const SessionReader::Result result = reader.readFile(path, deriver);
    if (loader.tooLarge()) {
        return fail(
            tr("its response body is larger than %1 MiB, more than a replay holds in memory").arg(maxBytes >> 20));
    }
    if (!result.ok())
        return fail(result.error);
    if (loader.attempt() == 0)
        return fail(tr("no response with status 200 was recorded, so there is nothing to replay"));
    if (recording.m_contentType.isEmpty())
        recording.m_contentType = EventStreamType;

    // The parser reports where the dispatching blank line starts; the resume point is after its line break.
    const auto byteAt = [&recording](qint64 offset) -> char {
        const qsizetype index = recording.chunkAt(offset);
        if (index >= recording.m_chunks.size())
            return '\0';
        const Chunk &chunk = recording.m_chunks.at(index);
        return chunk.bytes.at(offset - chunk.offset);
    };
    for (auto it = eventEnds.cbegin(); it != eventEnds.cend(); ++it) {
        const qint64 end = it.value();
        const qint64 after = byteAt(end) == '\r' && byteAt(end + 1) == '\n' ? end + 2 : end + 1;
        recording.m_resumeOffsets.insert(it.key(), std::min(after, recording.m_bodyBytes));
    }
    return recording;
}

qint64 ReplayRecording::durationNs() const
{
    return m_chunks.isEmpty() ? 0 : std::max<qint64>(0, m_chunks.last().monotonicNs - m_responseNs);
}

qint64 ReplayRecording::resumeOffset(QByteArrayView lastEventId) const
{
    return m_resumeOffsets.value(lastEventId.toByteArray(), -1);
}

qsizetype ReplayRecording::chunkAt(qint64 offset) const
{
    if (offset < 0 || offset >= m_bodyBytes)
        return m_chunks.size();
    const auto after = std::upper_bound(m_chunks.cbegin(), m_chunks.cend(), offset,
                                        [](qint64 value, const Chunk &chunk) { return value < chunk.offset; });
    return qsizetype(after - m_chunks.cbegin()) - 1;
}

std::optional<ReplayRecording::Pace> ReplayRecording::Pace::parse(const QString &text)
{
    if (text == u"step")
        return step();
    bool ok = false;
    const double speed = text.toDouble(&ok);
    if (!ok || !std::isfinite(speed) || speed < 0)
        return std::nullopt;
    return Pace{speed, false};
}

ReplayRecording::Cursor::Cursor(std::shared_ptr<const ReplayRecording> recording, qint64 from)
    : m_recording(std::move(recording))
{
    m_next = m_recording->chunkAt(from);
    if (m_next < m_recording->m_chunks.size())
        m_skip = from - m_recording->m_chunks.at(m_next).offset;
}

qint64 ReplayRecording::Cursor::writeNext(MockStream &stream)
{
    if (atEnd())
        return 0;
    const QByteArrayView bytes = QByteArrayView(m_recording->m_chunks.at(m_next).bytes).sliced(m_skip);
    stream.write(bytes);
    ++m_next;
    m_skip = 0;
    return bytes.size();
}

void ReplayRecording::writeHead(MockStream &stream, const MockStream::Headers &extraHeaders) const
{
    MockStream::Headers headers{
        {"Content-Type", m_contentType}, {"Cache-Control", "no-cache"}, {"X-Accel-Buffering", "no"}};
    headers += extraHeaders;
    stream.writeHead(200, headers, MockStream::Framing::Chunked);
}

void ReplayRecording::serve(const std::shared_ptr<const ReplayRecording> &recording, MockStream &stream, double speed,
                            qint64 from, const MockStream::Headers &extraHeaders)
{
    recording->writeHead(stream, extraHeaders);
    // The lambdas live in the stream's own timers and pump, so the stream outlives them.
    const auto cursor = std::make_shared<Cursor>(recording, from);
    if (cursor->atEnd()) {
        stream.finish();
        return;
    }

    if (speed <= 0) {
        stream.pump([cursor, &stream]() {
            if (cursor->atEnd()) {
                stream.finish();
                return false;
            }
            cursor->writeNext(stream);
            return true;
        });
        return;
    }

    // A read resumed in its middle goes at once; otherwise the pause before it is the recorded one.
    const QList<Chunk> &chunks = recording->m_chunks;
    const qsizetype first = cursor->index();
    qint64 baseNs = chunks.at(first).monotonicNs;
    if (from == chunks.at(first).offset)
        baseNs = first > 0 ? chunks.at(first - 1).monotonicNs : std::min(recording->m_responseNs, baseNs);
    QElapsedTimer clock;
    clock.start();
    // Each read is due at its recorded time from the start, so timer lateness does not add up.
    stream.repeat(0, [recording, cursor, baseNs, speed, clock, &stream]() {
        const auto dueNs = [&]() {
            return double(recording->m_chunks.at(cursor->index()).monotonicNs - baseNs) / speed;
        };
        while (!cursor->atEnd() && dueNs() <= double(clock.nsecsElapsed()))
            cursor->writeNext(stream);
        if (cursor->atEnd()) {
            stream.finish();
            return -1;
        }
        const double waitMs = std::ceil((dueNs() - double(clock.nsecsElapsed())) / 1e6);
        return int(std::clamp(waitMs, 0.0, double(std::numeric_limits<int>::max())));
    });
}
