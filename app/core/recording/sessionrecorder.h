// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <memory>

class LiveSession;
class SessionWriter;
class SseClient;

/**
 * Records a client's session into a writer as it happens: the request at once (with the states the client
 * already went through), then every response, chunk and state change. A failed write stops the recording and
 * is reported; the stream goes on.
 */
class SessionRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionRecorder)

public:
    /** writer must be open; the recorder owns it from now on. */
    SessionRecorder(SseClient *client, std::unique_ptr<SessionWriter> writer, QObject *parent = nullptr);
    /**
     * Records a live session, from its start when nothing of it was missed yet (no body byte, one attempt), or
     * else from now: the recording's clock starts now, and it begins with the request, the running attempt's
     * states and response head and the bytes of the event being received, all at time 0, its body offsets
     * counted from there, so it replays and exports like any other. Start it between reads.
     */
    SessionRecorder(LiveSession *session, std::unique_ptr<SessionWriter> writer, QObject *parent = nullptr);
    ~SessionRecorder() override;

    bool isRecording() const { return m_recording; }
    /** Stops recording and closes the file. */
    void stop();
    const SessionWriter &writer() const { return *m_writer; }

Q_SIGNALS:
    /** A write failed (e.g. the disk is full); the recording has stopped. */
    void errorOccurred(const QString &message);

private:
    void writeSession(const LiveSession &session);
    void follow();
    void check(bool written);

    QPointer<SseClient> m_client;
    std::unique_ptr<SessionWriter> m_writer;
    QList<QMetaObject::Connection> m_connections;
    int m_joinedAttempt = 0; // the attempt whose body offsets are counted from m_joinedOffset
    qint64 m_joinedOffset = 0;
    bool m_recording = false;
};
