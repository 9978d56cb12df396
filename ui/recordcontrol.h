// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <memory>

class LiveSession;
class QLabel;
class QTimer;
class QToolButton;
class SessionRecorder;

/**
 * A tab's Record button and what it is recording: Record asks for a file and records the running session from
 * then on (or the next session when none runs); while recording the button says Stop and the line beside it
 * counts the time and the bytes written. A recording is one session: it stops when the session ends.
 */
class RecordControl final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordControl)

public:
    explicit RecordControl(QWidget *parent = nullptr);
    ~RecordControl() override;

    /** The session to record, made before its client starts; null when the tab has none. A recording of the
     *  previous session stops here, and one waiting for the next session starts. */
    void setSession(LiveSession *session);
    /** Records the running session, or the next one, to path (a .sserec file); false with error if it cannot. */
    bool startRecording(const QString &path, QString *error = nullptr);
    void stopRecording();
    /** What the button does: stops a recording, or asks for a file and starts one. */
    void toggle();
    bool isRecording() const;
    /** True while recording or waiting for the next session to record. */
    bool isArmed() const { return !m_path.isEmpty(); }
    /** What the suggested file name starts with (the tab's title). */
    void setFileNameHint(const QString &hint) { m_hint = hint; }

    QToolButton *button() const { return m_button; }
    /** The line beside the button: what is being recorded, for how long and how much. */
    QString statusText() const;

private:
    void chooseFile();
    void attach();
    void refresh();
    void showArmed(bool armed);

    QPointer<LiveSession> m_session;
    std::unique_ptr<SessionRecorder> m_recorder;
    QToolButton *m_button;
    QLabel *m_dot; // red while recording
    QLabel *m_status; // plain text: it is cut with an ellipsis when narrow
    QTimer *m_ticker; // the elapsed time and size while recording
    QElapsedTimer m_since;
    QString m_path; // set while recording or waiting for the next session to record
    QString m_hint;
};
