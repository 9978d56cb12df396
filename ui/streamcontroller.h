// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"

#include <QObject>

#include <memory>

class LiveSession;
class SessionViews;
class SseClient;
struct Recording;
struct StreamRequest;

/**
 * Runs a tab's live sessions: makes the client and its LiveSession for a request, feeds what the client reports
 * to the tab's views, counts what arrived, and turns the session the tab holds into a recording for export.
 */
class StreamController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamController)

public:
    /** views must outlive the controller. */
    explicit StreamController(SessionViews *views, QObject *parent = nullptr);
    ~StreamController() override;

    /** Starts a new session; sessionStarting() comes before its client connects. End the running one first. */
    void start(const StreamRequest &request);
    /** Ends the running session: no reconnect follows. */
    void close();
    /** Forgets the session and the counts, as the tab goes on to show something else. */
    void reset();

    bool isRunning() const;
    /** Idle when there is no session. */
    StreamState state() const;
    SseClient *client() const { return m_client.get(); }
    /** The running session, or the last one; null before the first and after reset(). */
    LiveSession *session() const { return m_session.get(); }
    /** Events and body bytes of the sessions since the last reset(). */
    qint64 events() const { return m_events; }
    qint64 diagnostics() const { return m_diagnostics; }
    qint64 bodyBytes() const { return m_bodyBytes; }

    /** The latest session as the tab holds it (request, responses, retained chunks and states), with times since
     *  it started and secrets redacted as a recording redacts them; *note says what it lacks when rows of the
     *  session were dropped. */
    Recording recording(QString *note = nullptr) const;

Q_SIGNALS:
    /** A session was made and is about to connect: what records it attaches now. */
    void sessionStarting(LiveSession *session);
    /** After the views have taken the change. */
    void stateChanged(const StreamStateChange &change);
    void responseReceived(const StreamResponse &response);

private:
    SessionViews *m_views;
    std::unique_ptr<SseClient> m_client;
    std::unique_ptr<LiveSession> m_session; // follows m_client
    qint64 m_firstSequence = 1; // of the session's first row in the log
    qint64 m_events = 0;
    qint64 m_diagnostics = 0;
    qint64 m_bodyBytes = 0;
};
