// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamtab.h"

#include "diagnostictext.h"
#include "eventspage.h"
#include "llm/llmview.h"
#include "models/eventlistmodel.h"
#include "pendingeditbar.h"
#include "recordingloader.h"
#include "rejectedbodyview.h"
#include "replaybar.h"
#include "request/requesteditor.h"
#include "session/replayplayer.h"
#include "session/sessionexport.h"
#include "session/sessionrecorder.h"
#include "session/sessionwriter.h"
#include "session/streamstats.h"
#include "statetext.h"
#include "stats/statisticspane.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int TickMs = 100;

QString byteText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

StreamTab::StreamTab(QWidget *parent)
    : QWidget(parent)
    , m_request(new RequestEditor(this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_state(new QLabel(this))
    , m_response(new QLabel(this))
    , m_rejectedBody(new RejectedBodyView(this))
    , m_pendingEdit(new PendingEditBar(this))
    , m_views(new QTabWidget(this))
    , m_events(new EventsPage(this))
    , m_stats(new StatisticsPane(this))
    , m_llm(new LlmView(this))
    , m_ticker(new QTimer(this))
    , m_record(new QToolButton(this))
    , m_recordStatus(new QLabel(this))
    , m_replayBar(new ReplayBar(this))
{
    m_record->setObjectName(u"recordButton"_s);
    m_record->setText(tr("Record"));
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Record this session to a file: the request, responses, raw chunks with their times "
                            "and state changes (Ctrl+R). Secrets in headers are redacted."));
    m_recordStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connect->setDefault(true);
    m_connect->setToolTip(tr("Connect to the stream, or end the running session (Ctrl+Return)"));
    m_connect->setMinimumWidth(m_connect->fontMetrics().horizontalAdvance(tr("Disconnect")) + 32);
    m_request->addTrailingWidget(m_connect);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setWordWrap(true);
    m_state->setToolTip(tr("The session's state and why it is in it"));
    m_response->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response->setToolTip(tr("The last response's status line; its headers are in the tooltip and under "
                              "Statistics"));
    m_views->setDocumentMode(true);
    m_views->addTab(m_events, tr("Events"));
    m_views->addTab(m_stats, tr("Statistics"));
    m_views->addTab(m_llm, tr("LLM Reply"));
    m_views->setTabToolTip(0, tr("Every event, comment, state change and raw chunk, with filters and details"));
    m_views->setTabToolTip(1, tr("Connection attempts, rates over time, inter-arrival times"));
    m_views->setTabToolTip(2, tr("The reply of an LLM chat stream, assembled from its deltas"));

    auto stateRow = new QHBoxLayout;
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_recordStatus);
    stateRow->addWidget(m_record);
    stateRow->addWidget(m_response);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->addWidget(m_request);
    layout->addLayout(stateRow);
    layout->addWidget(m_rejectedBody);
    layout->addWidget(m_pendingEdit);
    layout->addWidget(m_replayBar);
    m_replayBar->hide();
    m_replayBar->setEventCounter([this]() { return m_replayLoader ? m_replayLoader->events() : m_eventCount; });
    connect(m_replayBar, &ReplayBar::restartRequested, this, [this](bool paused) {
        if (m_openedRecording.isEmpty())
            return;
        QString error;
        if (!replayRecording(m_openedRecording, paused, &error))
            QMessageBox::warning(this, tr("Cannot replay the recording"), error);
    });
    layout->addWidget(m_views, 1);

    m_ticker->setInterval(TickMs);
    connect(m_ticker, &QTimer::timeout, this, &StreamTab::updateCountdown);
    m_ticker->start();
    connect(m_connect, &QPushButton::clicked, this, [this]() {
        if (isRunning())
            disconnectStream();
        else
            connectStream();
    });
    connect(m_request, &RequestEditor::submitted, this, &StreamTab::connectStream);
    connect(m_record, &QToolButton::clicked, this, [this](bool checked) {
        if (checked)
            chooseRecordingFile();
        else
            stopRecording();
    });
    connect(m_request, &RequestEditor::requestEdited, this, [this]() {
        // A session runs with the request it was started with; an edit waits for the next connection.
        m_pendingEdit->setVisible(isRunning());
        Q_EMIT titleChanged(title());
    });
    connect(m_pendingEdit, &PendingEditBar::reconnectRequested, this, &StreamTab::connectStream);
    showState(StreamStateChange{});
}

StreamTab::~StreamTab() = default;

