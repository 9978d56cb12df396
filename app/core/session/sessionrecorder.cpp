// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionrecorder.h"

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
    if (!m_recording)
        return;
    m_connections << connect(m_client, &SseClient::stateChanged, this,
                             [this](const StreamStateChange &change) { check(m_writer->writeState(change)); });
    m_connections << connect(m_client, &SseClient::responseReceived, this,
                             [this](const StreamResponse &response) { check(m_writer->writeResponse(response)); });
    m_connections << connect(m_client, &SseClient::chunkReceived, this,
                             [this](const StreamChunk &chunk) { check(m_writer->writeChunk(chunk)); });
}

SessionRecorder::~SessionRecorder()
{
    stop();
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
