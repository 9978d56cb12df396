// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QJsonValue>

// The one look at bytes that decides whether they are worth parsing as JSON: every place that shows, filters,
// compares or assembles JSON data asks here, so they all agree on what counts as JSON.
namespace JsonSniff {

/** True when data starts, after JSON white space (space, tab, LF, CR), with "{" or "[". Cheap: no parsing. */
bool looksLikeContainer(QByteArrayView data);

/** data as a JSON object or array; Undefined when it does not look like one or does not parse. */
QJsonValue parseContainer(QByteArrayView data);

} // namespace JsonSniff
