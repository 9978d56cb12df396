// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/replayplayer.h"
#include "session/sessionreader.h"

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

    /** Loads path whole into the views, which must be clear; progressParent gets a progress dialog when the file
     *  takes a while. */
    SessionReader::Result open(const QString &path, QWidget *progressParent);
    bool isLoading() const { return m_loading; }
    /** Stops an open() under way at the next record, keeping what was read. */
    void cancelLoading();

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
    /** The replay played, paused or finished; once finished, the views show everything it handed over. */
    void replayStateChanged(ReplayPlayer::State state);

private:
    SessionViews *m_views;
    std::unique_ptr<RecordingLoader> m_loader; // declared before the player, which hands records to it
    std::unique_ptr<ReplayPlayer> m_player;
    std::unique_ptr<RecordingLoader> m_nextLoader; // a replay opened but not started
    std::unique_ptr<ReplayPlayer> m_nextPlayer;
    bool m_loading = false;
};
