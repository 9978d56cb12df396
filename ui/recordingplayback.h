// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/replayplayer.h"
#include "recording/sessionreader.h"

#include <QObject>

#include <memory>

class RecordingLoader;
class SessionViews;

/**
 * Shows a recording in a tab's views: opened whole, with a progress dialog that cancels, or replayed at its
 * recorded pace by a ReplayPlayer that the replay bar drives.
 */
class RecordingPlayback final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingPlayback)

public:
    /** views must outlive the playback. */
    explicit RecordingPlayback(SessionViews *views, QObject *parent = nullptr);
    ~RecordingPlayback() override;

    /** Starts loading path whole into the views, which must be clear, in slices on the event loop (a short file
     *  before this returns); progressParent gets a progress dialog when the file takes a while. loaded() says
     *  when it is done. */
    void open(const QString &path, QWidget *progressParent);
    bool isLoading() const;
    /** Stops an open() under way at the next slice, keeping what was read; loaded() follows. */
    void cancelLoading();
    /** Stops an open() under way without a word: nothing more is shown, and loaded() does not follow. */
    void stopLoading();

    /** Opens path to replay it; false with *error when it cannot be read, and nothing shown changes. */
    bool prepareReplay(const QString &path, QString *error);
    /** Hands the prepared replay to the views, which must be clear; returns its player, paused at the start. */
    ReplayPlayer *startReplay();
    /** Ends a replay; what it handed over stays shown. */
    void endReplay();

    /** The player of the replay under way, or null. */
    ReplayPlayer *player() const { return m_player.get(); }
    /** What the recording opened or being replayed brought so far (its request, events and last state), or null. */
    const RecordingLoader *loader() const { return m_loader.get(); }

Q_SIGNALS:
    /** The recording opened last was read whole, failed, or was cancelled: result says which. */
    void loaded(const SessionReader::Result &result);
    /** The replay played, paused or finished; once finished, the views show everything it handed over. */
    void replayStateChanged(ReplayPlayer::State state);

private:
    SessionViews *m_views;
    std::unique_ptr<RecordingLoader> m_loader; // declared before the player, which hands records to it
    std::unique_ptr<ReplayPlayer> m_player;
    std::unique_ptr<RecordingLoader> m_nextLoader; // a replay opened but not started
    std::unique_ptr<ReplayPlayer> m_nextPlayer;
};
