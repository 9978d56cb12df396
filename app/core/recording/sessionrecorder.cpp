// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionrecorder.h"

#include "livesession.h"
#include "net/sseclient.h"
#include "sessionwriter.h"

SessionRecorder::SessionRecorder(SseClient *client, std::unique_ptr<SessionWriter> writer, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_writer(std::move(writer))
{
    if (!m_client || !m_writer || !m_writer->isOpen())
        return;
    m_recording = true;
    check(m_writer->writeRequest(m_client->request()));
    for (const StreamStateChange &change : m_client->timeline()) {
        if (m_recording)
            check(m_writer->writeState(change));
    }
    follow();
}

SessionRecorder::SessionRecorder(LiveSession *session, std::unique_ptr<SessionWriter> writer, QObject *parent)
    : QObject(parent)
    , m_client(session ? session->client() : nullptr)
    , m_writer(std::move(writer))
{
    if (!m_client || !m_writer || !m_writer->isOpen())
        return;
    m_recording = true;
    writeSession(*session);
    follow();
}

SessionRecorder::~SessionRecorder()
{
    stop();
}

void SessionRecorder::writeSession(const LiveSession &session)
{
    const int attempt = m_client->attempt();
    const bool whole = session.bodyBytes() == 0 && attempt <= 1;
    const bool running = session.isAttemptRunning();
    const qint64 now = session.clock()->monotonicNs();
    const qint64 nowWall = session.clock()->wallMs();
    QList<StreamStateChange> states;
    std::optional<SessionJoin> joined;
    if (whole) {
        states = session.states();
        check(m_writer->writeRequest(session.request(), session.startNs(), session.startWallMs()));
    } else {
        // What happened before the recording started is its state at time 0: the running attempt's states (or
        // the latest state between attempts) and response head; its earlier attempts are left out.
        if (running) {
            for (const StreamStateChange &change : session.states()) {
                if (change.attempt == attempt)
                    states << change;
            }
        } else if (!session.states().isEmpty()) {
            states << session.states().constLast();
        }
        for (StreamStateChange &change : states) {
            change.monotonicNs = now;
            change.wallMs = nowWall;
        }
        m_joinedAttempt = running ? attempt : 0;
        m_joinedOffset = running ? m_client->pendingEventOffset() : 0;
        joined = SessionJoin{attempt, now - session.startNs(), m_joinedOffset};
        check(m_writer->writeRequest(session.request(), now, nowWall, joined));
    }
    // In the order the client reported them: the attempt's connecting states, its response head, the others.
    for (const StreamStateChange &change : std::as_const(states)) {
        if (m_recording && change.state == StreamState::Connecting)
            check(m_writer->writeState(change));
    }
    if (const StreamResponse *head = whole || running ? session.response(attempt) : nullptr; head && m_recording) {
        StreamResponse response = *head;
        if (joined)
            response.monotonicNs = now;
        check(m_writer->writeResponse(response));
    }
    for (const StreamStateChange &change : std::as_const(states)) {
        if (m_recording && change.state != StreamState::Connecting)
            check(m_writer->writeState(change));
    }
    if (!joined)
        return;
    for (StreamChunk chunk : session.pendingChunks()) {
        chunk.offset -= m_joinedOffset;
        chunk.monotonicNs = now;
        chunk.wallMs = nowWall;
        if (m_recording)
            check(m_writer->writeChunk(chunk));
    }
}

void SessionRecorder::follow()
{
    if (!m_recording)
        return;
    m_connections << connect(m_client, &SseClient::stateChanged, this,
                             [this](const StreamStateChange &change) { check(m_writer->writeState(change)); });
    m_connections << connect(m_client, &SseClient::responseReceived, this,
                             [this](const StreamResponse &response) { check(m_writer->writeResponse(response)); });
    m_connections << connect(m_client, &SseClient::chunkReceived, this, [this](StreamChunk chunk) {
        if (chunk.attempt == m_joinedAttempt)
            chunk.offset -= m_joinedOffset;
        check(m_writer->writeChunk(chunk));
    });
}

void SessionRecorder::stop()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_recording = false;
    if (m_writer)
        m_writer->close();
}

void SessionRecorder::check(bool written)
{
    if (written || !m_recording)
        return;
    const QString message = m_writer->errorString();
    stop();
    Q_EMIT errorOccurred(message);
}