EventListModel *StreamTab::model() const
{
    return m_events->model();
}

void StreamTab::open(const QUrl &url, const QByteArray &method)
{
    StreamRequest request = m_request->request();
    request.url = url;
    request.method = method;
    open(request);
}

void StreamTab::open(const StreamRequest &request)
{
    m_request->setRequest(request);
    m_request->setDetailsVisible(false); // the stream is what the user opened it for
    connectStream();
}

bool StreamTab::isRunning() const
{
    return m_client && !isFinalState(m_client->state());
}

bool StreamTab::connectStream()
{
    QString error;
    if (!m_request->validate(&error)) {
        QMessageBox::warning(this, tr("The request cannot be sent"), error);
        return false;
    }
    // A running session ends in the rows before the new one starts.
    disconnectStream();
    endReplay();
    m_pendingEdit->hide();
    m_request->rememberCurrent();
    m_client = std::make_unique<SseClient>(m_request->request());
    SseClient *client = m_client.get();
    Clock *clock = Clock::system();
    EventListModel *model = m_events->model();
    m_stats->reset();
    m_llm->reset(clock->monotonicNs());
    m_sentRequest = client->request();
    m_responses.clear();
    m_responseWalls.clear();
    m_states.clear();
    m_sessionStartNs = clock->monotonicNs();
    m_sessionStartWall = clock->wallMs();
    m_sessionFirstSequence = model->log().evicted() + model->log().size() + 1;
    connect(client, &SseClient::stateChanged, this, &StreamTab::showState);
    connect(client, &SseClient::responseReceived, this, &StreamTab::showResponse);
    connect(client, &SseClient::eventReceived, this, [this, model, client, clock](const SseEvent &event) {
        const qint64 now = clock->monotonicNs();
        ++m_eventCount;
        model->appendEvent(event, client->attempt(), now, clock->wallMs());
        m_stats->addEvent(event, now);
        m_llm->addEvent(event, now);
    });
    connect(client, &SseClient::commentReceived, this,
            [this, model, client, clock](const QByteArray &text, qint64 offset) {
                const qint64 now = clock->monotonicNs();
                model->appendComment(text, client->attempt(), now, clock->wallMs(), offset);
                m_stats->addComment(text, now);
            });
    connect(client, &SseClient::chunkReceived, this, [this, model](const StreamChunk &chunk) {
        m_byteCount += chunk.bytes.size();
        model->appendChunk(chunk);
        m_stats->addChunk(chunk);
    });
    const auto addDiagnostic = [this, model, client, clock](const SseDiagnostic &diagnostic) {
        ++m_diagnosticCount;
        model->appendDiagnostic(diagnostic, client->attempt(), clock->monotonicNs(), clock->wallMs());
        m_stats->addDiagnostic(diagnostic);
    };
    connect(client, &SseClient::diagnosticReported, this, addDiagnostic);
    // A limit the stream went over is shown as a diagnostic row too, with the limit, whatever the policy.
    connect(client, &SseClient::parseErrorOccurred, this,
            [addDiagnostic](const SseParseError &error) { addDiagnostic(SseDiagnostic::fromParseError(error)); });
    m_openedRecording.clear();
    m_replayBar->hide();
    if (!m_recordPath.isEmpty())
        attachRecorder();
    m_connect->setText(tr("Disconnect"));
    client->start();
    Q_EMIT titleChanged(title());
    return true;
}

void StreamTab::close()
{
    disconnectStream();
    endReplay();
    if (m_loading) {
        m_closeWhenLoaded = true;
        cancelLoading();
        return;
    }
    deleteLater();
}

void StreamTab::cancelLoading()
{
    if (m_loading)
        m_loading->cancel();
}

void StreamTab::disconnectStream()
{
    if (m_client)
        m_client->close();
}

void StreamTab::showState(const StreamStateChange &change)
{
    m_lastChange = change;
    if (isFinalState(change.state))
        m_pendingEdit->hide(); // the next connection takes the request as it is now
    m_rejectedBody->showChange(change);
    m_waitingSince.start();
    if (change.state != StreamState::Idle) {
        m_states.append(change);
        m_events->model()->appendState(change);
        m_stats->addState(change);
    }
    updateCountdown();
    if (isFinalState(change.state) || change.state == StreamState::Idle)
        m_connect->setText(tr("Connect"));
    // A recording is one session; it ends after the recorder has written this last state.
    if (isFinalState(change.state) && m_recorder)
        QMetaObject::invokeMethod(this, &StreamTab::stopRecording, Qt::QueuedConnection);
    Q_EMIT stateChanged(change.state);
}

