// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

// $NAME (capitals) and ${Name} in a header value, as API documentation writes a key to fill in.
namespace Placeholders {

/** The value with each placeholder whose environment variable is set replaced; the others named in missing. */
QByteArray expand(const QByteArray &value, QStringList *missing = nullptr);

} // namespace Placeholders
