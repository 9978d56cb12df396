// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

// $NAME (capitals) and ${Name} in a header value, as API documentation writes a key to fill in.
namespace Placeholders {

/** The value with each placeholder whose environment variable is set replaced; the others named in missing. */
QByteArray expand(const QByteArray &value, QStringList *missing = nullptr);
/** True when the value is one placeholder, after an authentication scheme or not ("Bearer $OPENAI_API_KEY"):
 *  it names where the key is instead of holding it. */
bool isPlaceholderOnly(QByteArrayView value);

} // namespace Placeholders
