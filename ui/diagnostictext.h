// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sse/sseevent.h"

#include <QCoreApplication>
#include <QString>

class StreamStats;

/** The words for diagnostics in the window, translated: their kinds, their sentences and their counts. */
class DiagnosticText final
{
    Q_DECLARE_TR_FUNCTIONS(DiagnosticText)

public:
    /** A short name for a kind, such as "unknown field". */
    static QString title(SseDiagnostic::Kind kind);
    /** One sentence saying what was found and what was done about it. */
    static QString message(const SseDiagnostic &diagnostic);
    /** "7 diagnostics" */
    static QString count(qint64 count);
    /** The counts of each kind found in stats, one line each, most frequent first; empty when there are none. */
    static QString breakdown(const StreamStats &stats);

    /** The name of diagnostic rows, for their filter toggle and their figure. */
    static QString rowsName();
    static QString toggleToolTip();
    static QString figureToolTip();
    /** The detail pane's first words for the diagnostic numbered sequence. */
    static QString rowTitle(qint64 sequence);
};
