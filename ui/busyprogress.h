// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProgressDialog>

/**
 * A progress dialog for reading a file in the window's thread: it appears when the work takes a while, keeps
 * the window responsive by handling its events every few tens of milliseconds, and tells when it was cancelled.
 */
class BusyProgress final
{
    Q_DECLARE_TR_FUNCTIONS(BusyProgress)

public:
    BusyProgress(const QString &label, QWidget *parent);
    ~BusyProgress();
    BusyProgress(const BusyProgress &) = delete;
    BusyProgress &operator=(const BusyProgress &) = delete;

    /** done of total (total -1 when unknown). */
    void report(qint64 done, qint64 total);
    /** Handles the window's events when it is time to; false once the user cancelled. */
    bool keepGoing();

private:
    QProgressDialog m_dialog;
    QElapsedTimer m_responsive;
};
