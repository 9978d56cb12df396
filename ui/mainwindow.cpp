// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "mockproducer.h"
#include "streamtab.h"

#include <QApplication>
#include <QKeySequence>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::Literals::StringLiterals;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_producer(new MockProducer(this))
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("SSE Scope"));
    resize(1200, 760);
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *tab = m_tabs->widget(index);
        m_tabs->removeTab(index);
        tab->deleteLater();
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("New &Tab"), QKeySequence::AddTab, this, [this]() { addTab(); });
    file->addAction(tr("New Tab on the &Demo Stream"), this, [this]() { openDemo(); });
    file->addAction(tr("&Close Tab"), QKeySequence::Close, this, [this]() {
        if (m_tabs->count() > 0)
            Q_EMIT m_tabs->tabCloseRequested(m_tabs->currentIndex());
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    if (m_producer->start())
        statusBar()->showMessage(tr("Embedded producer on %1").arg(m_producer->url().toString()));
    else
        statusBar()->showMessage(tr("The embedded producer could not start: %1").arg(m_producer->errorString()));
}

MainWindow::~MainWindow()
{
    // The tabs' clients disconnect before the producer they may be reading from goes away.
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
}

StreamTab *MainWindow::addTab()
{
    auto tab = new StreamTab(m_tabs);
    const int index = m_tabs->addTab(tab, tr("New stream"));
    m_tabs->setCurrentIndex(index);
    connect(tab, &StreamTab::titleChanged, this,
            [this, tab](const QString &title) { m_tabs->setTabText(m_tabs->indexOf(tab), title); });
    return tab;
}

StreamTab *MainWindow::openStream(const QUrl &url)
{
    StreamTab *tab = addTab();
    tab->open(url);
    return tab;
}

StreamTab *MainWindow::openDemo()
{
    if (!m_producer->isRunning())
        return addTab();
    return openStream(m_producer->url(u"/ticker?count=0&interval=400&type=tick"_s));
}
