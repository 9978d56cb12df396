// SPDX-License-Identifier: GPL-3.0-or-later
#include "busyprogress.h"

namespace {

constexpr int KeepResponsiveMs = 30; // the longest the window goes without handling its events
constexpr int Steps = 1000;

} // namespace

BusyProgress::BusyProgress(const QString &label, QWidget *parent)
    : m_dialog(label, tr("Cancel"), 0, Steps, parent)
{
    m_dialog.setWindowModality(Qt::WindowModal);
    m_dialog.setMinimumDuration(500);
    m_dialog.setAutoClose(false);
    m_dialog.setAutoReset(false);
    m_responsive.start();
}

BusyProgress::~BusyProgress()
{
    m_dialog.setValue(Steps);
}

void BusyProgress::report(qint64 done, qint64 total)
{
    if (total > 0)
        m_dialog.setValue(int(Steps * done / total));
}

bool BusyProgress::keepGoing()
{
    if (m_responsive.elapsed() >= KeepResponsiveMs) {
        QCoreApplication::processEvents();
        m_responsive.restart();
    }
    return !m_dialog.wasCanceled();
}
