// SPDX-License-Identifier: GPL-3.0-or-later
// Longer than most files on purpose: the File and View menus, tab lifetime, drag and drop and the window's
// settings all act on the tab list this class owns; the Stream menu is StreamMenu, each tab is a StreamTab.
#include "mainwindow.h"

#include "diff/diffwindow.h"
#include "eventspage.h"
#include "language.h"
#include "mockproducer.h"
#include "models/eventlistmodel.h"
#include "notice.h"
#include "producerpanel.h"
#include "request/requesteditor.h"
#include "streammenu.h"
#include "streamtab.h"
#include "tabexporter.h"
#include "theme.h"
#include "userfolders.h"
#include "version.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr auto DemoPath = "/ticker?count=0&interval=400&type=tick";

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_producer(new MockProducer(this))
    , m_tabs(new QTabWidget(this))
    , m_producerPanel(nullptr)
    , m_producerDock(new QDockWidget(tr("Embedded Producer"), this))
    , m_producerStatus(new QToolButton(this))
    , m_totals(new QLabel(this))
{
    setWindowTitle(tr("SSE Scope"));
    setObjectName(u"MainWindow"_s);
    resize(1280, 800);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    setAcceptDrops(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);

    m_producerPanel = new ProducerPanel(m_producer, m_producerDock);
    // On last time's port, so that recent requests to it still work; the panel says why when it cannot.
    m_producerPanel->startOnRememberedPort();
    m_producerDock->setObjectName(u"ProducerDock"_s);
    m_producerDock->setWidget(m_producerPanel);
    m_producerPanel->setMinimumWidth(400);
    m_producerDock->hide();
    addDockWidget(Qt::RightDockWidgetArea, m_producerDock);
    resizeDocks({m_producerDock}, {460}, Qt::Horizontal);
    connect(m_producerPanel, &ProducerPanel::openRequested, this, &MainWindow::openRequest);
    connect(m_producerPanel, &ProducerPanel::runningChanged, this, &MainWindow::updateStatus);

    m_producerStatus->setAutoRaise(true);
    m_producerStatus->setToolTip(tr("Show or hide the embedded producer's panel (F9)"));
    connect(m_producerStatus, &QToolButton::clicked, this,
            [this]() { m_producerDock->setVisible(!m_producerDock->isVisible()); });
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_totals, 1);
    statusBar()->addPermanentWidget(m_producerStatus);

    createMenus();
    restoreSettings();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // The tabs' clients disconnect before the producer they may be reading from goes away.
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("New &Tab"), QKeySequence::AddTab, this, [this]() { addTab(); });
    file->addAction(tr("New Tab on the &Demo Stream"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this,
                    [this]() { openDemo(); });
    file->addAction(tr("&Open Recording…"), QKeySequence::Open, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Recording"), UserFolders::documents(),
                                                          tr("SSE Scope recordings (*.sserec);;All files (*)"));
        if (!path.isEmpty())
            openRecording(path);
    });
    file->addAction(tr("&Replay Recording…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Replay Recording"), UserFolders::documents(),
                                                          tr("SSE Scope recordings (*.sserec);;All files (*)"));
        if (!path.isEmpty())
            replayRecording(path);
    });
    file->addAction(tr("&Import Raw Capture…"), this, [this]() {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Import Raw Capture"), UserFolders::documents(),
                                           tr("text/event-stream captures (*.sse *.txt *.log);;All files (*)"));
        if (!path.isEmpty())
            importCapture(path);
    });
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->setToolTipsVisible(true);
    for (const SessionExport::Format format :
         {SessionExport::Format::Ndjson, SessionExport::Format::Csv, SessionExport::Format::Sse,
          SessionExport::Format::Raw, SessionExport::Format::Har, SessionExport::Format::Sserec}) {
        exportMenu->addAction(TabExporter::menuText(format), this,
                              [this, format]() { TabExporter::exportTab(currentTab(), format, this); });
    }
    connect(exportMenu, &QMenu::aboutToShow, this, [this, exportMenu]() {
        const bool hasTab = currentTab() != nullptr;
        for (QAction *action : exportMenu->actions())
            action->setEnabled(hasTab);
    });
    file->addAction(tr("Co&mpare Recordings…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), this,
                    [this]() { compareRecordings(); });
    file->addSeparator();
    file->addAction(tr("&Close Tab"), QKeySequence::Close, this, [this]() {
        if (m_tabs->count() > 0)
            closeTab(m_tabs->currentIndex());
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto streamMenu = new StreamMenu([this]() { return currentTab(); }, this);
    menuBar()->addMenu(streamMenu->menu());
    connect(streamMenu, &StreamMenu::told, this,
            [this](const QString &message) { statusBar()->showMessage(message, 4000); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    streamMenu->addPages(view);
    view->addSeparator();
    QAction *producer = m_producerDock->toggleViewAction();
    producer->setText(tr("Embedded &Producer"));
    producer->setShortcut(QKeySequence(Qt::Key_F9));
    view->addAction(producer);
    view->addSeparator();

    QMenu *theme = view->addMenu(tr("&Theme"));
    auto themes = new QActionGroup(this);
    const QString currentTheme = QSettings().value(u"ui/theme"_s).toString();
    for (const auto &[key, label] : {std::pair{u""_s, tr("Follow the &System")}, std::pair{u"light"_s, tr("&Light")},
                                     std::pair{u"dark"_s, tr("&Dark")}}) {
        QAction *action = theme->addAction(label, this, [this, key]() { chooseTheme(key); });
        action->setCheckable(true);
        action->setChecked(key == currentTheme);
        themes->addAction(action);
    }
    QMenu *language = view->addMenu(tr("&Language"));
    auto languages = new QActionGroup(this);
    const QString currentLanguage = QSettings().value(u"ui/language"_s).toString();
    for (const auto &[key, label] : {std::pair{u""_s, tr("Follow the &System")}, std::pair{u"en"_s, u"English"_s},
                                     std::pair{u"zh_CN"_s, u"简体中文"_s}}) {
        QAction *action = language->addAction(label, this, [this, key]() { chooseLanguage(key); });
        action->setCheckable(true);
        action->setChecked(key == currentLanguage);
        languages->addAction(action);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SSE Scope"), this, [this]() {
        const QString address = QString::fromLatin1(SseScope::HomepageUrl);
        QMessageBox about(QMessageBox::NoIcon, tr("About SSE Scope"),
                          tr("<h3>SSE Scope %1</h3><p>A monitor for Server-Sent Events: every event, comment, "
                             "chunk and reconnect, parsed as the WHATWG standard says.</p>"
                             "<p>Running on Qt %2 (built with Qt %3).</p><p>Licensed under the GNU GPL, version 3 "
                             "or later.</p><p><a href=\"%4\">%4</a></p>")
                              .arg(QString::fromLatin1(SseScope::Version), QString::fromLatin1(qVersion()),
                                   QStringLiteral(QT_VERSION_STR), address),
                          QMessageBox::Ok, this);
        about.setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
        about.setTextFormat(Qt::RichText);
        about.setTextInteractionFlags(Qt::TextBrowserInteraction);
        about.exec();
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

StreamTab *MainWindow::addTab()
{
    auto tab = new StreamTab(m_tabs);
    tab->requestEditor()->setProducerUrl(m_producer->url());
    tab->eventsPage()->restoreColumns(m_headerState);
    tab->eventsPage()->splitter()->restoreState(QSettings().value(u"window/detailSplitter"_s).toByteArray());
    const int index = m_tabs->addTab(tab, tr("New stream"));
    m_tabs->setCurrentIndex(index);
    connect(tab, &StreamTab::titleChanged, this,
            [this, tab](const QString &title) { m_tabs->setTabText(m_tabs->indexOf(tab), title); });
    connect(tab, &StreamTab::totalsChanged, this, &MainWindow::updateStatus);
    connect(tab->eventsPage(), &EventsPage::rowsTextChanged, this, &MainWindow::updateStatus);
    connect(tab->eventsPage()->table()->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this, tab]() { m_headerState = tab->eventsPage()->columnsState(); });
    return tab;
}

void MainWindow::closeTab(int index)
{
    auto tab = qobject_cast<StreamTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    m_headerState = tab->eventsPage()->columnsState();
    m_tabs->removeTab(index);
    tab->close();
    updateStatus();
}

StreamTab *MainWindow::currentTab() const
{
    return qobject_cast<StreamTab *>(m_tabs->currentWidget());
}

StreamTab *MainWindow::openStream(const QUrl &url)
{
    StreamTab *tab = addTab();
    tab->open(url);
    return tab;
}

StreamTab *MainWindow::openRequest(const StreamRequest &request)
{
    StreamTab *tab = addTab();
    tab->open(request);
    return tab;
}

StreamTab *MainWindow::openDemo()
{
    if (!m_producer->isRunning())
        return addTab();
    return openStream(m_producer->url(QString::fromLatin1(DemoPath)));
}

StreamTab *MainWindow::openArgument(const QString &argument)
{
    if (argument.isEmpty())
        return openDemo();
    const QFileInfo file(argument);
    if (file.isFile())
        return openRecording(argument);
    const QString suffix = file.suffix().toLower();
    // host:port/stream.sse names a server, not a file.
    static const QRegularExpression hostAndPort(u"^[A-Za-z0-9.-]+:[0-9]+(/|$)"_s);
    const bool path = argument.startsWith(u'/') || argument.startsWith(u'.') || argument.startsWith(u'~')
        || argument.contains(u'\\') || file.isDir()
        || QStringList{u"sserec"_s, u"sse"_s, u"txt"_s, u"log"_s}.contains(suffix);
    if (!path || argument.contains(u"://"_s) || hostAndPort.match(argument).hasMatch())
        return openStream(QUrl::fromUserInput(argument));
    Notice::warn(this, tr("Cannot open %1").arg(QDir::toNativeSeparators(argument)),
                 file.isDir() ? tr("It is a folder, not a recording. The demo stream opens instead.")
                              : tr("There is no such file. The demo stream opens instead."));
    return openDemo();
}

StreamTab *MainWindow::openRecording(const QString &path)
{
    // A capture saved from a terminal opens as what it is, not as a broken recording.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"sse"_s || suffix == u"txt"_s || suffix == u"log"_s)
        return importCapture(path);
    StreamTab *tab = addTab();
    openInTab(tab, path, path);
    return tab;
}

void MainWindow::openInTab(StreamTab *tab, const QString &path, const QString &shownPath)
{
    // Read whole or cancelled by the user, there is nothing to say; else why not, once it is known.
    connect(tab, &StreamTab::loadingFinished, this, [this, tab, shownPath]() {
        if (tab->loadStatus() == SessionReader::Status::Error)
            Notice::warn(this, tr("Cannot open the recording"),
                         tr("%1\n\n%2\n\nWhat could be read is shown.")
                             .arg(QDir::toNativeSeparators(shownPath), tab->loadError()));
    });
    tab->openRecording(path);
}

StreamTab *MainWindow::replayRecording(const QString &path)
{
    StreamTab *tab = addTab();
    QString error;
    if (!tab->replayRecording(path, false, &error))
        QMessageBox::warning(this, tr("Cannot replay the recording"),
                             tr("%1\n\n%2").arg(QDir::toNativeSeparators(path), error));
    return tab;
}

DiffWindow *MainWindow::compareRecordings(const QString &a, const QString &b)
{
    auto window = new DiffWindow(this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    // The recordings of the open tabs are the likely pair: the current one first.
    QStringList open;
    if (StreamTab *tab = currentTab(); tab && !tab->recordingPath().isEmpty())
        open << tab->recordingPath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto tab = qobject_cast<StreamTab *>(m_tabs->widget(i));
        if (tab && !tab->recordingPath().isEmpty() && !open.contains(tab->recordingPath()))
            open << tab->recordingPath();
    }
    const QString first = a.isEmpty() ? open.value(0) : a;
    open.removeAll(first);
    const QString second = b.isEmpty() ? open.value(0) : b;
    if (!first.isEmpty() && !second.isEmpty())
        window->compareFiles(first, second);
    else
        window->setFiles(first, second);
    window->show();
    return window;
}

StreamTab *MainWindow::importCapture(const QString &path)
{
    if (!m_imports)
        m_imports = std::make_unique<QTemporaryDir>();
    // Named after the capture, so the tab's title and an export's suggested name say where it came from.
    const QString base = QFileInfo(path).completeBaseName();
    QString recording = m_imports->filePath(base + u".sserec"_s);
    for (int n = 2; QFileInfo::exists(recording); ++n)
        recording = m_imports->filePath(u"%1-%2.sserec"_s.arg(base).arg(n));
    // The name is taken at once, so that another import started while this one runs picks another.
    QFile reserved(recording);
    QString error;
    if (!m_imports->isValid() || !reserved.open(QIODevice::WriteOnly))
        error = m_imports->isValid() ? reserved.errorString() : m_imports->errorString();
    reserved.close();
    if (!error.isEmpty()) {
        Notice::warn(this, tr("Cannot import the capture"), tr("%1\n\n%2").arg(QDir::toNativeSeparators(path), error));
        return nullptr;
    }
    // The tab opens the recording once the capture is converted; closing it first stops the conversion.
    StreamTab *tab = addTab();
    auto importer = new TabExporter(tab);
    connect(importer, &TabExporter::finished, tab, [this, tab, importer, path, recording]() {
        importer->deleteLater();
        if (!importer->succeeded()) {
            if (!importer->wasCancelled())
                Notice::warn(this, tr("Cannot import the capture"),
                             tr("%1\n\n%2").arg(QDir::toNativeSeparators(path), importer->errorText()));
            closeTab(m_tabs->indexOf(tab));
            return;
        }
        openInTab(tab, recording, path);
    });
    importer->importCapture(path, recording, tab);
    return tab;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    // Dropped recordings open in tabs; a dropped web address opens a stream.
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            openRecording(url.toLocalFile());
        else if (url.scheme() == u"http" || url.scheme() == u"https")
            openStream(url);
    }
    event->acceptProposedAction();
}

void MainWindow::updateStatus()
{
    StreamTab *tab = currentTab();
    m_totals->setText(tab ? tab->totalsText() + u" · "_s + tab->eventsPage()->rowsText() : QString());
    m_producerStatus->setText(m_producer->isRunning()
                                  ? tr("Producer: %1").arg(m_producer->url().toString(QUrl::StripTrailingSlash))
                                  : tr("Producer: stopped"));
}

QString MainWindow::totalsText() const
{
    return m_totals->text();
}

void MainWindow::chooseTheme(const QString &theme)
{
    QSettings().setValue(u"ui/theme"_s, theme);
    Theme::apply(theme);
}

void MainWindow::chooseLanguage(const QString &language)
{
    QSettings().setValue(u"ui/language"_s, language);
    QMessageBox::information(this, tr("Language"), tr("The language changes the next time SSE Scope starts."));
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    QByteArray header = m_headerState;
    if (StreamTab *tab = currentTab()) {
        header = tab->eventsPage()->columnsState();
        settings.setValue(u"window/detailSplitter"_s, tab->eventsPage()->splitter()->saveState());
    }
    settings.setValue(u"window/eventColumns"_s, header);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_headerState = settings.value(u"window/eventColumns"_s).toByteArray();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A recording being opened stops, so that the window does not go on loading once it is closed.
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto tab = qobject_cast<StreamTab *>(m_tabs->widget(i)))
            tab->cancelLoading();
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}