void StreamTab::updateCountdown()
{
    if (m_player && m_replayLoader) {
        m_eventCount = m_replayLoader->events();
        m_diagnosticCount = m_replayLoader->diagnostics();
        m_byteCount = m_stats->stats().bodyBytes();
        if (m_request->request().url.isEmpty() && !m_replayLoader->request().request.url.isEmpty())
            m_request->setRequest(m_replayLoader->request().request);
        QString replayState;
        switch (m_player->state()) {
        case ReplayPlayer::State::Playing:
            replayState = m_replayBar->speed() > 0
                ? tr("replaying at %1×").arg(QLocale().toString(m_replayBar->speed()))
                : tr("replaying as fast as possible");
            break;
        case ReplayPlayer::State::Paused:
            replayState = tr("replay paused");
            break;
        case ReplayPlayer::State::Finished:
            replayState = tr("replayed");
            break;
        }
        const SessionReader::Result &result = m_player->result();
        showRecordingState(m_openedRecording, m_eventCount, m_replayLoader->lastState(),
                           result.ok() ? QString() : result.error, result.warnings, replayState);
        updateTotals();
        return;
    }
    if (!m_openedRecording.isEmpty()) {
        updateTotals(); // the state line describes the recording
        return;
    }
    const StreamStateChange &change = m_lastChange;
    QString text = u"<span style=\"color:%1\">&#9679;</span> <b>%2</b>"_s.arg(
        StateText::colour(change.state), StateText::title(change.state).toHtmlEscaped());
    if (change.state == StreamState::WaitingToReconnect && change.delayMs >= 0) {
        const qint64 left = qMax<qint64>(0, change.delayMs - m_waitingSince.elapsed());
        text += u" &mdash; "_s + tr("attempt %1 in %2 s").arg(change.attempt + 1).arg(double(left) / 1000.0, 0, 'f', 1);
    } else if (change.attempt > 1) {
        text += u" &mdash; "_s + tr("attempt %1").arg(change.attempt);
    }
    // While waiting, the live countdown above says what follows.
    const QString reason
        = change.followUp == StreamFollowUp::Reconnect ? StateText::cause(change) : StateText::sentence(change);
    if (!reason.isEmpty())
        text += u" &mdash; "_s + reason.toHtmlEscaped();
    const QString hint = StateText::advice(change);
    if (!hint.isEmpty())
        text += u"<br><i>%1</i>"_s.arg(hint.toHtmlEscaped());
    if (text != m_state->text())
        m_state->setText(text);
    updateTotals();
}

void StreamTab::showResponse(const StreamResponse &response)
{
    QString line = u"HTTP %1 %2"_s.arg(response.status).arg(QString::fromLatin1(response.reasonPhrase));
    QStringList headers;
    for (const auto &[name, value] : response.headers)
        headers << QString::fromLatin1(name) + u": "_s + QString::fromLatin1(value);
    m_response->setText(line.trimmed());
    m_response->setToolTip(headers.join(u'\n'));
    m_stats->addResponse(response);
    m_responses.append(response);
    m_responseWalls.append(Clock::system()->wallMs());
}

void StreamTab::updateTotals()
{
    if (m_recorder && m_recorder->isRecording())
        m_recordStatus->setText(tr("<span style=\"color:#d03b3b\">&#9679;</span> %1, %2")
                                    .arg(QFileInfo(m_recordPath).fileName().toHtmlEscaped(),
                                         byteText(m_recorder->writer().bytesWritten())));
    const QLocale locale;
    QString text = tr("%1 events · %2").arg(locale.toString(m_eventCount), byteText(m_byteCount));
    if (m_diagnosticCount > 0)
        text += u" · "_s + DiagnosticText::count(m_diagnosticCount);
    if (text != m_totals) {
        m_totals = text;
        Q_EMIT totalsChanged(text);
    }
}

QString StreamTab::totalsText() const
{
    return m_totals;
}

QString StreamTab::stateText() const
{
    return m_state->text();
}

StreamState StreamTab::state() const
{
    return m_client ? m_client->state() : StreamState::Idle;
}

QString StreamTab::title() const
{
    if (!m_openedRecording.isEmpty())
        return QFileInfo(m_openedRecording).fileName();
    const QUrl url = m_request->request().url;
    return url.path().isEmpty() || url.path() == u"/" ? url.host() : url.path().section(u'/', -1);
}

