// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/sessionexport.h"

#include <QCoreApplication>

class QWidget;
class StreamTab;

/**
 * Saves what a tab shows in another format: a recording it shows is converted from its file as a stream, a
 * live session from what the tab holds. Also turns a raw capture into a recording a tab can open.
 */
class TabExporter final
{
    Q_DECLARE_TR_FUNCTIONS(TabExporter)

public:
    /** Asks where to save, then exports; dialogs say what went wrong or what the export lacks. */
    static void exportTab(StreamTab *tab, SessionExport::Format format, QWidget *parent);
    /** Exports to path without asking; false with *error. *note says what a live export lacks, if anything.
     *  Exporting a recording's file shows a progress dialog on progressParent (may be null) that cancels. */
    static bool exportTo(StreamTab *tab, SessionExport::Format format, const QString &path, QWidget *progressParent,
                         QString *error, QString *note = nullptr);
    /** Converts a raw text/event-stream capture to a session file at recordingPath; false with *error. */
    static bool importCapture(const QString &capturePath, const QString &recordingPath, QWidget *progressParent,
                              QString *error);

    /** The menu text of a format, such as "Events as &CSV…". */
    static QString menuText(SessionExport::Format format);
};
