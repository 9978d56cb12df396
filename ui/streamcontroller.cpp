// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamcontroller.h"

#include "eventspage.h"
#include "export/sessionexport.h"
#include "llm/llmview.h"
#include "models/eventlistmodel.h"
#include "net/sseclient.h"
#include "recording/livesession.h"
#include "sessionviews.h"
#include "stats/statisticspane.h"

StreamController::StreamController(SessionViews *views, QObject *parent)
    : QObject(parent)
    , m_views(views)
{
}

StreamController::~StreamController() = default;

void StreamController::start(const StreamRequest &request)
{
    m_client = std::make_unique<SseClient>(request);
    SseClient *client = m_client.get();
    Clock *clock = Clock::system();
    EventListModel *model = m_views->model();
    StatisticsPane *stats = m_views->stats();
    LlmView *llm = m_views->llm();
    stats->reset();
    llm->reset(clock->monotonicNs());
    m_session = std::make_unique<LiveSession>(client, clock);
    m_firstSequence = model->log().firstSequence() + model->log().size();
    connect(client, &SseClient::stateChanged, this, [this, model, stats](const StreamStateChange &change) {
        if (change.state != StreamState::Idle) {
            model->appendState(change);
            stats->addState(change);
        }
        Q_EMIT stateChanged(change);
    });
    connect(client, &SseClient::responseReceived, this, [this, stats](const StreamResponse &response) {
        stats->addResponse(response);
        Q_EMIT responseReceived(response);
    });
    connect(client, &SseClient::eventReceived, this, [this, model, stats, llm, client, clock](const SseEvent &event) {
        const qint64 now = clock->monotonicNs();
        ++m_events;
        model->appendEvent(event, client->attempt(), now, clock->wallMs());
        stats->addEvent(event, now);
        llm->addEvent(event, now);
    });
    connect(client, &SseClient::commentReceived, this,
            [model, stats, client, clock](const QByteArray &text, qint64 offset) {
                const qint64 now = clock->monotonicNs();
                model->appendComment(text, client->attempt(), now, clock->wallMs(), offset);
                stats->addComment(text, now);
            });
    connect(client, &SseClient::chunkReceived, this, [this, model, stats](const StreamChunk &chunk) {
        m_bodyBytes += chunk.bytes.size();
        model->appendChunk(chunk);
        stats->addChunk(chunk);
    });
    const auto addDiagnostic = [this, model, stats, client, clock](const SseDiagnostic &diagnostic) {
        ++m_diagnostics;
        model->appendDiagnostic(diagnostic, client->attempt(), clock->monotonicNs(), clock->wallMs());
        stats->addDiagnostic(diagnostic);
    };
    connect(client, &SseClient::diagnosticReported, this, addDiagnostic);
    // A limit the stream went over is shown as a diagnostic row too, with the limit, whatever the policy.
    connect(client, &SseClient::parseErrorOccurred, this,
            [addDiagnostic](const SseParseError &error) { addDiagnostic(SseDiagnostic::fromParseError(error)); });
    Q_EMIT sessionStarting(m_session.get());
    client->start();
}

void StreamController::close()
{
    if (m_client)
        m_client->close();
}

void StreamController::reset()
{
    close();
    m_session.reset();
    m_client.reset();
    m_events = 0;
    m_diagnostics = 0;
    m_bodyBytes = 0;
}

bool StreamController::isRunning() const
{
    return m_client && !isFinalState(m_client->state());
}

StreamState StreamController::state() const
{
    return m_client ? m_client->state() : StreamState::Idle;
}

Recording StreamController::recording(QString *note) const
{
    if (!m_session) {
        Recording recording;
        recording.header.version = SessionFormat::Version;
        return recording;
    }
    Recording recording = m_session->toRecording();
    const qint64 start = m_session->startNs();
    const StreamLog &log = m_views->model()->log();
    for (qsizetype row = 0; row < log.size(); ++row) {
        const StreamLog::Entry entry = log.at(row);
        // Rows of earlier sessions stay in the tab, but are not this session's.
        if (entry.kind != StreamLog::Kind::Chunk || entry.sequence < m_firstSequence)
            continue;
        StreamChunk chunk;
        chunk.attempt = entry.attempt;
        chunk.bytes = entry.data.toByteArray();
        chunk.offset = entry.streamOffset;
        chunk.monotonicNs = entry.monotonicNs - start;
        chunk.wallMs = entry.wallMs;
        recording.chunks.append(chunk);
    }
    if (note) {
        note->clear();
        const qint64 dropped = log.firstSequence() - m_firstSequence;
        if (dropped > 0)
            *note = tr("The oldest %n row(s) of this session were no longer in the tab (the retention limit or "
                       "Clear removed them), so the export starts after them. Record the tab (Ctrl+R) to keep a "
                       "whole session.",
                       nullptr, int(qMin<qint64>(dropped, INT_MAX)));
    }
    return recording;
}
