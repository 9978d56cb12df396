// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamrequest.h"
#include "net/streamtypes.h"
#include "recording/sessionreader.h"

#include <QElapsedTimer>
#include <QWidget>

class EventListModel;
class EventsPage;
class LiveSession;
class LlmView;
class QLabel;
class PendingEditBar;
class QPushButton;
class QTabWidget;
class QTimer;
class RecordControl;
class RecordingPlayback;
class RejectedBodyView;
class ReplayBar;
class ReplayPlayer;
class RequestEditor;
class SessionViews;
class StateLine;
class StatisticsPane;
class StreamController;
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
    /** Closes the tab (deletes it later); a recording being opened stops. */
    void close();
    /** Stops opening a recording, keeping what was read (the window is closing, say); loadingFinished() follows. */
    void cancelLoading();

    EventListModel *model() const;
    EventsPage *eventsPage() const { return m_events; }
    StatisticsPane *statisticsPane() const { return m_stats; }
    LlmView *llmView() const { return m_llm; }
    RequestEditor *requestEditor() const { return m_request; }
    QTabWidget *views() const;
    QString stateText() const;
    StreamState state() const;
    QString title() const;
    /** "1,234 events · 56.7 KiB", then the diagnostics when there are any: " · 7 diagnostics" */
    QString totalsText() const;
    /** Records the running session, or the next one, to path (a .sserec file); false with error if it cannot. */
    bool startRecording(const QString &path, QString *error = nullptr);
    void stopRecording();
    bool isRecording() const;
    RecordControl *recordControl() const { return m_recording; }
    /** The running session, or the last one; null before the first and while a recording is shown. */
    LiveSession *session() const;
    /** Shows a recording in this tab: rows, statistics and LLM reply, as it was streamed. It is read in slices on
     *  the event loop, a short one before this returns, with a progress dialog that cancels a long one;
     *  loadingFinished() says when it is done. False with error when it is known by then that it cannot be read
     *  whole (what could be read is shown). */
    bool openRecording(const QString &path, QString *error = nullptr);
    /** True while a recording is being read into the tab. */
    bool isLoading() const;
    /** Why the recording opened last was not read whole (cancelled included); empty when it was, or is still
     *  being read. */
    QString loadError() const { return m_loadError; }
    /** How the recording opened last was read: Ok also while it is being read. */
    SessionReader::Status loadStatus() const { return m_loadStatus; }
    /** Replays a recording into this tab at its recorded pace, with the replay controls; paused at its start
     *  when paused is true. False with error when the file cannot be read. */
    bool replayRecording(const QString &path, bool paused = false, QString *error = nullptr);
    ReplayBar *replayBar() const { return m_replayBar; }
    /** The player of a replay into this tab, or null. */
    ReplayPlayer *replayPlayer() const;
    /** The live session as the tab holds it (request, responses, retained chunks and states), with times since
     *  it started and secrets redacted as a recording redacts them; *note says what it lacks when rows of the
     *  session were dropped. */
    Recording liveSession(QString *note = nullptr) const;
    /** The recording shown, if the tab shows one. */
    QString recordingPath() const { return m_openedRecording; }
    /** Tells what a failed session means and what to try; empty when nothing needs doing. */
    static QString advice(const StreamStateChange &change);

Q_SIGNALS:
    void titleChanged(const QString &title);
    void totalsChanged(const QString &text);
    void stateChanged(StreamState state);
    /** The recording being opened is read: whole (ok) or not, loadError() says why. */
    void loadingFinished(bool ok);

private:
    void showState(const StreamStateChange &change);
    void showLoadedRecording(const SessionReader::Result &result);
    void updateCountdown();
    void updateTotals();
    void resetViews();
    void endReplay();
    void showRecordingState(const QString &path, qint64 events, const StreamStateChange &lastState,
                            const QString &error, const QStringList &warnings, const QString &replayState = {});

    RequestEditor *m_request;
    QPushButton *m_connect;
    StateLine *m_stateLine;
    QLabel *m_state; // the state line's, where the state and why are written
    RecordControl *m_recording; // the state line's
    RejectedBodyView *m_rejectedBody;
    PendingEditBar *m_pendingEdit;
    ReplayBar *m_replayBar;
    SessionViews *m_views;
    EventsPage *m_events; // the views' pages
    StatisticsPane *m_stats;
    LlmView *m_llm;
    QTimer *m_ticker; // countdown to the next attempt and the totals
    StreamController *m_live;
    RecordingPlayback *m_playback;
    QString m_openedRecording;
    StreamStateChange m_lastChange;
    QString m_loadError;
    SessionReader::Status m_loadStatus = SessionReader::Status::Ok;
    QElapsedTimer m_waitingSince;
    QString m_totals;
    qint64 m_eventCount = 0;
    qint64 m_diagnosticCount = 0;
    qint64 m_byteCount = 0;
};
