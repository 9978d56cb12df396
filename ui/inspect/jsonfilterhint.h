// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/jsonfieldmatcher.h"

#include <QCoreApplication>
#include <QString>

/** Says in words why a JSON filter matches nothing, from what the events hold at its pointer. */
class JsonFilterHint final
{
    Q_DECLARE_TR_FUNCTIONS(JsonFilterHint)

public:
    JsonFilterHint() = delete;

    /** "No exact match; 3 rows contain "Events" with surrounding spaces."; empty when there is nothing to say. */
    static QString text(const QString &pointer, const JsonFieldMatcher &matcher,
                        const JsonFieldMatcher::Summary &summary);
};
