// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/sseclient.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

class EventListModel;
class EventsPage;
class LlmView;
class QLabel;
class RecordingLoader;
class ReplayBar;
class PendingEditBar;
class RejectedBodyView;
class ReplayPlayer;
class QPushButton;
class QTabWidget;
class QTimer;
class QToolButton;
class RequestEditor;
class SessionRecorder;
class StatisticsPane;
struct Recording;

/** One stream: its request, its state with the reason, and its events, statistics and LLM reply. */
class StreamTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamTab)

public:
    explicit StreamTab(QWidget *parent = nullptr);
    ~StreamTab() override;

    /** Fills the request bar and connects. */
    void open(const QUrl &url, const QByteArray &method = "GET");
    void open(const StreamRequest &request);
    /** Connects with the request in the bar; an invalid request gets a dialog saying what to fix. */
    bool connectStream();
    void disconnectStream();
    bool isRunning() const;
    /** Closes the tab (deletes it later); a recording being opened is cancelled first, and the tab goes once
     *  the loading has stopped. */
    void close();
    /** True once close() waits for a loading recording to stop. */
    bool isClosing() const { return m_closeWhenLoaded; }
    /** Stops opening a recording, keeping what was read (the window is closing, say). */
    void cancelLoading();

    EventListModel *model() const;
    EventsPage *eventsPage() const { return m_events; }
    StatisticsPane *statisticsPane() const { return m_stats; }
    LlmView *llmView() const { return m_llm; }
    RequestEditor *requestEditor() const { return m_request; }
    QTabWidget *views() const { return m_views; }
    QString stateText() const;
    StreamState state() const;
    QString title() const;
    /** "1,234 events · 56.7 KiB", then the diagnostics when there are any: " · 7 diagnostics" */
    QString totalsText() const;
    /** Records the running session, or the next one, to path (a .sserec file); false with error if it cannot. */
    bool startRecording(const QString &path, QString *error = nullptr);
    void stopRecording();
    bool isRecording() const;
    /** Shows a recording in this tab: rows, statistics and LLM reply, as it was streamed. */
    bool openRecording(const QString &path, QString *error = nullptr);
    /** Replays a recording into this tab at its recorded pace, with the replay controls; paused at its start
     *  when paused is true. False with error when the file cannot be read. */
    bool replayRecording(const QString &path, bool paused = false, QString *error = nullptr);
    ReplayBar *replayBar() const { return m_replayBar; }
    /** The player of a replay into this tab, or null. */
    ReplayPlayer *replayPlayer() const { return m_player.get(); }
    /** The live session as the tab holds it (request, responses, retained chunks and states), with times since
     *  it started and secrets redacted as a recording redacts them; *note says what it lacks when rows of the
     *  session were dropped. */
    Recording liveSession(QString *note = nullptr) const;
    /** The recording shown, if the tab shows one. */
    QString recordingPath() const { return m_openedRecording; }

Q_SIGNALS:
    void titleChanged(const QString &title);
    void totalsChanged(const QString &text);
    void stateChanged(StreamState state);

private:
    void showState(const StreamStateChange &change);
    void showResponse(const StreamResponse &response);
    void updateCountdown();
    void updateTotals();
    void attachRecorder();
    void chooseRecordingFile();
    void resetViews();
    void endReplay();
    void showRecordingState(const QString &path, qint64 events, const StreamStateChange &lastState,
                            const QString &error, const QStringList &warnings, const QString &replayState = {});

    std::unique_ptr<SseClient> m_client;
    RequestEditor *m_request;
    QPushButton *m_connect;
    QLabel *m_state;
    QLabel *m_response;
    RejectedBodyView *m_rejectedBody;
    PendingEditBar *m_pendingEdit;
    QTabWidget *m_views;
    EventsPage *m_events;
    StatisticsPane *m_stats;
    LlmView *m_llm;
    QTimer *m_ticker; // countdown to the next attempt, the totals and the recording's size
    QToolButton *m_record;
    QLabel *m_recordStatus;
    std::unique_ptr<SessionRecorder> m_recorder;
    QString m_recordPath; // set while recording or waiting for the next session to record
    QString m_openedRecording;
    ReplayBar *m_replayBar;
    std::unique_ptr<RecordingLoader> m_replayLoader; // declared before the player, which hands records to it
    std::unique_ptr<ReplayPlayer> m_player;
    StreamStateChange m_lastChange;
    // The live session's records that the rows do not keep whole, for export.
    StreamRequest m_sentRequest;
    QList<StreamResponse> m_responses;
    QList<qint64> m_responseWalls;
    QList<StreamStateChange> m_states;
    qint64 m_sessionStartNs = 0;
    qint64 m_sessionStartWall = 0;
    qint64 m_sessionFirstSequence = 1; // of the session's first row in the log
    RecordingLoader *m_loading = nullptr; // while a recording opens, handling the window's events as it goes
    bool m_closeWhenLoaded = false;
    QElapsedTimer m_waitingSince;
    QString m_totals;
    qint64 m_eventCount = 0;
    qint64 m_diagnosticCount = 0;
    qint64 m_byteCount = 0;
};
