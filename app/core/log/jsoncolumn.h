// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

/** A column of an event table that shows what a JSON pointer names in each event's data. */
struct JsonColumn
{
    QString pointer; // RFC 6901, such as "/choices/0/delta/content"
    QString title; // empty: the pointer is the title

    /** The title shown in the header. */
    QString heading() const { return title.isEmpty() ? pointer : title; }

    friend bool operator==(const JsonColumn &, const JsonColumn &) = default;
};

using JsonColumns = QList<JsonColumn>;
