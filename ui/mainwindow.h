// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

#include <memory>

class DiffWindow;
class MockProducer;
class ProducerPanel;
class QAction;
class QDockWidget;
class QLabel;
class QTemporaryDir;
class QTabWidget;
class QToolButton;
class StreamTab;
struct StreamRequest;

/** The window: stream tabs, the embedded producer's panel, menus, and the settings that persist. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** A new tab connected to url. */
    StreamTab *openStream(const QUrl &url);
    /** A new tab sending request. */
    StreamTab *openRequest(const StreamRequest &request);
    /** A new tab on the embedded producer's demo stream. */
    StreamTab *openDemo();
    /** What a command line names: a recording or capture that exists, else a URL (host:port/path is enough);
     *  a path to nothing (x.sserec, ./x, /x) is said to be missing and the demo opens. Empty: the demo. */
    StreamTab *openArgument(const QString &argument);
    /** A new tab showing the recording at path; a dialog says why when it cannot be read. */
    StreamTab *openRecording(const QString &path);
    /** A new tab replaying the recording at path at its recorded pace, with the replay controls. */
    StreamTab *replayRecording(const QString &path);
    /** A new tab showing a raw text/event-stream capture (what `curl -N URL > FILE` saves) as a recording, once
     *  it is converted to one (on a worker thread; closing the tab stops it); null when it cannot be. */
    StreamTab *importCapture(const QString &path);
    /** The comparison of two recordings side by side, in a window of its own; a and b default to the recordings
     *  of the open tabs, the current one first. */
    DiffWindow *compareRecordings(const QString &a = {}, const QString &b = {});
    /** A new, empty tab. */
    StreamTab *addTab();
    StreamTab *currentTab() const;
    QTabWidget *tabs() const { return m_tabs; }
    MockProducer *producer() const { return m_producer; }
    ProducerPanel *producerPanel() const { return m_producerPanel; }
    QDockWidget *producerDock() const { return m_producerDock; }
    /** The status bar's totals of the current tab. */
    QString totalsText() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void closeTab(int index);
    /** Opens the recording at path in tab; a dialog names shownPath when it cannot be read whole. */
    void openInTab(StreamTab *tab, const QString &path, const QString &shownPath);
    void updateStatus();
    void saveSettings() const;
    void restoreSettings();
    void chooseLanguage(const QString &language);
    void chooseTheme(const QString &theme);

    MockProducer *m_producer;
    QTabWidget *m_tabs;
    ProducerPanel *m_producerPanel;
    QDockWidget *m_producerDock;
    QToolButton *m_producerStatus;
    QLabel *m_totals;
    std::unique_ptr<QTemporaryDir> m_imports; // recordings made of imported captures, removed on exit
    QByteArray m_headerState; // column order, widths and visibility of the event tables
};
