// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"
#include "recording/replayplayer.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

/**
 * What the window says about a session's state changes, in the user's language: made from the change's cause
 * and values, never from its English reason (which only a recording without causes leaves to show). Also the
 * words of a tab's state line: the live state with its countdown and advice, or a recording and its replay.
 */
class StateText final
{
    Q_DECLARE_TR_FUNCTIONS(StateText)

public:
    StateText() = delete;

    /** The state's short name as rows show it ("waiting-to-reconnect" in English). */
    static QString name(StreamState state);
    /** The state in a word or two ("waiting to reconnect"). */
    static QString title(StreamState state);
    /** A colour readable on light and dark backgrounds alike. */
    static QString colour(StreamState state);
    /** Why the change happened ("cannot connect: Connection refused"). */
    static QString cause(const StreamStateChange &change);
    /** What the client does next, when the change ended a connection ("attempt 3 in 1.5 s"); empty otherwise. */
    static QString followUp(const StreamStateChange &change);
    /** cause() and followUp() in one sentence. */
    static QString sentence(const StreamStateChange &change);
    /** What the user can do about it; empty when there is nothing to say. */
    static QString advice(const StreamStateChange &change);

    /** The live state line, waitedMs after the change to it (for the countdown to the next attempt). */
    static QString live(const StreamStateChange &change, qint64 waitedMs);
    /** What a replay is doing, at speed (0: as fast as possible). */
    static QString replay(ReplayPlayer::State state, double speed);
    /** A recording opened or replayed: its file, events and diagnostics, the state it ended in (or a replay is
     *  at, unless ended), and what went wrong reading it. */
    static QString recording(const QString &path, qint64 events, qint64 diagnostics, const StreamStateChange &lastState,
                             const QString &error, const QStringList &warnings, const QString &replayState, bool ended);

private:
    /** What to change when no next attempt came because of the policy (a POST, the number of attempts). */
    static QString followUpAdvice(StreamFollowUp followUp);
};
