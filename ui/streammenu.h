// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

class QMenu;
class QWidget;
class StreamTab;

/**
 * The Stream menu and the View menu's page actions: what the keyboard does to the current tab (connect, record,
 * copy as curl, filter, pause, follow, clear, switch pages). Each action asks currentTab() when it fires and
 * does nothing without a tab.
 */
class StreamMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamMenu)

public:
    StreamMenu(std::function<StreamTab *()> currentTab, QWidget *window);

    /** The Stream menu, owned by the window. */
    QMenu *menu() const { return m_menu; }
    /** Adds Events, Statistics and LLM Reply (Alt+1 to Alt+3) to view. */
    void addPages(QMenu *view);

Q_SIGNALS:
    /** A short message for the status bar, e.g. that a command is on the clipboard. */
    void told(const QString &message);

private:
    /** A slot that runs action on the current tab, if there is one. */
    std::function<void()> onTab(std::function<void(StreamTab *)> action) const;

    std::function<StreamTab *()> m_currentTab;
    QMenu *m_menu;
};
