// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockstream.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

/**
 * A recorded response loaded for replay: the body of the first attempt that got a 200, kept as the reads it
 * arrived in, with their times, and where each event id's event ends so that a reconnecting client can resume.
 */
class ReplayRecording final
{
    Q_DECLARE_TR_FUNCTIONS(ReplayRecording)

public:
    struct Chunk
    {
        QByteArray bytes;
        qint64 offset = 0; // in the replayed body
        qint64 monotonicNs = 0; // since the recording started
    };

    /** How a replay is paced: the recorded pauses divided by a speed factor (0: no pauses), or stepped: each
     *  recorded read held until a step releases it. */
    struct Pace
    {
        double speed = 1.0;
        bool stepped = false;

        static Pace step() { return {1.0, true}; }
        /** "step", or a factor such as 0.5, 1 or 10 (finite, not negative); nothing for anything else. */
        static std::optional<Pace> parse(const QString &text);
    };

    /** Where one replayed response stands: the next recorded read to write, the first one only from the point
     *  a resume starts inside it. */
    class Cursor final
    {
    public:
        Cursor(std::shared_ptr<const ReplayRecording> recording, qint64 from);

        bool atEnd() const { return m_next >= m_recording->m_chunks.size(); }
        /** The index of the next read in chunks(). */
        qsizetype index() const { return m_next; }
        /** Recorded reads not written yet, a partly sent one included. */
        qsizetype remaining() const { return m_recording->m_chunks.size() - m_next; }
        /** Writes the next read to stream as one write and moves past it; returns its size in bytes. */
        qint64 writeNext(MockStream &stream);

    private:
        std::shared_ptr<const ReplayRecording> m_recording;
        qsizetype m_next = 0;
        qint64 m_skip = 0; // the start of the next read that a resume skips: the client saw it before
    };

    /** How much body a recording may hold to be replayed (it is kept in memory). */
    static constexpr qint64 DefaultMaxBytes = qint64(512) << 20;

    /** Reads a session file; nothing, with *error naming the problem and its line, when it cannot be replayed. */
    static std::optional<ReplayRecording> load(const QString &path, QString *error, qint64 maxBytes = DefaultMaxBytes);

    /** Writes the response head: status 200, the recorded Content-Type, no caching, then extraHeaders; the body
     *  is chunked, one chunk per recorded read. */
    void writeHead(MockStream &stream, const MockStream::Headers &extraHeaders = {}) const;
    /** Writes the recording to stream from the body offset `from` (0 for all), in its recorded reads and
     *  timing divided by speed (0: as fast as the client reads), then ends the response. */
    static void serve(const std::shared_ptr<const ReplayRecording> &recording, MockStream &stream, double speed,
                      qint64 from = 0, const MockStream::Headers &extraHeaders = {});

    QString fileName() const { return m_fileName; }
    const QList<Chunk> &chunks() const { return m_chunks; }
    /** The recorded response's Content-Type, or text/event-stream when it had none. */
    QByteArray contentType() const { return m_contentType; }
    /** The method the recorded request used (POST for an LLM chat), or GET when no request was recorded. The
     *  replay answers it besides GET, so the app under test can send the request it always sends. */
    QByteArray method() const { return m_method; }
    /** The events in the replayed body. */
    qint64 events() const { return m_events; }
    qint64 bodyBytes() const { return m_bodyBytes; }
    /** From the response head to the last read. */
    qint64 durationNs() const;
    /** The body offset right after the first event whose id is lastEventId (its blank line included), or -1
     *  when no event has that id. */
    qint64 resumeOffset(QByteArrayView lastEventId) const;
    /** The index of the chunk holding body offset `offset`, or chunks().size() at or past the end. */
    qsizetype chunkAt(qint64 offset) const;

private:
    class Loader;

    QString m_fileName;
    QList<Chunk> m_chunks;
    QByteArray m_contentType;
    QByteArray m_method = "GET";
    QHash<QByteArray, qint64> m_resumeOffsets;
    qint64 m_responseNs = 0;
    qint64 m_events = 0;
    qint64 m_bodyBytes = 0;
};
