// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "log/streamlog.h"

#include <QPalette>
#include <QString>

// The network reads a row arrived in, as HTML for a text browser.
namespace ChunkHtml {

/**
 * The chunk entries at rows of log, each with a title and its bytes as escaped text; the stream bytes from
 * first up to end are highlighted in palette's selection colours. Of a large chunk only the part around the
 * highlight is shown, and of many chunks the first 64.
 */
QString render(const StreamLog &log, const QList<qsizetype> &rows, qint64 first, qint64 end, const QPalette &palette);

} // namespace ChunkHtml
