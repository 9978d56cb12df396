// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/sessioncomparison.h"

#include <QColor>
#include <QCoreApplication>

/**
 * How a comparison reads in the Compare window: values shortened as `ssescope diff` shows them, the
 * differences of a row and the summary of all in words, and the colours that mark them.
 */
class DiffText final
{
    Q_DECLARE_TR_FUNCTIONS(DiffText)

public:
    using Kind = SessionDiff::Difference::Kind;
    enum class Mark { Changed, OnlyInA, OnlyInB };

    /** A translucent background for a mark: it reads on light and dark palettes alike. */
    static QColor markColor(Mark mark);
    /** The kind's name for people: "type", "data", "id", "timing", "only in A", "only in B". */
    static QString kindText(Kind kind);
    /** "1 event", "12 events". */
    static QString eventsText(qsizetype count);
    /** The event's number from 1, or "12 (13 in B)" for a pair whose events stand at different places. */
    static QString eventNumber(const EventAlignment::Pair &pair);
    /** A value escaped and shortened the way `ssescope diff` prints it. */
    static QString shown(const QByteArray &bytes);

    /** The row's differences in words, as `ssescope diff` says them. */
    static QString describe(const SessionComparison &comparison, qsizetype row);
    /** "Equal: 120 events in each" or "3 differences: 1 in data, 2 only in B (A has ..., B has ...)". */
    static QString summary(const SessionComparison &comparison);
};
