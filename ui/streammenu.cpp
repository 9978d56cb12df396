// SPDX-License-Identifier: GPL-3.0-or-later
#include "streammenu.h"

#include "eventspage.h"
#include "inspect/filterbar.h"
#include "models/eventlistmodel.h"
#include "recordcontrol.h"
#include "request/requesteditor.h"
#include "streamtab.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QTabWidget>
#include <QToolButton>

StreamMenu::StreamMenu(std::function<StreamTab *()> currentTab, QWidget *window)
    : QObject(window)
    , m_currentTab(std::move(currentTab))
    , m_menu(new QMenu(tr("&Stream"), window))
{
    m_menu->addAction(tr("&Connect / Disconnect"), QKeySequence(Qt::CTRL | Qt::Key_Return), this,
                      onTab([](StreamTab *tab) {
                          if (tab->isRunning())
                              tab->disconnectStream();
                          else
                              tab->connectStream();
                      }));
    m_menu->addAction(tr("Edit the &URL"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                      onTab([](StreamTab *tab) { tab->requestEditor()->focusUrl(); }));
    m_menu->addAction(tr("Copy as c&url Command"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                      onTab([this](StreamTab *tab) {
                          QApplication::clipboard()->setText(tab->requestEditor()->curlCommand());
                          Q_EMIT told(tr("A curl -N command for this request is on the clipboard"));
                      }));
    m_menu->addAction(tr("&Record / Stop Recording"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                      onTab([](StreamTab *tab) { tab->recordControl()->toggle(); }));
    m_menu->addSeparator();
    m_menu->addAction(tr("&Filter Rows"), QKeySequence::Find, this, onTab([](StreamTab *tab) {
                          tab->views()->setCurrentIndex(0);
                          tab->eventsPage()->filterBar()->focusSearch();
                      }));
    m_menu->addAction(tr("&Pause / Resume Rows"), QKeySequence(Qt::CTRL | Qt::Key_P), this, onTab([](StreamTab *tab) {
                          tab->eventsPage()->setPaused(!tab->eventsPage()->model()->isPaused());
                      }));
    m_menu->addAction(tr("&Follow Newest Row"), QKeySequence(Qt::CTRL | Qt::Key_End), this,
                      onTab([](StreamTab *tab) { tab->eventsPage()->followButton()->setChecked(true); }));
    m_menu->addAction(tr("C&lear Rows"), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                      onTab([](StreamTab *tab) { tab->eventsPage()->clear(); }));
}

void StreamMenu::addPages(QMenu *view)
{
    const QStringList pages = {tr("&Events"), tr("&Statistics"), tr("&LLM Reply")};
    for (int page = 0; page < pages.size(); ++page)
        view->addAction(pages[page], QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + page)), this,
                        onTab([page](StreamTab *tab) { tab->views()->setCurrentIndex(page); }));
}

std::function<void()> StreamMenu::onTab(std::function<void(StreamTab *)> action) const
{
    return [currentTab = m_currentTab, action = std::move(action)]() {
        if (StreamTab *tab = currentTab())
            action(tab);
    };
}
