// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QTimer;
class QToolButton;
class ReplayPlayer;

/**
 * The controls of a recording replayed into a tab: play and pause, a step to the next recorded read or the
 * next event, the speed, a restart, and how far the replay has come.
 */
class ReplayBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayBar)

public:
    explicit ReplayBar(QWidget *parent = nullptr);
    ~ReplayBar() override;

    /** The player the controls drive; null when the tab shows a whole recording that a press of Play or a step
     *  starts replaying (restartRequested()). */
    void setPlayer(ReplayPlayer *player);
    ReplayPlayer *player() const;
    /** How many events the tab has derived so far: the next-event step waits for this to grow. */
    void setEventCounter(std::function<qint64()> counter) { m_eventCount = std::move(counter); }
    /** The speed chosen, 0 for as fast as possible. */
    double speed() const;
    void setSpeed(double speed);

    void togglePlay();
    void stepRead();
    void stepEvent();
    /** Refreshes the position and counts (also done on a timer while the bar is shown). */
    void refresh();
    QString statusText() const;

Q_SIGNALS:
    /** The replay should start again from the beginning of the recording (paused when paused is true). */
    void restartRequested(bool paused);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();
    void updateIcons();

    QPointer<ReplayPlayer> m_player;
    std::function<qint64()> m_eventCount;
    QToolButton *m_play;
    QToolButton *m_stepRead;
    QToolButton *m_stepEvent;
    QToolButton *m_restart;
    QComboBox *m_speed;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTimer *m_timer;
};
