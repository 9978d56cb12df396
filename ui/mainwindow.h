// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class MockProducer;
class QTabWidget;
class StreamTab;

/** The window: stream tabs, and the embedded producer they can connect to. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** A new tab connected to url. */
    StreamTab *openStream(const QUrl &url);
    /** A new tab on the embedded producer's demo stream. */
    StreamTab *openDemo();
    QTabWidget *tabs() const { return m_tabs; }
    MockProducer *producer() const { return m_producer; }

private:
    StreamTab *addTab();

    MockProducer *m_producer;
    QTabWidget *m_tabs;
};
