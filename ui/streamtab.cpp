// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamtab.h"

#include "diagnostictext.h"
#include "eventspage.h"
#include "export/sessionexport.h"
#include "inspect/eventcolumns.h"
#include "log/streamstats.h"
#include "pendingeditbar.h"
#include "recordcontrol.h"
#include "recording/livesession.h"
#include "recordingloader.h"
#include "recordingplayback.h"
#include "rejectedbodyview.h"
#include "replaybar.h"
#include "request/requesteditor.h"
#include "sessionviews.h"
#include "stateline.h"
#include "statetext.h"
#include "stats/statisticspane.h"
#include "streamcontroller.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
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
    , m_stateLine(new StateLine(this))
    , m_state(m_stateLine->stateLabel())
    , m_recording(m_stateLine->recordControl())
    , m_rejectedBody(new RejectedBodyView(this))
    , m_pendingEdit(new PendingEditBar(this))
    , m_replayBar(new ReplayBar(this))
    , m_views(new SessionViews(this))
    , m_events(m_views->events())
    , m_stats(m_views->stats())
    , m_llm(m_views->llm())
    , m_ticker(new QTimer(this))
    , m_live(new StreamController(m_views, this))
    , m_playback(new RecordingPlayback(m_views, this))
{
    m_connect->setDefault(true);
    m_connect->setToolTip(tr("Connect to the stream, or end the running session (Ctrl+Return)"));
    m_connect->setMinimumWidth(m_connect->fontMetrics().horizontalAdvance(tr("Disconnect")) + 32);
    m_request->addTrailingWidget(m_connect);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->addWidget(m_request);
    layout->addWidget(m_stateLine);
    layout->addWidget(m_rejectedBody);
    layout->addWidget(m_pendingEdit);
    layout->addWidget(m_replayBar);
    m_replayBar->hide();
    m_replayBar->setEventCounter(
        [this]() { return m_playback->player() ? m_playback->loader()->events() : m_eventCount; });
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
    connect(m_request, &RequestEditor::requestEdited, this, [this]() {
        // A session runs with the request it was started with; an edit waits for the next connection.
        m_pendingEdit->setVisible(isRunning());
        Q_EMIT titleChanged(title());
    });
    connect(m_pendingEdit, &PendingEditBar::reconnectRequested, this, &StreamTab::connectStream);
    connect(this, &StreamTab::titleChanged, m_recording, &RecordControl::setFileNameHint);
    connect(m_live, &StreamController::sessionStarting, m_recording, &RecordControl::setSession);
    connect(m_live, &StreamController::stateChanged, this, &StreamTab::showState);
    connect(m_live, &StreamController::responseReceived, m_stateLine, &StateLine::showResponse);
    connect(m_playback, &RecordingPlayback::replayStateChanged, this, &StreamTab::updateCountdown);
    connect(m_playback, &RecordingPlayback::loaded, this, &StreamTab::showLoadedRecording);
    showState(StreamStateChange{});
}

StreamTab::~StreamTab() = default;

EventListModel *StreamTab::model() const
{
    return m_views->model();
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
    return m_live->isRunning();
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
    m_playback->stopLoading();
    m_pendingEdit->hide();
    m_request->rememberCurrent();
    m_openedRecording.clear();
    m_replayBar->hide();
    m_connect->setText(tr("Disconnect"));
    m_events->columns()->setEndpoint(m_request->request().url);
    m_live->start(m_request->request());
    Q_EMIT titleChanged(title());
    return true;
}

void StreamTab::close()
{
    disconnectStream();
    endReplay();
    m_playback->stopLoading();
    deleteLater();
}

bool StreamTab::isLoading() const
{
    return m_playback->isLoading();
}

void StreamTab::cancelLoading()
{
    m_playback->cancelLoading();
}

void StreamTab::disconnectStream()
{
    m_live->close();
}

void StreamTab::showState(const StreamStateChange &change)
{
    m_lastChange = change;
    m_rejectedBody->showChange(change);
    if (isFinalState(change.state))
        m_pendingEdit->hide(); // the next connection takes the request as it is now
    m_waitingSince.start();
    updateCountdown();
    if (isFinalState(change.state) || change.state == StreamState::Idle)
        m_connect->setText(tr("Connect"));
    Q_EMIT stateChanged(change.state);
}

void StreamTab::updateCountdown()
{
    if (isLoading()) {
        const RecordingLoader *loader = m_playback->loader();
        m_eventCount = loader->events();
        m_byteCount = m_stats->stats().bodyBytes();
        showRecordingState(m_openedRecording, m_eventCount, loader->lastState(), QString(), {}, tr("opening"));
        updateTotals();
        return;
    }
    if (const ReplayPlayer *player = m_playback->player()) {
        const RecordingLoader *loader = m_playback->loader();
        m_eventCount = loader->events();
        m_byteCount = m_stats->stats().bodyBytes();
        if (m_request->request().url.isEmpty() && !loader->request().request.url.isEmpty())
            m_request->setRequest(loader->request().request);
        const QString replayState = StateText::replay(player->state(), m_replayBar->speed());
        const SessionReader::Result &result = player->result();
        showRecordingState(m_openedRecording, m_eventCount, loader->lastState(), result.ok() ? QString() : result.error,
                           result.warnings, replayState);
        updateTotals();
        return;
    }
    if (!m_openedRecording.isEmpty()) {
        updateTotals(); // the state line describes the recording
        return;
    }
    const QString text = StateText::live(m_lastChange, m_waitingSince.elapsed());
    if (text != m_state->text())
        m_state->setText(text);
    updateTotals();
}

