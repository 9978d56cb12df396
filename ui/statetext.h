// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/streamtypes.h"

#include <QCoreApplication>
#include <QString>

/**
 * What the window says about a session's state changes, in the user's language: made from the change's cause
 * and values, never from its English reason (which only a recording without causes leaves to show).
 */
class StateText final
{
    Q_DECLARE_TR_FUNCTIONS(StateText)

public:
    StateText() = delete;

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
};
