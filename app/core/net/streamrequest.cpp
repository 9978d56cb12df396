// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamrequest.h"

bool StreamRequest::isSafeToRepeat() const
{
    const QByteArray upper = method.toUpper();
    return upper == "GET" || upper == "HEAD" || upper == "OPTIONS";
}