void StreamTab::updateTotals()
{
    qint64 diagnostics = 0;
    if (m_openedRecording.isEmpty()) {
        m_eventCount = m_live->events();
        m_byteCount = m_live->bodyBytes();
        diagnostics = m_live->diagnostics();
    } else if (const RecordingLoader *loader = m_playback->loader()) {
        diagnostics = loader->diagnostics();
    }
    const QLocale locale;
    QString text = tr("%1 events · %2").arg(locale.toString(m_eventCount), byteText(m_byteCount));
    if (diagnostics > 0)
        text += u" · "_s + DiagnosticText::count(diagnostics);
    if (text != m_totals) {
        m_totals = text;
        Q_EMIT totalsChanged(text);
    }
}

QString StreamTab::totalsText() const
{
    return m_totals;
}

QString StreamTab::advice(const StreamStateChange &change)
{
    return StateText::advice(change);
}

QString StreamTab::stateText() const
{
    return m_state->text();
}

StreamState StreamTab::state() const
{
    return m_live->state();
}

QString StreamTab::title() const
{
    if (!m_openedRecording.isEmpty())
        return QFileInfo(m_openedRecording).fileName();
    const QUrl url = m_request->request().url;
    return url.path().isEmpty() || url.path() == u"/" ? url.host() : url.path().section(u'/', -1);
}

bool StreamTab::startRecording(const QString &path, QString *error)
{
    return m_recording->startRecording(path, error);
}

void StreamTab::stopRecording()
{
    m_recording->stopRecording();
}

bool StreamTab::isRecording() const
{
    return m_recording->isRecording();
}

QTabWidget *StreamTab::views() const
{
    return m_views;
}

LiveSession *StreamTab::session() const
{
    return m_live->session();
}

ReplayPlayer *StreamTab::replayPlayer() const
{
    return m_playback->player();
}

void StreamTab::resetViews()
{
    m_live->reset(); // a recording of the session records its end, then stops
    m_recording->setSession(nullptr);
    endReplay();
    m_playback->stopLoading();
    m_views->clear();
    m_eventCount = 0;
    m_byteCount = 0;
}

void StreamTab::endReplay()
{
    m_replayBar->setPlayer(nullptr);
    m_playback->endReplay();
}

void StreamTab::showRecordingState(const QString &path, qint64 events, const StreamStateChange &lastState,
                                   const QString &error, const QStringList &warnings, const QString &replayState)
{
    // A replay under way is at its last replayed state; a recording, or a replay at its end, ended in it.
    const bool ended = replayState.isEmpty()
        || (m_playback->player() && m_playback->player()->state() == ReplayPlayer::State::Finished);
    const RecordingLoader *loader = m_playback->loader();
    const qint64 diagnostics = loader ? loader->diagnostics() : 0;
    const QString text
        = StateText::recording(path, events, diagnostics, lastState, error, warnings, replayState, ended);
    if (text != m_state->text())
        m_state->setText(text);
}

bool StreamTab::openRecording(const QString &path, QString *error)
{
    resetViews();
    m_openedRecording = path;
    m_loadError.clear();
    m_loadStatus = SessionReader::Status::Ok;
    m_request->setRequest(StreamRequest{});
    m_request->setDetailsVisible(false);
    m_lastChange = StreamStateChange{};
    m_stateLine->clearResponse();
    m_replayBar->hide();
    Q_EMIT titleChanged(title());
    m_playback->open(path, this);
    if (isLoading())
        updateCountdown();
    if (error)
        *error = m_loadError;
    return m_loadError.isEmpty();
}

void StreamTab::showLoadedRecording(const SessionReader::Result &result)
{
    const RecordingLoader &loader = *m_playback->loader();
    m_loadStatus = result.status;
    if (result.status == SessionReader::Status::Cancelled)
        m_loadError = tr("Opening was cancelled.");
    else if (!result.ok())
        m_loadError = result.error;
    m_request->setRequest(loader.request().request);
    m_request->setDetailsVisible(false);
    m_eventCount = loader.events();
    m_byteCount = m_stats->stats().bodyBytes();
    m_views->flush();
    showRecordingState(m_openedRecording, m_eventCount, loader.lastState(), m_loadError, result.warnings);
    m_replayBar->show();
    updateTotals();
    Q_EMIT loadingFinished(result.ok());
}

bool StreamTab::replayRecording(const QString &path, bool paused, QString *error)
{
    // The file is opened before the tab is cleared, so a recording that has gone leaves the tab as it was.
    if (!m_playback->prepareReplay(path, error))
        return false;
    resetViews();
    ReplayPlayer *player = m_playback->startReplay();
    m_openedRecording = path;
    m_request->setRequest(StreamRequest{});
    m_request->setDetailsVisible(false);
    m_lastChange = StreamStateChange{};
    m_stateLine->clearResponse();
    m_replayBar->setPlayer(player);
    m_replayBar->show();
    if (!paused)
        player->play();
    updateCountdown();
    Q_EMIT titleChanged(title());
    return true;
}

Recording StreamTab::liveSession(QString *note) const
{
    return m_live->recording(note);
}
