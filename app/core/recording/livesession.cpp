// SPDX-License-Identifier: GPL-3.0-or-later
#include "livesession.h"

#include "export/sessionexport.h"
#include "net/sseclient.h"
#include "sessionformat.h"

using namespace Qt::Literals::StringLiterals;

LiveSession::LiveSession(SseClient *client, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
    , m_startNs(clock->monotonicNs())
    , m_startWallMs(clock->wallMs())
{
    if (!client)
        return;
    m_request = client->request();
    for (const StreamStateChange &change : client->timeline())
        addState(change);
    connect(client, &SseClient::stateChanged, this, &LiveSession::addState);
    connect(client, &SseClient::responseReceived, this, [this](const StreamResponse &response) {
        m_responses.append(response);
        m_responseWallMs.append(m_clock->wallMs());
    });
    connect(client, &SseClient::chunkReceived, this, &LiveSession::addChunk);
}

LiveSession::~LiveSession() = default;

const StreamResponse *LiveSession::response(int attempt) const
{
    for (auto it = m_responses.crbegin(); it != m_responses.crend(); ++it) {
        if (it->attempt == attempt)
            return &*it;
    }
    return nullptr;
}

bool LiveSession::isAttemptRunning() const
{
    if (!m_client)
        return false;
    const StreamState state = m_client->state();
    return state == StreamState::Connecting || state == StreamState::Open;
}

void LiveSession::addState(const StreamStateChange &change)
{
    if (change.state == StreamState::Idle)
        return;
    m_states.append(change);
    // A new attempt is a new body, and an ended one holds nothing pending.
    if (change.state != StreamState::Open)
        m_pending.clear();
}

void LiveSession::addChunk(const StreamChunk &chunk)
{
    m_bodyBytes += chunk.bytes.size();
    if (!m_pending.isEmpty() && m_pending.constFirst().attempt != chunk.attempt)
        m_pending.clear();
    // The client parses a read after reporting it: what it holds pending now began within the reads before.
    const qint64 pendingFrom = m_client ? m_client->pendingEventOffset() : chunk.offset;
    while (!m_pending.isEmpty() && m_pending.constFirst().offset + m_pending.constFirst().bytes.size() <= pendingFrom)
        m_pending.removeFirst();
    m_pending.append(chunk);
}

QList<StreamChunk> LiveSession::pendingChunks() const
{
    QList<StreamChunk> chunks;
    if (!m_client || m_client->state() != StreamState::Open)
        return chunks;
    const qint64 from = m_client->pendingEventOffset();
    for (StreamChunk chunk : m_pending) {
        const qint64 end = chunk.offset + chunk.bytes.size();
        if (chunk.attempt != m_client->attempt() || end <= from)
            continue;
        if (chunk.offset < from) {
            chunk.bytes = chunk.bytes.sliced(from - chunk.offset);
            chunk.offset = from;
        }
        chunks.append(chunk);
    }
    return chunks;
}

Recording LiveSession::toRecording() const
{
    Recording recording;
    recording.header.version = SessionFormat::Version;
    RecordedRequest request;
    request.request = m_request;
    request.wallMs = m_startWallMs;
    request.redacted = SessionFormat::redactRequest(request.request.headers, request.request.url);
    recording.request = request;
    for (StreamResponse response : m_responses) {
        response.monotonicNs -= m_startNs;
        SessionFormat::redactHeaders(response.headers);
        recording.responses.append(response);
    }
    recording.responseWallMs = m_responseWallMs;
    for (StreamStateChange change : m_states) {
        change.monotonicNs -= m_startNs;
        recording.states.append(change);
    }
    return recording;
}
