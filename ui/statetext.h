// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"
#include "session/replayplayer.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

/**
 * The words of a stream tab's state line, built from typed values: the live state with the attempt, the
 * countdown, the reason and advice, or what a recording or its replay shows. They are translated in the tab's
 * context, as they always were.
 */
class StateText final
{
    Q_DECLARE_TR_FUNCTIONS(StreamTab)

public:
    StateText() = delete;

    /** The live state, waitedMs after the change to it (for the countdown to the next attempt). */
    static QString live(const StreamStateChange &change, qint64 waitedMs);
    /** What a replay is doing, at speed (0: as fast as possible). */
    static QString replay(ReplayPlayer::State state, double speed);
    /** A recording opened or replayed: its file and events, the state it ended in (or a replay is at, unless
     *  ended), and what went wrong reading it. */
    static QString recording(const QString &path, qint64 events, const StreamStateChange &lastState,
                             const QString &error, const QStringList &warnings, const QString &replayState, bool ended);
    /** Tells what a failed session means and what to try; empty when nothing needs doing. */
    static QString advice(const StreamStateChange &change);
};
