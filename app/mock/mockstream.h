// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockrequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>

class QTcpSocket;

/** One response being written by the producer: its head, its body over time, and how it ended. */
class MockStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockStream)

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    enum class Framing {
        Chunked, // Transfer-Encoding: chunked, one chunk per write; a cut stream is visibly cut
        CloseDelimited, // the body ends when the connection closes, as HTTP/1.0 servers do
    };
    enum class Ending {
        Finished, // the scenario ended its response
        Dropped, // a fault: the connection was reset mid-stream
        ClientLeft, // the client closed the connection
        ProducerStopped, // the producer was stopped with the stream open
    };
    Q_ENUM(Ending)

    MockStream(QTcpSocket *socket, MockRequest request, QString scenario, QObject *parent = nullptr);
    ~MockStream() override;

    const MockRequest &request() const { return m_request; }
    QString scenario() const { return m_scenario; }
    QString client() const;
    qint64 eventsSent() const { return m_events; }
    qint64 bodyBytesSent() const { return m_bodyBytes; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    bool isOpen() const { return !m_ended; }
    /** The status sent, or 0 before the head. */
    int status() const { return m_status; }
    /** 0 for the first connection of this request at its Last-Event-ID, 1 for the next in a row there, ... */
    quint32 attemptAtPosition() const { return m_attemptAtPosition; }
    void setAttemptAtPosition(quint32 attempt) { m_attemptAtPosition = attempt; }

    /** Writes the status line and headers; the body follows with write(). */
    void writeHead(int status, const Headers &headers, Framing framing);
    /** 200 with text/event-stream; charset=utf-8, Cache-Control: no-cache and X-Accel-Buffering: no. */
    void writeEventStreamHead(Framing framing, const Headers &extra = {});
    /** A whole response with a Content-Length body; the stream then finishes. */
    void respond(int status, QByteArrayView contentType, QByteArrayView body, const Headers &extra = {});
    /** Sends body bytes at once, as one write (one chunk when chunked). */
    void write(QByteArrayView bytes);
    /** Counts events for the connection log. */
    void countEvents(qint64 count = 1) { m_events += count; }

    /** Runs tick every interval ms until it returns false or the stream ends. */
    void every(int intervalMs, std::function<bool()> tick);
    /** Runs step after firstDelay ms, then again after each delay it returns, until it returns -1. */
    void repeat(int firstDelayMs, std::function<int()> step);
    /** Runs action once after delay ms, unless the stream has ended. */
    void after(int delayMs, std::function<void()> action);
    /** Calls fill while little is queued on the socket, until it returns false: for as-fast-as-possible. */
    void pump(std::function<bool()> fill);

    /** Ends the response cleanly (last chunk, then close once everything is sent). */
    void finish();
    /** Resets the connection mid-stream, as a crashing server or a dropped link does. */
    void drop();
    /** Ends the response because the producer stops. */
    void stop();

Q_SIGNALS:
    /** The stream is over; it deletes itself later. */
    void ended(MockStream *stream, MockStream::Ending ending);

private:
    void close(Ending ending);
    void end(Ending ending);
    void pumpMore();
    void writeRaw(QByteArrayView bytes);

    QPointer<QTcpSocket> m_socket;
    MockRequest m_request;
    QString m_scenario;
    QString m_client;
    QElapsedTimer m_clock;
    std::function<bool()> m_fill;
    Framing m_framing = Framing::CloseDelimited;
    int m_status = 0;
    quint32 m_attemptAtPosition = 0;
    qint64 m_events = 0;
    qint64 m_bodyBytes = 0;
    bool m_headWritten = false;
    bool m_ended = false;
};
