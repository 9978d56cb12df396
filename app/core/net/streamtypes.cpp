// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamtypes.h"

using namespace Qt::Literals::StringLiterals;

QString streamStateName(StreamState state)
{
    switch (state) {
    case StreamState::Idle:
        return u"idle"_s;
    case StreamState::Connecting:
        return u"connecting"_s;
    case StreamState::Open:
        return u"open"_s;
    case StreamState::WaitingToReconnect:
        return u"waiting-to-reconnect"_s;
    case StreamState::ClosedByUser:
        return u"closed-by-user"_s;
    case StreamState::StoppedByServer:
        return u"stopped-by-server"_s;
    case StreamState::Finished:
        return u"finished"_s;
    case StreamState::Failed:
        return u"failed"_s;
    }
    return u"unknown"_s;
}

bool isFinalState(StreamState state)
{
    return state == StreamState::ClosedByUser || state == StreamState::StoppedByServer || state == StreamState::Finished
        || state == StreamState::Failed;
}
