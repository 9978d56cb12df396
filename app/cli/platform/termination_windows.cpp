// SPDX-License-Identifier: GPL-3.0-or-later
#include "termination.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <windows.h>

namespace {

QPointer<QObject> g_context;
std::function<void()> g_handler;

BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT)
        return FALSE;
    if (g_context)
        QMetaObject::invokeMethod(
            g_context, [] { g_handler(); }, Qt::QueuedConnection);
    return TRUE;
}

} // namespace

namespace Termination {

void onRequest(QObject *context, std::function<void()> handler)
{
    g_context = context;
    g_handler = std::move(handler);
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

} // namespace Termination
