// SPDX-License-Identifier: GPL-3.0-or-later
#include "busyprogress.h"

namespace {

constexpr int Steps = 1000;

} // namespace

BusyProgress::BusyProgress(const QString &label, QWidget *parent)
    : QProgressDialog(label, tr("Cancel"), 0, Steps, parent)
{
    // Not modal: a modal progress dialog handles the window's events whenever its value changes.
    setWindowModality(Qt::NonModal);
    setMinimumDuration(500);
    setAutoClose(false);
    setAutoReset(false);
    setValue(0);
}

void BusyProgress::report(qint64 done, qint64 total)
{
    if (total > 0)
        setValue(int(Steps * qMin(done, total) / total));
}
