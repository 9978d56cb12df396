// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProgressDialog>

/**
 * The progress of reading or converting a file while the window goes on handling its events: a dialog that
 * appears when the work takes a while and whose Cancel (canceled()) stops it. It leaves the window usable, so
 * that a tab being opened can be closed, and never handles events itself.
 */
class BusyProgress final : public QProgressDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusyProgress)

public:
    BusyProgress(const QString &label, QWidget *parent);

    /** done of total (total -1 when unknown). */
    void report(qint64 done, qint64 total);
};