void StreamTab::chooseRecordingFile()
{
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(directory).filePath(u"%1-%2.sserec"_s.arg(
        title().isEmpty() ? u"stream"_s : title(), QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Record to"), suggested,
                                                      tr("SSE Scope recordings (*.sserec);;All files (*)"));
    QString error;
    if (path.isEmpty() || !startRecording(path, &error)) {
        m_record->setChecked(false);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Cannot record"), error);
    }
}

bool StreamTab::startRecording(const QString &path, QString *error)
{
    stopRecording();
    m_recordPath = path;
    if (isRunning()) {
        attachRecorder();
        if (!m_recorder) {
            if (error)
                *error = m_recordStatus->toolTip();
            return false;
        }
    } else {
        m_recordStatus->setText(tr("records the next session to %1").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    }
    m_record->setChecked(true);
    return true;
}

void StreamTab::attachRecorder()
{
    auto writer = std::make_unique<SessionWriter>();
    if (!writer->open(m_recordPath)) {
        const QString error = tr("Cannot write the recording %1: %2. Choose another place.")
                                  .arg(QDir::toNativeSeparators(m_recordPath), writer->errorString());
        m_recordStatus->setText(tr("not recording"));
        m_recordStatus->setToolTip(error);
        m_recordPath.clear();
        m_record->setChecked(false);
        return;
    }
    m_recorder = std::make_unique<SessionRecorder>(m_client.get(), std::move(writer));
    connect(m_recorder.get(), &SessionRecorder::errorOccurred, this, [this](const QString &message) {
        m_recordStatus->setText(tr("recording stopped"));
        m_recordStatus->setToolTip(message);
        m_record->setChecked(false);
        QMessageBox::warning(this, tr("The recording stopped"),
                             tr("%1\n\nThe stream goes on; what was recorded so far is kept.").arg(message));
    });
    m_recordStatus->setToolTip(QDir::toNativeSeparators(m_recordPath));
    updateTotals();
}

void StreamTab::stopRecording()
{
    if (m_recorder) {
        m_recorder->stop();
        m_recordStatus->setText(tr("recorded %1 (%2)")
                                    .arg(QFileInfo(m_recordPath).fileName().toHtmlEscaped(),
                                         byteText(m_recorder->writer().bytesWritten())));
        m_recorder.reset();
    } else if (!m_recordPath.isEmpty()) {
        m_recordStatus->clear();
    }
    m_recordPath.clear();
    m_record->setChecked(false);
}

bool StreamTab::isRecording() const
{
    return m_recorder && m_recorder->isRecording();
}

void StreamTab::resetViews()
{
    disconnectStream();
    stopRecording();
    m_client.reset();
    endReplay();
    m_events->clear();
    m_stats->reset();
    m_eventCount = 0;
    m_diagnosticCount = 0;
    m_byteCount = 0;
}

void StreamTab::endReplay()
{
    m_replayBar->setPlayer(nullptr);
    m_player.reset();
    m_replayLoader.reset();
}

void StreamTab::showRecordingState(const QString &path, qint64 events, const StreamStateChange &lastState,
                                   const QString &error, const QStringList &warnings, const QString &replayState)
{
    QString text = u"<span style=\"color:#3b7dd0\">&#9632;</span> <b>%1</b> &mdash; %2"_s.arg(
        (replayState.isEmpty() ? tr("recording") : replayState).toHtmlEscaped(),
        QFileInfo(path).fileName().toHtmlEscaped());
    text += u" &mdash; "_s + tr("%n event(s)", nullptr, int(qMin<qint64>(events, INT_MAX)));
    if (m_diagnosticCount > 0)
        text += u", "_s + DiagnosticText::count(m_diagnosticCount).toHtmlEscaped();
    // A replay under way is at its last replayed state; a recording, or a replay at its end, ended in it.
    const bool ended = replayState.isEmpty() || (m_player && m_player->state() == ReplayPlayer::State::Finished);
    if (!lastState.reason.isEmpty())
        text += u" &mdash; "_s
            + (ended ? tr("ended %1: %2") : tr("%1: %2"))
                  .arg(StateText::title(lastState.state), StateText::sentence(lastState).toHtmlEscaped());
    if (!error.isEmpty())
        text += u"<br><i>%1</i>"_s.arg(error.toHtmlEscaped());
    for (const QString &warning : warnings)
        text += u"<br><i>%1</i>"_s.arg(warning.toHtmlEscaped());
    if (text != m_state->text())
        m_state->setText(text);
}

bool StreamTab::openRecording(const QString &path, QString *error)
{
    resetViews();
    m_stats->setRecorded(true); // its times are the recording's: they stop where it ends
    RecordingLoader loader(m_events->model(), m_stats, m_llm);
    m_loading = &loader;
    const SessionReader::Result result = loader.load(path, this);
    m_loading = nullptr;
    if (m_closeWhenLoaded) {
        // Closed while it loaded: nothing more is shown, and the tab goes now that nothing runs in it.
        deleteLater();
        if (error)
            *error = tr("Opening was cancelled.");
        return false;
    }
    m_openedRecording = path;
    m_request->setRequest(loader.request().request);
    m_request->setDetailsVisible(false);
    m_eventCount = loader.events();
    m_diagnosticCount = loader.diagnostics();
    m_byteCount = m_stats->stats().bodyBytes();
    m_events->model()->flush();
    m_llm->flush();
    m_stats->refresh();
    showRecordingState(path, loader.events(), loader.lastState(), result.ok() ? QString() : result.error,
                       result.warnings);
    m_replayBar->show();
    m_lastChange = StreamStateChange{};
    m_response->clear();
    updateTotals();
    Q_EMIT titleChanged(title());
    if (!result.ok() && error)
        *error = result.status == SessionReader::Status::Cancelled ? tr("Opening was cancelled.") : result.error;
    return result.ok();
}

bool StreamTab::replayRecording(const QString &path, bool paused, QString *error)
{
    // The file is opened before the tab is cleared, so a recording that has gone leaves the tab as it was.
    auto loader = std::make_unique<RecordingLoader>(m_events->model(), m_stats, m_llm);
    auto player = std::make_unique<ReplayPlayer>(loader->input());
    QString openError;
    if (!player->open(path, &openError)) {
        if (error)
            *error = openError;
        return false;
    }
    resetViews();
    m_stats->setRecorded(true);
    m_replayLoader = std::move(loader);
    m_player = std::move(player);
    connect(m_player.get(), &ReplayPlayer::stateChanged, this, [this](ReplayPlayer::State state) {
        if (state == ReplayPlayer::State::Finished) {
            m_replayLoader->endOfInput();
            m_events->model()->flush();
            m_llm->flush();
            m_stats->refresh();
        }
        updateCountdown();
    });
    m_openedRecording = path;
    m_request->setRequest(StreamRequest{});
    m_request->setDetailsVisible(false);
    m_lastChange = StreamStateChange{};
    m_response->clear();
    m_replayBar->setPlayer(m_player.get());
    m_replayBar->show();
    if (!paused)
        m_player->play();
    updateCountdown();
    Q_EMIT titleChanged(title());
    return true;
}

Recording StreamTab::liveSession(QString *note) const
{
    Recording recording;
    recording.header.version = SessionFormat::Version;
    if (!m_client)
        return recording;
    const qint64 start = m_sessionStartNs;
    // An export is shared more readily than a recording: its secrets go, as in a recording made by default.
    RecordedRequest request;
    request.request = m_sentRequest;
    request.wallMs = m_sessionStartWall;
    request.redacted = SessionFormat::redactHeaders(request.request.headers);
    if (!request.request.url.password().isEmpty()) {
        request.request.url.setPassword(u"redacted"_s);
        request.redacted << "url-password";
    }
    recording.request = request;
    for (StreamResponse response : m_responses) {
        response.monotonicNs -= start;
        SessionFormat::redactHeaders(response.headers);
        recording.responses.append(response);
    }
    recording.responseWallMs = m_responseWalls;
    for (StreamStateChange change : m_states) {
        change.monotonicNs -= start;
        recording.states.append(change);
    }
    const StreamLog &log = m_events->model()->log();
    for (qsizetype row = 0; row < log.size(); ++row) {
        const StreamLog::Entry entry = log.at(row);
        // Rows of earlier sessions stay in the tab, but are not this session's.
        if (entry.kind != StreamLog::Kind::Chunk || entry.sequence < m_sessionFirstSequence)
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
        const qint64 dropped = log.evicted() + 1 - m_sessionFirstSequence;
        if (dropped > 0)
            *note = tr("The oldest %n row(s) of this session were no longer in the tab (the retention limit or "
                       "Clear removed them), so the export starts after them. Record the tab (Ctrl+R) to keep a "
                       "whole session.",
                       nullptr, int(qMin<qint64>(dropped, INT_MAX)));
    }
    return recording;
}
